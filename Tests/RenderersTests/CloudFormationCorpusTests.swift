import Blueprint
import ComposeKit
import Foundation
@testable import Planner
import XCTest
@testable import Renderers

/// Real projects end to end: the examples, the seed projects and every corpus stack are loaded, planned
/// and rendered; templates must pass cfn-lint, match the golden files (examples and seeds), be
/// byte-identical across runs and never contain a secret value from a compose file or `.env`.
///
/// Golden files live in `Tests/RenderersTests/Golden/CloudFormation/<stack>/`; regenerate them with
/// `FERRY_UPDATE_GOLDEN=1 swift test --filter CloudFormationCorpusTests` and review the diff.
final class CloudFormationCorpusTests: XCTestCase {
    struct Stack {
        var slug: String
        var directory: URL
        var files: [String]
        var setupEnv: String?

        /// Loads a temporary copy of the stack's folder with `setup_env` copied to `.env` beside the first
        /// compose file, as the project's own setup instructions do (the fixtures stay untouched).
        func load() throws -> Project {
            let fm = FileManager.default
            let tmp = fm.temporaryDirectory.appendingPathComponent("ferry-cfn-" + UUID().uuidString)
            defer { try? fm.removeItem(at: tmp) }
            try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
            let copy = tmp.appendingPathComponent(directory.lastPathComponent)
            try fm.copyItem(at: directory, to: copy)
            if let setupEnv, let first = files.first {
                let target = copy.appendingPathComponent(first).deletingLastPathComponent().appendingPathComponent(".env")
                try? fm.removeItem(at: target)
                try fm.copyItem(at: copy.appendingPathComponent(setupEnv), to: target)
            }
            let options = LoadOptions(files: files.map { copy.appendingPathComponent($0).path }, projectDirectory: files.isEmpty ? copy.path : nil,
                                      environment: ["HOME": "/home/ferry"], currentDirectory: copy.path)
            return try ComposeLoader.load(options)
        }
    }

    static let goldenRoot = CloudFormationTestTools.repoRoot.appendingPathComponent("Tests/RenderersTests/Golden/CloudFormation")

    /// `stacks.tsv`: slug, folder, compose files (space-separated), setup env file.
    static func stacks(in directory: URL, prefix: String = "") throws -> [Stack] {
        let text = try String(contentsOf: directory.appendingPathComponent("stacks.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 3 else { return nil }
            let env = columns.count > 3 && !columns[3].isEmpty ? columns[3] : nil
            return Stack(slug: prefix + columns[0], directory: directory.appendingPathComponent(columns[1]),
                         files: columns[2].split(separator: " ").map(String.init), setupEnv: env)
        }
    }

    static func examples() -> [Stack] {
        let root = CloudFormationTestTools.repoRoot.appendingPathComponent("examples")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        return names.compactMap { name in
            let dir = root.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("compose.yaml").path) else { return nil }
            return Stack(slug: "example-" + name, directory: dir, files: [], setupEnv: nil)
        }
    }

    static func render(_ stack: Stack, tier: Tier? = nil) throws -> CloudFormationRenderer.Rendering {
        let blueprint = Planner.plan(try stack.load(), options: PlanOptions(tier: tier, region: "eu-west-1"))
        return CloudFormationRenderer.render(blueprint)
    }

    func testGoldenTemplatesForExamplesAndSeeds() throws {
        let shared = try CloudFormationTestTools.sharedDirectory()
        let stacks = Self.examples() + (try Self.stacks(in: shared.appendingPathComponent("seed-projects")))
        let update = ProcessInfo.processInfo.environment["FERRY_UPDATE_GOLDEN"] == "1"
        for stack in stacks {
            let rendering = try Self.render(stack)
            XCTAssertEqual(rendering.problems, [], stack.slug)
            let dir = Self.goldenRoot.appendingPathComponent(stack.slug)
            if update {
                try? FileManager.default.removeItem(at: dir)
                _ = try CloudFormationLint.write(rendering, to: dir)
                continue
            }
            for file in rendering.files {
                let golden = try? String(contentsOf: dir.appendingPathComponent(file.path), encoding: .utf8)
                XCTAssertNotNil(golden, "\(stack.slug)/\(file.path): no golden file (run with FERRY_UPDATE_GOLDEN=1)")
                if let golden, golden != file.contents {
                    XCTFail("\(stack.slug)/\(file.path) differs from its golden file: \(Self.firstDifference(golden, file.contents))")
                }
            }
        }
    }

