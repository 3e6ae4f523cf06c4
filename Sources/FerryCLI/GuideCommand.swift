import ArgumentParser
import Blueprint
import ComposeKit
import Foundation
import Planner
import Policy
import Pricing
import Renderers

/// `ferry guide`: the migration guide in Markdown, from the plan, its cost estimate and the policy findings.
struct GuideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guide",
        abstract: "Write the migration guide (Markdown) for the planned AWS architecture.",
        discussion: """
            The guide holds an overview with a Mermaid diagram, the service and environment variable mappings, \
            a checklist in dependency order, the cost estimate, findings, a testing checklist, a rollback plan \
            and ways to spend less. It names where every value lives and never prints one.
            """
    )

    @ParentCommand var root: Ferry
    @OptionGroup var local: ProjectOptions
    @OptionGroup var planning: PlanningOptions

    @Option(name: [.short, .customLong("output")], help: "Write to this file (e.g. MIGRATION.md) instead of standard output.")
    var output: String?

    @Flag(name: .customLong("no-cost"), help: "Leave out the cost estimate.")
    var noCost = false

    @Option(name: .customLong("usage"), help: "Usage assumptions file for the estimate (as `ferry cost --usage`).")
    var usageFile: String?

    @Option(name: .customLong("template-dir"), help: "Where the CloudFormation template is generated, for the guide's commands.")
    var templateDirectory: String = "infra/aws"

    func run() throws {
        try CLIError.reporting {
            let options = root.project.overridden(by: local)
            let project = try options.loadProject()
            CLIError.printDiagnostics(project)
            let blueprint = Planner.plan(project, options: planning.planOptions)
            let cost: CostReport? = noCost ? nil : try GuideInputs.cost(for: blueprint, project: project, usageFile: usageFile)
            let findings = try GuideInputs.findings(for: blueprint, project: project)
            let files = project.composeFiles.map { GuideInputs.displayPath($0, relativeTo: FileManager.default.currentDirectoryPath) }
            let text = GuideRenderer.render(blueprint, cost: cost, findings: findings,
                                            options: GuideOptions(composeFiles: files, templateDirectory: templateDirectory))
            try OutputFile.write(text, to: output)
        }
    }
}

/// Writing a command's text to a file or standard output.
enum OutputFile {
    static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            print(text, terminator: "")
            return
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CLIError.input("\(path): cannot write: \(error.localizedDescription)")
        }
    }
}

/// What the guide shows besides the Blueprint, computed here so Renderers need not import Pricing or Policy.
/// Usage overrides and waivers come from the same places `ferry cost` and `ferry check` read them.
enum GuideInputs {
    /// The offline estimate for the Blueprint's tier and region, with `x-ferry.usage` and `--usage FILE`.
    static func cost(for blueprint: Blueprint, project: Project, usageFile: String?) throws -> CostReport {
        do {
            let catalog = try PriceCatalog.bundled()
            guard catalog.regions.contains(blueprint.region) else {
                throw CLIError.input("no prices for region \(blueprint.region); the catalog covers "
                                     + catalog.regions.joined(separator: ", ") + " (or use --no-cost)")
            }
            let usage = try CostCheckInputs.usage(tier: blueprint.tier, project: project, file: usageFile)
            return CostEstimator(catalog: catalog).estimate(blueprint, usage: usage)
        } catch let error as PricingError {
            throw CLIError.input(error.description)
        }
    }

    /// Policy findings over the Blueprint and the template it renders to, with the project's waivers
    /// (planner findings included).
    static func findings(for blueprint: Blueprint, project: Project) throws -> [Finding] {
        do {
            let json = CloudFormationRenderer.template(for: blueprint).template.json()
            let template = try TemplateDocument(json: json, origin: "generated template")
            let waivers = try WaiverReader.read(project)
            let report = PolicyEngine().run(PolicyContext(blueprint: blueprint, template: template, tier: blueprint.tier),
                                            waivers: waivers)
            return report.findings.map(\.finding)
        } catch let error as PolicyError {
            throw CLIError.input(error.description)
        }
    }

    /// `infra/compose.yaml` for a file under the current directory, the absolute path otherwise.
    static func displayPath(_ path: String, relativeTo directory: String) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
