import Foundation
import XCTest
import ComposeKit
import Blueprint
@testable import Planner

/// Loads the examples, seeds and corpus stacks the way their authors run them: files from
/// `stacks.tsv`, the `setup_env` file copied to `.env` in a temporary copy (shared/ stays read-only).
enum StackLoading {
    struct Stack {
        var name: String
        var directory: URL
        var files: [String]
        var setupEnv: String?
    }

    static var repoRoot: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    /// `$FERRY_SHARED` or `<repo>/../shared`; skips visibly when absent, fails in CI.
    static func shared() throws -> URL {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["FERRY_SHARED"], repoRoot.deletingLastPathComponent().appendingPathComponent("shared").path].compactMap { $0 }
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/seed-projects") }) {
            return URL(fileURLWithPath: found).standardizedFileURL  // `a/../shared` as the loader spells it
        }
        if env["CI"] != nil {
            XCTFail("shared fixtures not found (set FERRY_SHARED); required in CI")
        }
        print("SKIP: shared fixtures not found at \(candidates.joined(separator: " or ")); set FERRY_SHARED")
        throw XCTSkip("shared fixtures not found; set FERRY_SHARED")
    }

    static func examples() -> [Stack] {
        let root = repoRoot.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().compactMap { name in
            let dir = root.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("compose.yaml").path) else { return nil }
            return Stack(name: "examples-\(name)", directory: dir, files: ["compose.yaml"], setupEnv: nil)
        }
    }

    static func table(_ dir: URL, prefix: String) throws -> [Stack] {
        let text = try String(contentsOf: dir.appendingPathComponent("stacks.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 3 else { return nil }
            return Stack(name: prefix + cells[0], directory: dir.appendingPathComponent(cells[1]),
                         files: cells[2].split(separator: " ").map(String.init),
                         setupEnv: cells.count > 3 && !cells[3].isEmpty ? cells[3] : nil)
        }
    }

    static func seeds() throws -> [Stack] { try table(try shared().appendingPathComponent("seed-projects"), prefix: "seed-") }
    static func corpus() throws -> [Stack] { try table(try shared().appendingPathComponent("corpus"), prefix: "corpus-") }

    /// Loads a stack; `body` runs while the (temporary) directory exists.
    static func withProject<T>(_ s: Stack, profiles: [String] = [], _ body: (Project, URL) throws -> T) throws -> T {
        var dir = s.directory
        var scratch: URL?
        if let env = s.setupEnv {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-plan-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            let target = copy.appendingPathComponent(s.directory.lastPathComponent)
            try FileManager.default.copyItem(at: s.directory, to: target)
            let firstDir = target.appendingPathComponent(s.files.first ?? "compose.yaml").deletingLastPathComponent()
            let dotenv = firstDir.appendingPathComponent(".env")
            if !FileManager.default.fileExists(atPath: dotenv.path) {
                try? FileManager.default.copyItem(at: target.appendingPathComponent(env), to: dotenv)
            }
            dir = target
            scratch = copy
        }
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        let project = try ComposeLoader.load(LoadOptions(files: s.files.map { dir.appendingPathComponent($0).path },
                                                         projectDirectory: dir.path, profiles: profiles, environment: [:],
                                                         currentDirectory: dir.path))
        return try body(project, dir)
    }

    static func plan(_ s: Stack, tier: Tier? = nil) throws -> Blueprint {
        try withProject(s) { p, _ in Planner.plan(p, options: PlanOptions(tier: tier)) }
    }

    /// What no output may contain, each with where it comes from (never the value itself): the
    /// values the planner classifies as secrets (`SecretValues`), long enough that finding one
    /// means it leaked, and as a floor the values of secret-named variables in the stack's files.
    /// Values the project also writes openly (a browser variable, an endpoint URL) are left out of both.
    static func leakCheck(_ project: Project, dir: URL) -> [String: String] {
        let open = SecretTaint.openValues(project)
        var out = secretValues(in: dir).filter { !open.contains($0.key) }
        for (i, v) in SecretValues.of(project).sorted().enumerated() where v.utf8.count >= minimumLength && out[v] == nil {
            out[v] = "planner secret #\(i + 1)"
        }
        return out
    }

    /// Shorter values (`secret`, `admin1`) turn up in ordinary text.
    static let minimumLength = 8

    /// Every value written in the stack's compose and env files for a secret-looking variable.
    static func secretValues(in dir: URL) -> [String: String] {
        var out: [String: String] = [:]
        var assignments: [String: Int] = [:]
        var all = ""
        let files = (FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String]) ?? []
        for f in files where f.hasSuffix(".yml") || f.hasSuffix(".yaml") || f.contains(".env") {
            guard let text = try? String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8) else { continue }
            all += text + "\n"
            for raw in text.split(separator: "\n") {
                let line = raw.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "- "))
                guard !line.hasPrefix("#") else { continue }
                let sep = line.firstIndex(where: { $0 == "=" || $0 == ":" })
                guard let sep else { continue }
                let name = line[..<sep].trimmingCharacters(in: .whitespaces).uppercased()
                var value = line[line.index(after: sep)...].trimmingCharacters(in: .whitespaces)
                value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                let secretName = ["PASSWORD", "SECRET", "TOKEN", "API_KEY", "PRIVATE_KEY", "ACCESS_KEY"].contains { name.contains($0) }
                    && !name.hasSuffix("_FILE") && !name.hasSuffix("_EXPIRES_IN")
                // Literal values only (a `${...}` template is resolved elsewhere), long enough to be meaningful.
                guard secretName, value.count >= 8, !value.contains("$"), !value.contains(" "), !value.hasPrefix("/") else { continue }
                out[value] = name
                assignments[value, default: 0] += 1
            }
        }
        // A value also written as a name elsewhere (`POSTGRES_PASSWORD: postgres` beside `image: postgres`)
        // cannot be told apart in the output: only values used solely as secrets are checked.
        return out.filter { value, _ in all.components(separatedBy: value).count - 1 <= (assignments[value] ?? 0) }
    }
}
