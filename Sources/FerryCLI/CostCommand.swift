import ArgumentParser
import Blueprint
import ComposeKit
import Foundation
import Planner
import Pricing

/// `ferry cost`: price the plan offline (catalog shipped with ferry), per resource with the arithmetic,
/// totals per tier and the decisions that move the total most.
struct CostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Estimate the monthly AWS cost of the plan, offline.",
        discussion: """
        Prices come from the catalog shipped with ferry (docs/PRICING.md), usage from the tier's assumptions, \
        x-ferry.usage in the compose files and --usage FILE, in that order of precedence.
        """
    )

    @ParentCommand var root: Ferry
    /// The project flags may also follow the subcommand (`ferry cost -f x.yaml`).
    @OptionGroup var local: ProjectOptions

    @OptionGroup var planning: PlanningOptions

    @Option(name: .customLong("usage"), help: "YAML or JSON file of usage assumptions (docs/PRICING.md).")
    var usageFile: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: String = "text"

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("unknown format '\(format)'; choose text or json") }
    }

    func run() throws {
        try CLIError.reporting { try estimate() }
    }

    private func estimate() throws {
        do {
            let project = try root.project.overridden(by: local).loadProject()
            CLIError.printDiagnostics(project)
            let catalog = try PriceCatalog.bundled()
            let plan = { (t: Tier?) -> Blueprint in
                var options = planning.planOptions
                if let t {
                    options.tier = t
                    options.tierIsExplicit = true
                }
                return Planner.plan(project, options: options)
            }
            let blueprint = plan(nil)
            guard catalog.regions.contains(blueprint.region) else {
                throw CLIError.input("no prices for region \(blueprint.region); the catalog covers \(catalog.regions.joined(separator: ", "))")
            }
            let estimator = CostEstimator(catalog: catalog)
            let usage = { (t: Tier) in try CostCheckInputs.usage(tier: t, project: project, file: usageFile) }
            let report = estimator.estimate(blueprint, usage: try usage(blueprint.tier))
            if format == "json" {
                print(CostJSON.render(report), terminator: "")
                return
            }
            var totals: [(tier: Tier, total: Double)] = []
            for t in Tier.allCases {
                if t == blueprint.tier { totals.append((t, report.totalMonthly)); continue }
                let other = plan(t)
                totals.append((t, estimator.estimate(other, usage: try usage(t), withDeltas: false).totalMonthly))
            }
            print(CostText.render(report, project: blueprint.project, tierTotals: totals), terminator: "")
        } catch let error as PricingError {
            throw CLIError.input(error.description)
        }
    }
}

/// Inputs `cost` and `check` share: the project, usage overrides and waivers from `x-ferry`.
enum CostCheckInputs {
    /// Tier defaults, then `x-ferry.usage` (project, then services), then `--usage FILE`.
    static func usage(tier: Tier, project: Project, file: String?) throws -> UsageProfile {
        var usage = UsageProfile(tier: tier)
        let origin = project.composeFiles.first ?? "compose.yaml"
        if let top = project.extensions["x-ferry"]?["usage"] {
            try usage.apply(try usageMap(top, path: "x-ferry.usage", origin: origin), origin: "\(origin) x-ferry.usage")
        }
        for s in project.services {
            guard let u = s.extensions["x-ferry"]?["usage"] else { continue }
            let at = s.location.map(\.description) ?? origin
            try usage.apply(try usageMap(u, path: "services.\(s.name).x-ferry.usage", origin: at), to: s.name,
                            origin: "services.\(s.name).x-ferry.usage")
        }
        if let file {
            let overrides = try UsageFile.load(path: file)
            try usage.apply(overrides, origin: file)
        }
        return usage
    }

    static func usageMap(_ value: ComposeValue, path: String, origin: String) throws -> [String: UsageValue] {
        guard case .map(let m) = try usageValue(value, path: path, origin: origin) else {
            throw CLIError.input("\(origin): \(path) must be a map of usage keys")
        }
        return m
    }

    static func usageValue(_ value: ComposeValue, path: String, origin: String) throws -> UsageValue {
        switch value {
        case .int(let i): return .number(Double(i))
        case .double(let d): return .number(d)
        case .string(let s):
            guard let d = Double(s) else { throw CLIError.input("\(origin): \(path) must be a number, found '\(s)'") }
            return .number(d)
        case .mapping(let pairs):
            var out: [String: UsageValue] = [:]
            for (k, v) in pairs { out[k] = try usageValue(v, path: "\(path).\(k)", origin: origin) }
            return .map(out)
        default:
            throw CLIError.input("\(origin): \(path) must be a number or a map")
        }
    }
}
