import ComposeKit
import Blueprint
import Foundation
@testable import Planner
import Policy
import Pricing
import Renderers
import XCTest
@testable import FerryCLI

/// No secret value, by the planner's own classification (`SecretValues`), appears in anything ferry
/// writes for a project: CloudFormation (nested stacks, parameters, README), the GitHub Actions
/// workflow, the guide, diagrams, the cost estimate, check output and the plan, at every tier, for
/// every example, seed and corpus stack. A failure names the stack, tier and file, never the value.
final class SecretLeakTests: XCTestCase {
    func testNoOutputHoldsASecretValue() throws {
        let stacks = try LeakStacks.all()
        var checked = 0
        var leaks: [String] = []
        for stack in stacks {
            guard let loaded = try? stack.load() else { continue }  // stacks lacking files their authors never committed
            defer { loaded.cleanup() }
            let project = loaded.project
            let secrets = SecretValues.of(project).filter { $0.utf8.count >= 8 }.sorted()
            for tier in Tier.allCases {
                let blueprint = Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
                for (name, text) in try Self.outputs(blueprint, project: project) {
                    // Reports explain placeholders by example (`change-me`); where a value could be written, none may be.
                    let writesValues = name.hasPrefix("cloudformation/") || name.hasPrefix("github-actions/") || name.hasPrefix("terraform/") || name == "blueprint.json"
                    for (i, secret) in secrets.enumerated() where text.contains(secret) && (writesValues || !SecretSignals.isPlaceholder(secret)) {
                        leaks.append("\(stack.name) \(tier.rawValue) \(name): secret #\(i + 1)")
                    }
                }
            }
            checked += 1
        }
        XCTAssertEqual(leaks, [])
        XCTAssertGreaterThan(checked, 40, "most stacks should load")
    }

    /// Every file and report, by a name for the failure message.
    static func outputs(_ b: Blueprint, project: Project) throws -> [(String, String)] {
        var out: [(String, String)] = []
        for f in CloudFormationRenderer.render(b).files { out.append(("cloudformation/\(f.path)", f.contents)) }
        let context = GenerateContext(projectDirectory: project.workingDirectory, outputDirectory: project.workingDirectory)
        for f in GenerateTarget.githubActions.render(b, context).files { out.append(("github-actions/\(f.path)", f.contents)) }
        for f in TerraformRenderer.render(b).files { out.append(("terraform/\(f.path)", f.contents)) }
        let cost = try GuideInputs.cost(for: b, project: project, usageFile: nil)
        out.append(("cost", CostText.render(cost, project: b.project)))
        out.append(("cost.json", CostJSON.render(cost)))
        let findings = try GuideInputs.findings(for: b, project: project)
        out.append(("guide", GuideRenderer.render(b, cost: cost, findings: findings, options: GuideOptions())))
        for format in DiagramRenderer.Format.allCases { out.append(("diagram.\(format.rawValue)", DiagramRenderer.render(b, format: format))) }
        let template = try TemplateDocument(json: CloudFormationRenderer.template(for: b).template.json(), origin: "generated template")
        let report = PolicyEngine().run(PolicyContext(blueprint: b, template: template, tier: b.tier), waivers: try WaiverReader.read(project))
        out.append(("check", TextReport.render(report, failOn: .high)))
        out.append(("check.json", JSONReport.render(report, failOn: .high)))
        out.append(("check.sarif", SARIFReport.render(report, baseDirectory: project.workingDirectory, defaultURI: "compose.yaml", toolVersion: "test")))
        out += [("plan.json", PlanFormatter.json(b)), ("plan.table", PlanFormatter.table(b)), ("plan.md", PlanFormatter.markdown(b)),
                ("blueprint.json", PlanFormatter.blueprintJSON(b))]
        return out
    }
}

/// The examples, and the seeds and corpus of `$FERRY_SHARED` (or `<repo>/../shared`) as their
/// `stacks.tsv` lists them, each `setup_env` copied to `.env` in a temporary copy.
enum LeakStacks {
    struct Stack {
        var name: String
        var directory: URL
        var files: [String]
        var setupEnv: String?

        struct Loaded {
            var project: Project
            var scratch: URL?
            func cleanup() { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        }

        func load() throws -> Loaded {
            var dir = directory
            var scratch: URL?
            if let setupEnv {
                let copy = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-leak-\(UUID().uuidString)")
                let target = copy.appendingPathComponent(directory.lastPathComponent)
                try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: directory, to: target)
                let dotenv = target.appendingPathComponent(files.first ?? "compose.yaml").deletingLastPathComponent().appendingPathComponent(".env")
                if !FileManager.default.fileExists(atPath: dotenv.path) {
                    try? FileManager.default.copyItem(at: target.appendingPathComponent(setupEnv), to: dotenv)
                }
                dir = target
                scratch = copy
            }
            do {
                let project = try ComposeLoader.load(LoadOptions(files: files.map { dir.appendingPathComponent($0).path }, projectDirectory: dir.path,
                                                                 profiles: ["*"], environment: [:], currentDirectory: dir.path))
                return Loaded(project: project, scratch: scratch)
            } catch {
                if let scratch { try? FileManager.default.removeItem(at: scratch) }
                throw error
            }
        }
    }

    static var repoRoot: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    static func all() throws -> [Stack] {
        let examples = repoRoot.appendingPathComponent("examples")
        var stacks = ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []).sorted().compactMap { name -> Stack? in
            let dir = examples.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("compose.yaml").path) else { return nil }
            return Stack(name: "examples-\(name)", directory: dir, files: ["compose.yaml"], setupEnv: nil)
        }
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["FERRY_SHARED"], repoRoot.deletingLastPathComponent().appendingPathComponent("shared").path].compactMap { $0 }
        guard let shared = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/seed-projects") }) else {
            if env["CI"] != nil { XCTFail("shared fixtures not found (set FERRY_SHARED); required in CI") }
            print("SKIP: shared fixtures not found; only the examples are checked")
            return stacks
        }
        let root = URL(fileURLWithPath: shared).standardizedFileURL
        for (folder, prefix) in [("seed-projects", "seed-"), ("corpus", "corpus-")] {
            let dir = root.appendingPathComponent(folder)
            let text = try String(contentsOf: dir.appendingPathComponent("stacks.tsv"), encoding: .utf8)
            for line in text.split(separator: "\n").dropFirst() {
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard cells.count >= 3 else { continue }
                stacks.append(Stack(name: prefix + cells[0], directory: dir.appendingPathComponent(cells[1]),
                                    files: cells[2].split(separator: " ").map(String.init),
                                    setupEnv: cells.count > 3 && !cells[3].isEmpty ? cells[3] : nil))
            }
        }
        return stacks
    }
}
