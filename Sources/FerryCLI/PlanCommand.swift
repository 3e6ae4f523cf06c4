import ArgumentParser
import Blueprint
import Foundation
import Planner

/// `ferry plan`: what every compose service becomes on AWS and why, the environment variable
/// classification, the resources the plan calls for, and the findings.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what each service becomes on AWS, with the evidence, and the findings.",
        discussion: """
            A table per service (role, target, public, why) by default. --format json prints the stable \
            contract scripts read (services, env, resources, findings); --format markdown a document; \
            --format blueprint the whole Blueprint. Output is deterministic. Exits 1 when a finding of \
            severity error is not waived.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, markdown, blueprint }

    @ParentCommand var root: Ferry
    @OptionGroup var local: ProjectOptions
    @OptionGroup var planning: PlanningOptions

    @Option(help: "Output format: table, json, markdown or blueprint.")
    var format: Format = .table

    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        try CLIError.reporting {
            let project = try root.project.overridden(by: local).loadProject()
            CLIError.printDiagnostics(project)
            let blueprint = Planner.plan(project, options: planning.planOptions)
            let text: String
            switch format {
            case .table: text = PlanFormatter.table(blueprint)
            case .json: text = PlanFormatter.json(blueprint)
            case .markdown: text = PlanFormatter.markdown(blueprint)
            case .blueprint: text = PlanFormatter.blueprintJSON(blueprint)
            }
            try OutputFile.write(text, to: output)
            let failing = blueprint.findings.filter { $0.isActive && $0.severity == .error }
            if !failing.isEmpty {
                throw CLIError.input("\(failing.count) finding(s) of severity error: \(failing.map(\.id).joined(separator: ", "))")
            }
        }
    }
}
