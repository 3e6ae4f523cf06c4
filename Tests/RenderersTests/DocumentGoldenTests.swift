import Blueprint
import ComposeKit
import Foundation
import Planner
import XCTest
@testable import Renderers

/// Golden files for the guide, both diagrams and the deploy workflow of every example and seed
/// project. After an intended change (in the planner or a renderer), regenerate them with
/// `FERRY_UPDATE_GOLDEN=1 swift test --filter DocumentGoldenTests` and review the diff.
final class DocumentGoldenTests: XCTestCase {
    struct Case {
        var name: String
        var directory: URL
        var files: [String]
        var envFiles: [String]
    }

    static let goldenRoot = CloudFormationTestTools.repoRoot.appendingPathComponent("Tests/RenderersTests/Golden")
    static var updating: Bool { ProcessInfo.processInfo.environment["FERRY_UPDATE_GOLDEN"] == "1" }

    static func exampleCases() -> [Case] {
        let examples = CloudFormationTestTools.repoRoot.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []
        return names.sorted().compactMap { name in
            let dir = examples.appendingPathComponent(name)
            let compose = dir.appendingPathComponent("compose.yaml")
            guard FileManager.default.fileExists(atPath: compose.path) else { return nil }
            return Case(name: "examples-" + name, directory: dir, files: ["compose.yaml"], envFiles: [])
        }
    }

    /// The seeds as `stacks.tsv` lists them: slug, folder, compose files, env file to use as `.env`.
    static func seedCases(_ shared: URL) throws -> [Case] {
        let seeds = shared.appendingPathComponent("seed-projects")
        let table = try String(contentsOf: seeds.appendingPathComponent("stacks.tsv"), encoding: .utf8)
        return table.split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 3 else { return nil }
            let env = cells.count > 3 && !cells[3].isEmpty ? [cells[3]] : []
            return Case(name: "seed-" + cells[0], directory: seeds.appendingPathComponent(cells[1]),
                        files: cells[2].split(separator: " ").map(String.init), envFiles: env)
        }
    }

    /// Plans a case as its authors set it up: a seed whose `setup_env` is given is loaded from a
    /// temporary copy where that file is the project's `.env` (shared/ stays read-only).
    static func blueprint(_ c: Case) throws -> Blueprint { try load(c).blueprint }

    /// The Blueprint and the directory it was loaded from.
    static func load(_ c: Case) throws -> (blueprint: Blueprint, directory: String) {
        var directory = c.directory
        var scratch: URL?
        if let env = c.envFiles.first {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-golden-\(UUID().uuidString)")
                .appendingPathComponent(c.directory.lastPathComponent)
            try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: c.directory, to: copy)
            let dotenv = copy.appendingPathComponent(".env")
            if !FileManager.default.fileExists(atPath: dotenv.path) {
                try FileManager.default.copyItem(at: copy.appendingPathComponent(env), to: dotenv)
            }
            directory = copy
            scratch = copy.deletingLastPathComponent()
        }
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        let project = try ComposeLoader.load(LoadOptions(
            files: c.files.map { directory.appendingPathComponent($0).path },
            projectDirectory: directory.path, environment: [:], currentDirectory: directory.path))
        var blueprint = Planner.plan(project, options: PlanOptions())
        // Before rendering: table columns are padded to the text, so the text must already be machine-independent.
        for i in blueprint.services.indices {
            for j in blueprint.services[i].dropped.indices {
                blueprint.services[i].dropped[j].reason = normalized(blueprint.services[i].dropped[j].reason, loadedFrom: directory.path)
                blueprint.services[i].dropped[j].instead = normalized(blueprint.services[i].dropped[j].instead, loadedFrom: directory.path)
            }
        }
        for i in blueprint.findings.indices {
            blueprint.findings[i].message = normalized(blueprint.findings[i].message, loadedFrom: directory.path)
            blueprint.findings[i].fix = normalized(blueprint.findings[i].fix, loadedFrom: directory.path)
        }
        return (blueprint, directory.path)
    }

    /// The planner still writes a few host paths (bind-mount sources) into dropped-key reasons; make them
    /// project-relative so the files are the same on every machine.
    static func normalized(_ text: String, loadedFrom directory: String) -> String {
        text.replacing(directory + "/", with: "").replacing(directory, with: ".")
    }

    static func documents(_ c: Case, _ b: Blueprint) -> [(String, String)] {
        // The guide embeds the Mermaid diagram; the role template is covered by cfn-lint instead.
        let workflow = GitHubActionsRenderer.render(b, options: GitHubActionsOptions(repository: "example/\(b.project)"))
            .first { $0.path == GitHubActionsRenderer.workflowPath }?.contents ?? ""
        return [
            ("MIGRATION.md", GuideRenderer.render(b, options: GuideOptions(composeFiles: c.files))),
            ("diagram.txt", DiagramRenderer.render(b, format: .ascii)),
            ("deploy.yml", workflow),
        ]
    }

    func check(_ cases: [Case]) throws {
        var failures: [String] = []
        for c in cases {
            let (b, loadedFrom) = try Self.load(c)
            let dir = Self.goldenRoot.appendingPathComponent(c.name)
            for (file, text) in Self.documents(c, b) {
                XCTAssertFalse(text.contains(loadedFrom), "\(c.name)/\(file) holds the machine's path \(loadedFrom)")
                let url = dir.appendingPathComponent(file)
                if Self.updating {
                    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                    try text.write(to: url, atomically: true, encoding: .utf8)
                    continue
                }
                let expected = try? String(contentsOf: url, encoding: .utf8)
                if expected != text { failures.append("\(c.name)/\(file)") }
            }
        }
        XCTAssertEqual(failures, [], "golden files differ; if the change is intended run "
                       + "FERRY_UPDATE_GOLDEN=1 swift test --filter DocumentGoldenTests and review the diff")
    }

    func testExamples() throws {
        let cases = Self.exampleCases()
        XCTAssertFalse(cases.isEmpty, "no examples found")
        try check(cases)
    }

    func testSeeds() throws {
        try check(try Self.seedCases(try CloudFormationTestTools.sharedDirectory()))
    }

    func testDocumentsNeverHoldASecretDefault() throws {
        // Development defaults in the seeds' compose files: none may reach a document.
        let secrets = ["change-me-in-production-at-least-32-chars", "smartboard_dev", "redis_dev", "minio_dev_secret"]
        let shared = try CloudFormationTestTools.sharedDirectory()
        for c in try Self.seedCases(shared) where c.name.hasPrefix("seed-smartboard") {
            for (file, text) in Self.documents(c, try Self.blueprint(c)) {
                for secret in secrets { XCTAssertFalse(text.contains(secret), "\(c.name)/\(file) holds \(secret)") }
            }
        }
    }
}
