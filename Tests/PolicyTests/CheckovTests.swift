import Blueprint
import ComposeKit
import Foundation
import Planner
import Renderers
import XCTest

/// checkov (the independent judge) over the templates ferry generates for our examples and the seed
/// projects, at every tier: zero failed checks beyond the skips in `.checkov.yaml`, each of which says why.
final class CheckovTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func requireOrSkip(_ condition: Bool, _ message: String) throws {
        if condition { return }
        if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail(message); throw XCTSkip(message) }
        throw XCTSkip(message)
    }

    static var checkov: String {
        let env = ProcessInfo.processInfo.environment
        let venv = env["FERRY_CHECKOV_VENV"] ?? repo.appendingPathComponent(".venv-checkov").path
        return venv + "/bin/checkov"
    }

    static var shared: URL {
        if let s = ProcessInfo.processInfo.environment["FERRY_SHARED"] { return URL(fileURLWithPath: s) }
        return repo.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// (name, compose files) of every project whose templates are judged. Seeds are copied to `scratch`
    /// with their `setup_env` as `.env`, as stacks.tsv says to set them up.
    static func projects(scratch: URL) throws -> [(name: String, files: [String])] {
        var out: [(String, [String])] = []
        let fm = FileManager.default
        let examples = repo.appendingPathComponent("examples")
        for name in ["shop", "iot"] {
            let dir = examples.appendingPathComponent(name)
            let files = ["compose.yaml", "compose.override.yaml"].map { dir.appendingPathComponent($0).path }
                .filter { FileManager.default.fileExists(atPath: $0) }
            out.append(("example-\(name)", files))
        }
        let seeds = shared.appendingPathComponent("seed-projects")
        let table = try String(contentsOf: seeds.appendingPathComponent("stacks.tsv"), encoding: .utf8)
        for line in table.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 3 else { continue }
            let copy = scratch.appendingPathComponent("seeds/\(f[0])")
            try fm.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: seeds.appendingPathComponent(f[1]), to: copy)
            let files = f[2].split(separator: " ").map { copy.appendingPathComponent(String($0)).path }
            if f.count > 3, !f[3].isEmpty, let first = files.first {
                let target = URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent(".env")
                try? fm.removeItem(at: target)
                try fm.copyItem(at: copy.appendingPathComponent(f[3]), to: target)
            }
            out.append(("seed-\(f[0])", files))
        }
        return out
    }

    func testCheckovPassesOnGeneratedTemplates() throws {
        try Self.requireOrSkip(FileManager.default.isExecutableFile(atPath: Self.checkov),
                               "checkov not installed (run scripts/setup-test-tools.sh): \(Self.checkov)")
        try Self.requireOrSkip(FileManager.default.fileExists(atPath: Self.shared.appendingPathComponent("seed-projects/stacks.tsv").path),
                               "seed projects not found at \(Self.shared.path) (set FERRY_SHARED)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-checkov-\(UUID().uuidString)")
        let out = scratch.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var written = 0
        for p in try Self.projects(scratch: scratch) {
            let project = try ComposeLoader.load(LoadOptions(files: p.files, environment: ["HOME": "/home/ferry"]))
            for tier in Tier.allCases {
                let bp = Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
                let json = CloudFormationRenderer.template(for: bp).template.json()
                try Data(json.utf8).write(to: out.appendingPathComponent("\(p.name)-\(tier.rawValue).json"))
                written += 1
            }
        }
        XCTAssertGreaterThan(written, 20)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.checkov)
        process.arguments = ["-d", out.path, "--framework", "cloudformation", "--config-file",
                             Self.repo.appendingPathComponent(".checkov.yaml").path, "--skip-download", "--quiet", "--compact",
                             "-o", "json"]
        var env = ProcessInfo.processInfo.environment
        env["BC_SKIP_MAPPING"] = "TRUE"
        env["CHECKOV_RUN_SCA_PACKAGE_SCAN_V2"] = "false"
        process.environment = env
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        _ = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        let parsed = try JSONSerialization.jsonObject(with: data)
        let reports = (parsed as? [[String: Any]]) ?? [(parsed as? [String: Any]) ?? [:]]
        var failures: [String] = []
        var passed = 0
        for r in reports {
            let results = r["results"] as? [String: Any]
            // --quiet leaves passed checks out of `results`; the summary still counts them.
            passed += (r["summary"] as? [String: Any])?["passed"] as? Int ?? 0
            for f in results?["failed_checks"] as? [[String: Any]] ?? [] {
                let file = (f["file_path"] as? String ?? "").split(separator: "/").last.map(String.init) ?? ""
                failures.append("\(f["check_id"] ?? "?") \(file) \(f["resource"] ?? "?"): \(f["check_name"] ?? "")")
            }
        }
        XCTAssertGreaterThan(passed, 100, "checkov judged nothing: \(String(decoding: data.prefix(500), as: UTF8.self))")
        XCTAssertEqual(failures.sorted(), [], "checkov failures outside .checkov.yaml skips:\n" + failures.sorted().joined(separator: "\n"))
    }
}