    func testEveryStackRendersLintCleanAndDeterministic() throws {
        let shared = try CloudFormationTestTools.sharedDirectory()
        let stacks = Self.examples()
            + (try Self.stacks(in: shared.appendingPathComponent("seed-projects")))
            + (try Self.stacks(in: shared.appendingPathComponent("corpus"), prefix: "corpus-"))
        // cfn-lint dominates the run time: every tier of the examples and seeds, the corpus at mvp
        // (prod-only features — Aurora, WAF, access logs, flow logs — are covered by the seeds).
        func linted(_ stack: Stack, _ tier: Tier) -> Bool { !stack.slug.hasPrefix("corpus-") || tier == .mvp }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-cfn-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var templates: [URL] = []
        for stack in stacks {
            let project: Project
            do { project = try stack.load() } catch let error as ComposeError {
                // A few corpus stacks lack upstream files or required variables; the loader's tests expect
                // those failures. Nothing to render for them.
                print("\(stack.slug): not loaded (\(error))")
                continue
            }
            for tier in [Tier.mvp, .prod] {
                let blueprint = Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
                let rendering = CloudFormationRenderer.render(blueprint)
                XCTAssertEqual(rendering.problems, [], "\(stack.slug) \(tier)")
                XCTAssertEqual(rendering.files, CloudFormationRenderer.render(blueprint).files, "\(stack.slug) \(tier) is not deterministic")
                for file in rendering.files {
                    for (secret, origin) in Self.leakCheck(project).sorted(by: { $0.value < $1.value }) where file.contents.contains(secret) {
                        XCTFail("\(stack.slug) \(tier) \(file.path) contains the value of \(origin)")
                    }
                }
                if linted(stack, tier) {
                    templates += try CloudFormationLint.write(rendering, to: directory.appendingPathComponent("\(stack.slug)-\(tier.rawValue)"))
                }
            }
        }
        try CloudFormationLint.assertClean(templates)
    }

    /// The planner's own secret values (long enough that finding one means it leaked), and the
    /// name list below as a floor; each with where it comes from, never the value.
    static func leakCheck(_ project: Project) -> [String: String] {
        let open = SecretTaint.openValues(project)
        var out = secretValues(project).filter { !open.contains($0.key) }
        for (i, v) in SecretValues.of(project).sorted().enumerated() where v.utf8.count >= 8 && out[v] == nil {
            out[v] = "planner secret #\(i + 1)"
        }
        return out
    }

    /// Values that must never reach output, by variable name: values of variables whose names say secret,
    /// and passwords inside URLs. Values that are also used openly (a password equal to the user or
    /// database name, a service name) and file paths (`*_FILE` secrets) are not counted.
    static func secretValues(_ project: Project) -> [String: String] {
        let secretWords: Set<String> = ["SECRET", "PASSWORD", "PASSWD", "PASS", "TOKEN", "PRIVATE", "CREDENTIAL", "CREDENTIALS"]
        let services = project.services + project.disabledServices
        // Browser-side variables and anon keys are public by design: they ship to every visitor.
        func isSecretName(_ name: String) -> Bool {
            let upper = name.uppercased()
            if ["NEXT_PUBLIC_", "VITE_", "REACT_APP_"].contains(where: { upper.hasPrefix($0) }) || upper.contains("ANON_KEY") { return false }
            let words = upper.split(separator: "_").map(String.init)
            return (words.contains { secretWords.contains($0) } || upper.hasSuffix("KEY")) && !upper.hasSuffix("_FILE")
        }
        var open: Set<String> = Set(services.map(\.name)).union([project.name])
        // Image names (`postgres` as a development password is also the engine's name).
        for image in services.compactMap(\.image) {
            for part in image.split(whereSeparator: { $0 == "/" || $0 == ":" }) { open.insert(String(part)) }
        }
        for service in services {
            for entry in service.environment where !isSecretName(entry.name) {
                guard let value = entry.value else { continue }
                open.insert(value)
                if let user = urlUser(value) { open.insert(user) }
            }
        }
        var values: [String: String] = [:]
        for service in services {
            for entry in service.environment {
                guard let value = entry.value, value.count >= 8, !value.hasPrefix("/") else { continue }
                if isSecretName(entry.name), !["true", "false"].contains(value.lowercased()), !open.contains(value) {
                    values[value] = "\(service.name).\(entry.name)"
                }
                if let password = urlPassword(value), password.count >= 6, !open.contains(password) {
                    values[password] = "\(service.name).\(entry.name) (URL password)"
                }
            }
        }
        return values
    }

    static func urlUser(_ value: String) -> String? {
        guard let scheme = value.firstRange(of: "://") else { return nil }
        let rest = value[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return nil }
        return String(rest[..<at].prefix { $0 != ":" })
    }

    static func urlPassword(_ value: String) -> String? {
        guard let scheme = value.firstRange(of: "://") else { return nil }
        let rest = value[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return nil }
        let credentials = rest[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return nil }
        let password = String(credentials[credentials.index(after: colon)...])
        return password.hasPrefix("$") ? nil : password
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let la = a.split(separator: "\n", omittingEmptySubsequences: false)
        let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(la.count, lb.count) {
            let x = index < la.count ? String(la[index]) : "<end>"
            let y = index < lb.count ? String(lb[index]) : "<end>"
            if x != y { return "line \(index + 1): golden `\(x)`, now `\(y)`" }
        }
        return "trailing bytes"
    }
}
