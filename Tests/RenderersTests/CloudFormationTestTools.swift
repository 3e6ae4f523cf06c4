import Foundation
import XCTest

/// Locates the repository, the shared fixtures and cfn-lint for the CloudFormation tests.
/// Absent tools or fixtures skip the test with a visible message, except under CI, where they fail it.
enum CloudFormationTestTools {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var isCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// Skips (or fails under CI) with `message`.
    static func unavailable(_ message: String, file: StaticString = #filePath, line: UInt = #line) throws -> Never {
        if isCI {
            XCTFail("\(message) (required because CI is set)", file: file, line: line)
            throw XCTSkip("failed: \(message)")
        }
        print("SKIPPED: \(message)")
        throw XCTSkip(message)
    }

    static func sharedDirectory() throws -> URL {
        let env = ProcessInfo.processInfo.environment["FERRY_SHARED"].flatMap { $0.isEmpty ? nil : $0 }
        let url = (env.map { URL(fileURLWithPath: $0) } ?? repoRoot.deletingLastPathComponent().appendingPathComponent("shared")).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("corpus").path) else {
            try unavailable("shared fixtures not found at \(url.path) (set FERRY_SHARED)")
        }
        return url
    }

    static func cfnLint() throws -> URL {
        let venv = ProcessInfo.processInfo.environment["FERRY_TEST_VENV"].flatMap { $0.isEmpty ? nil : $0 }
        let dir = venv.map { URL(fileURLWithPath: $0) } ?? repoRoot.appendingPathComponent(".venv-test")
        let tool = dir.appendingPathComponent("bin/cfn-lint")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            try unavailable("cfn-lint not found at \(tool.path) (run scripts/setup-test-tools.sh or set FERRY_TEST_VENV)")
        }
        return tool
    }

    struct LintMatch: Decodable, CustomStringConvertible {
        struct RuleInfo: Decodable { var Id: String }
        struct Span: Decodable {
            struct Point: Decodable { var LineNumber: Int }
            var Start: Point
        }
        var Level: String
        var Message: String
        var Filename: String
        var Rule: RuleInfo
        var Location: Span

        var description: String {
            "\(Filename):\(Location.Start.LineNumber): \(Level) \(Rule.Id) \(Message)"
        }
    }

    /// Runs cfn-lint over all `templates`: a few processes (its start-up dominates small runs), two at a
    /// time so both cores of a CI machine work.
    static func lint(_ templates: [URL]) throws -> [LintMatch] {
        guard !templates.isEmpty else { return [] }
        let tool = try cfnLint()
        let half = (templates.count + 1) / 2
        let chunks = [Array(templates.prefix(half)), Array(templates.dropFirst(half))].filter { !$0.isEmpty }
        var running: [(Process, Pipe, Pipe)] = []
        for chunk in chunks {
            let process = Process()
            process.executableURL = tool
            process.arguments = ["--format", "json", "--regions", "us-east-1", "--"] + chunk.map(\.path)
            let stdout = Pipe(), stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            running.append((process, stdout, stderr))
        }
        var matches: [LintMatch] = []
        for (process, stdout, stderr) in running {
            // Read before waiting: a full pipe would block cfn-lint forever.
            let out = stdout.fileHandleForReading.readDataToEndOfFile()
            let err = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard let decoded = try? JSONDecoder().decode([LintMatch].self, from: out) else {
                throw NSError(domain: "cfn-lint", code: Int(process.terminationStatus), userInfo: [
                    NSLocalizedDescriptionKey: "cfn-lint exited \(process.terminationStatus): "
                        + (String(data: err, encoding: .utf8) ?? "") + (String(data: out, encoding: .utf8) ?? ""),
                ])
            }
            matches += decoded
        }
        return matches
    }

    /// Rule ids that docs/CFN_LINT.md lists as accepted warnings (lines starting `| W…` or `- W…`).
    static func acceptedWarnings() -> Set<String> {
        let doc = repoRoot.appendingPathComponent("docs/CFN_LINT.md")
        guard let text = try? String(contentsOf: doc, encoding: .utf8) else { return [] }
        var ids: Set<String> = []
        for line in text.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == "|" || $0 == "-" || $0 == " " || $0 == "`" })
            let id = trimmed.prefix(while: { $0.isLetter || $0.isNumber })
            if id.count == 5, let first = id.first, first == "W" || first == "I" { ids.insert(String(id)) }
        }
        return ids
    }
}
