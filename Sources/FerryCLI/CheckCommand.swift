import ArgumentParser
import Blueprint
import ComposeKit
import Foundation
import Planner
import Policy
import Renderers

/// `ferry check`: run the policy pack over the Blueprint and the CloudFormation template ferry renders
/// for it; exit 1 when a finding at or above `--fail-on` remains unwaived.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the plan and its CloudFormation against ferry's security policy pack.",
        discussion: """
        Waive a finding with a reason under x-ferry.waive (top level, or on a service for that service only). \
        Checks and their checkov / cfn-lint / cfn_nag equivalents: docs/POLICY.md or --list-checks.
        """
    )

    @ParentCommand var root: Ferry
    /// The project flags may also follow the subcommand (`ferry check -f x.yaml`).
    @OptionGroup var local: ProjectOptions

    @OptionGroup var planning: PlanningOptions

    @Option(name: .long, help: "Output format: text, json or sarif (SARIF 2.1.0 for GitHub code scanning).")
    var format: String = "text"

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: low, medium, high or critical.")
    var failOn: String = CheckSeverity.high.rawValue

    @Option(name: .long, help: "Check this CloudFormation template (JSON) instead of the one ferry renders.")
    var template: String?

    @Option(name: .long, help: "Which rendered output to check: cloudformation (default) or terraform (the same checks over `generate --target terraform`).")
    var target: String = "cloudformation"

    @Flag(name: .customLong("list-checks"), help: "List the checks and exit.")
    var listChecks = false

    func validate() throws {
        guard ["cloudformation", "terraform"].contains(target) else {
            throw ValidationError("unknown target '\(target)'; choose cloudformation or terraform")
        }
        guard target == "cloudformation" || template == nil else { throw ValidationError("--template checks a CloudFormation template; leave out --target terraform") }
        guard ["text", "json", "sarif"].contains(format) else { throw ValidationError("unknown format '\(format)'; choose text, json or sarif") }
        guard CheckSeverity(rawValue: failOn) != nil else {
            throw ValidationError("unknown severity '\(failOn)' for --fail-on; choose low, medium, high or critical")
        }
    }

    func run() throws {
        try CLIError.reporting { try check() }
    }

    private func check() throws {
        if listChecks {
            for c in PolicyPack.all.sorted(by: { $0.id < $1.id }) {
                print("\(c.id)\t\(c.severity.rawValue)\t\(c.title)\t\(c.related.joined(separator: ","))")
            }
            return
        }
        let threshold = CheckSeverity(rawValue: failOn) ?? .high
        let report: PolicyReport
        let project: Project
        do {
            project = try root.project.overridden(by: local).loadProject()
            CLIError.printDiagnostics(project)
            let blueprint = Planner.plan(project, options: planning.planOptions)
            let templateJSON: String
            let origin: String
            var terraform: TemplateDocument?
            if target == "terraform" {
                terraform = TemplateDocument(terraform: TerraformRenderer.render(blueprint).hcl)
                templateJSON = ""
                origin = "generated Terraform"
            } else if let template {
                guard let data = FileManager.default.contents(atPath: template) else {
                    throw CLIError.input("\(template): cannot read the template")
                }
                templateJSON = String(decoding: data, as: UTF8.self)
                origin = template
            } else {
                templateJSON = CloudFormationRenderer.template(for: blueprint).template.json()
                origin = "generated template"
            }
            let document = try terraform ?? TemplateDocument(json: templateJSON, origin: origin)
            let waivers = try WaiverReader.read(project)
            report = PolicyEngine().run(PolicyContext(blueprint: blueprint, template: document, tier: blueprint.tier), waivers: waivers)
        } catch let error as PolicyError {
            throw CLIError.input(error.description)
        }
        switch format {
        case "json": print(JSONReport.render(report, failOn: threshold), terminator: "")
        case "sarif":
            let base = FileManager.default.currentDirectoryPath
            print(SARIFReport.render(report, baseDirectory: base, defaultURI: project.composeFiles.first ?? "compose.yaml",
                                     toolVersion: Ferry.configuration.version), terminator: "")
        default: print(TextReport.render(report, failOn: threshold), terminator: "")
        }
        if !report.failing(at: threshold).isEmpty { throw ExitCode(1) }
    }
}

/// Reads `x-ferry.waive` at the top level and on services. Either form works:
/// a list of `{id, reason}` maps, or a map of id → reason. A waiver without a reason is an error.
enum WaiverReader {
    static func read(_ project: Project) throws -> [Waiver] {
        let file = project.composeFiles.first ?? "compose.yaml"
        var out: [Waiver] = []
        if let v = project.extensions["x-ferry"]?["waive"] {
            out += try parse(v, service: nil, origin: file, path: "x-ferry.waive")
        }
        for s in project.services {
            guard let v = s.extensions["x-ferry"]?["waive"] else { continue }
            let origin = s.locations["x-ferry"]?.description ?? s.location?.description ?? file
            out += try parse(v, service: s.name, origin: origin, path: "services.\(s.name).x-ferry.waive")
        }
        return out
    }

    static func parse(_ value: ComposeValue, service: String?, origin: String, path: String) throws -> [Waiver] {
        func waiver(_ id: String?, _ reason: String?) throws -> Waiver {
            guard let id, !id.isEmpty else { throw CLIError.input("\(origin): \(path): a waiver needs an id") }
            guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CLIError.input("\(origin): \(path).\(id): a waiver needs a reason")
            }
            return Waiver(id: id, reason: reason, service: service, origin: origin)
        }
        switch value {
        case .sequence(let items):
            return try items.map { item in
                guard case .mapping = item else { throw CLIError.input("\(origin): \(path): each waiver is a map with id and reason") }
                return try waiver(item["id"]?.scalarText, item["reason"]?.scalarText)
            }
        case .mapping(let pairs):
            return try pairs.map { try waiver($0.key, $0.value.scalarText) }
        default:
            throw CLIError.input("\(origin): \(path) must be a list of {id, reason} or a map of id: reason")
        }
    }
}
