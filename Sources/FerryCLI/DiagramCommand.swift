import ArgumentParser
import Blueprint
import Planner
import Renderers

/// `ferry diagram`: the planned architecture alone, as Mermaid or as text for a terminal.
struct DiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagram",
        abstract: "Draw the planned AWS architecture (Mermaid or ASCII).",
        discussion: """
            Mermaid renders in GitHub Markdown (`ferry diagram > ARCHITECTURE.mmd`); ascii draws boxes in tiers \
            for a terminal (unicode uses box-drawing characters).
            """
    )

    @ParentCommand var root: Ferry
    @OptionGroup var local: ProjectOptions
    @OptionGroup var planning: PlanningOptions

    @Option(help: "Output format: mermaid, ascii or unicode.")
    var format: DiagramRenderer.Format = .mermaid

    @Option(help: "Widest line of the ascii drawing.")
    var width: Int = 100

    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard (40...400).contains(width) else { throw ValidationError("--width must be between 40 and 400") }
    }

    func run() throws {
        try CLIError.reporting {
            let project = try root.project.overridden(by: local).loadProject()
            CLIError.printDiagnostics(project)
            let blueprint = Planner.plan(project, options: planning.planOptions)
            let text = DiagramRenderer.render(blueprint, format: format, maxWidth: width)
            try OutputFile.write(text, to: output)
        }
    }
}

extension DiagramRenderer.Format: ExpressibleByArgument {}
