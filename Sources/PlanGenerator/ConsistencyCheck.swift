import Blueprint
import ComposeKit
import Foundation
import Planner
import Policy
import Pricing
import Renderers

/// Loads a generated project, plans it at each tier and runs every renderer on the Blueprint, the way
/// the `ferry` commands do. Whatever a correct Blueprint never produces is reported: render problems,
/// thrown errors, resource counts that disagree with the template, a secret value in an output.
public struct ConsistencyCheck: Sendable {
    public struct Outcome: Sendable {
        /// Set when the project did not load (a generator bug, counted apart from plan failures).
        public var loadError: String?
        public var failures: [String] = []
        /// The mvp tier's single template as JSON, for linting a sample.
        public var mvpTemplateJSON: String?
        public var serviceCount = 0
        /// Seconds spent per stage (load, plan, cloudformation, check, cost, guide, diagram, workflow, text scan).
        public var stageSeconds: [String: Double] = [:]
    }

    /// Tiers planned and rendered to CloudFormation.
    public var tiers: [Tier]
    /// Where the other renderers (check, cost, guide, diagram, workflow, plan text) run as well.
    public enum Coverage: Sendable {
        case tiers(Set<Tier>)
        /// One tier per generated project, in turn by index: a third of the time, every tier covered.
        case rotating
    }
    public var everyRenderer: Coverage
    private let estimator: CostEstimator

    public init(tiers: [Tier] = Tier.allCases, everyRenderer: Coverage = .tiers(Set(Tier.allCases))) throws {
        self.tiers = tiers
        self.everyRenderer = everyRenderer
        estimator = CostEstimator(catalog: try PriceCatalog.bundled())
    }

    /// Writes `generated` under `scratch`, checks it and removes it again.
    public func run(_ generated: GeneratedProject, scratch: URL) -> Outcome {
        let dir = scratch.appendingPathComponent(generated.name)
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try generated.write(to: dir)
        } catch {
            return Outcome(loadError: "cannot write \(dir.path): \(error)")
        }
        let everyRendererTiers: Set<Tier>
        switch everyRenderer {
        case .tiers(let t): everyRendererTiers = t
        case .rotating: everyRendererTiers = [Tier.allCases[generated.index % Tier.allCases.count]]
        }
        return run(projectAt: dir, profiles: generated.profiles, secretValues: generated.secretValues, everyRendererTiers: everyRendererTiers)
    }

    /// Checks the project whose `compose.yaml` is in `dir`; `secretValues` must appear in no output.
    public func run(projectAt dir: URL, profiles: [String] = [], secretValues: [String] = [],
                    everyRendererTiers: Set<Tier> = Set(Tier.allCases)) -> Outcome {
        var outcome = Outcome()
        var clock = StageClock()
        let project: Project
        do {
            project = try ComposeLoader.load(LoadOptions(files: [dir.appendingPathComponent("compose.yaml").path], projectDirectory: dir.path,
                                                         profiles: profiles, environment: [:], currentDirectory: dir.path))
        } catch {
            outcome.loadError = "\(error)"
            outcome.stageSeconds = clock.seconds
            return outcome
        }
        clock.lap("load")
        outcome.serviceCount = project.services.count
        for tier in tiers {
            let blueprint = Planner.plan(project, options: PlanOptions(tier: tier))
            clock.lap("plan")
            var texts: [(String, String)] = []
            let (failures, templateJSON) = check(blueprint, project: project, everyRenderer: everyRendererTiers.contains(tier),
                                                 texts: &texts, clock: &clock)
            if tier == .mvp { outcome.mvpTemplateJSON = templateJSON }
            outcome.failures += failures.map { "\(tier.rawValue): \($0)" }
            for (what, text) in texts {
                for value in secretValues where text.contains(value) {
                    outcome.failures.append("\(tier.rawValue): \(what) contains the value of a secret (\(value))")
                }
            }
            clock.lap("secret scan")
        }
        outcome.stageSeconds = clock.seconds
        return outcome
    }

    /// The failures, and the single template as JSON when every renderer ran.
    private func check(_ b: Blueprint, project: Project, everyRenderer: Bool, texts: inout [(String, String)],
                       clock: inout StageClock) -> ([String], String?) {
        var failures: [String] = []
        let rendering = CloudFormationRenderer.render(b)
        clock.lap("cloudformation")
        failures += rendering.problems.map { "cloudformation: \($0)" }
        texts += rendering.files.map { ("cloudformation \($0.path)", $0.contents) }
        let rendered = rendering.stacks.resourceCounts, planned = ResourceCounter.count(b)
        for type in Set(rendered.keys).union(planned.keys).sorted() where rendered[type] != planned[type] {
            failures.append("resource count \(type): plan \(planned[type] ?? 0), template \(rendered[type] ?? 0)")
        }
        if b.services.count < project.services.count { failures.append("a service is missing from the plan") }
        for s in b.services where [.web, .internal, .worker, .job].contains(s.role) && b.workload(named: s.name) == nil {
            failures.append("\(s.name) is \(s.role.rawValue) but has no workload")
        }
        clock.lap("invariants")
        guard everyRenderer else { return (failures, nil) }

        let templateJSON = CloudFormationRenderer.template(for: b).template.json()
        clock.lap("template json")
        let report: PolicyReport
        do {
            let document = try TemplateDocument(json: templateJSON, origin: "generated template")
            report = PolicyEngine().run(PolicyContext(blueprint: b, template: document, tier: b.tier), waivers: [])
        } catch {
            return (failures + ["check: \(error)"], templateJSON)
        }
        texts.append(("check text", TextReport.render(report, failOn: .high)))
        texts.append(("check json", JSONReport.render(report, failOn: .high)))
        // SARIF is left out: it is the JSON report's findings again, and its JSONSerialization took an eighth of a run.
        clock.lap("check")

        var cost: CostReport?
        if estimator.catalog.regions.contains(b.region) {
            let r = estimator.estimate(b, usage: UsageProfile(tier: b.tier))
            if !r.totalMonthly.isFinite || r.totalMonthly < 0 { failures.append("cost: total \(r.totalMonthly)") }
            for line in r.lines where !line.monthly.isFinite || line.monthly < 0 {
                failures.append("cost: line \(line.resource) \(line.monthly)")
            }
            texts.append(("cost text", CostText.render(r, project: b.project)))
            texts.append(("cost json", CostJSON.render(r)))
            cost = r
        } else {
            failures.append("cost: no prices for region \(b.region)")
        }
        clock.lap("cost")
        texts.append(("guide", GuideRenderer.render(b, cost: cost, findings: report.findings.map(\.finding),
                                                    options: GuideOptions(composeFiles: ["compose.yaml"]))))
        clock.lap("guide")
        for format in DiagramRenderer.Format.allCases {
            texts.append(("diagram \(format.rawValue)", DiagramRenderer.render(b, format: format)))
        }
        clock.lap("diagram")
        let workflow = GitHubActionsRenderer.render(b, options: GitHubActionsOptions())
        if workflow.isEmpty { failures.append("github-actions: no files") }
        texts += workflow.map { ("github-actions \($0.path)", $0.contents) }
        clock.lap("workflow")
        texts += [("plan json", PlanFormatter.json(b)), ("blueprint json", PlanFormatter.blueprintJSON(b)),
                  ("plan table", PlanFormatter.table(b)), ("plan markdown", PlanFormatter.markdown(b))]
        clock.lap("plan text")
        return (failures, templateJSON)
    }
}

/// Wall time per named stage, for finding what makes a long run slow.
struct StageClock {
    private(set) var seconds: [String: Double] = [:]
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        seconds[stage, default: 0] += Double(now - last) / 1e9
        last = now
    }
}
