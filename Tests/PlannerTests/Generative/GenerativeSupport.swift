import Foundation
import PlanGenerator
import XCTest

/// Scratch space and cfn-lint for the generative tests.
enum GenerativeSupport {
    /// CloudFormation at every tier; the other renderers at one tier per project, in turn (see
    /// GenerativePlanTests for the timing).
    static func check() throws -> ConsistencyCheck {
        try ConsistencyCheck(tiers: [.dev, .mvp, .prod], everyRenderer: .rotating)
    }

    static func scratchDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-generative-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// cfn-lint from `$FERRY_TEST_VENV` or `.venv-test` (as the renderer tests find it), else from `PATH`;
    /// skips visibly when absent, fails under CI.
    static func cfnLint() throws -> URL {
        let env = ProcessInfo.processInfo.environment
        let venv = env["FERRY_TEST_VENV"].flatMap { $0.isEmpty ? nil : $0 } ?? StackLoading.repoRoot.appendingPathComponent(".venv-test").path
        var candidates = [venv + "/bin/cfn-lint"]
        candidates += (env["PATH"] ?? "").split(separator: ":").map { "\($0)/cfn-lint" }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return URL(fileURLWithPath: found) }
        if !(env["CI"] ?? "").isEmpty { XCTFail("cfn-lint not found (required because CI is set)") }
        print("SKIPPED: cfn-lint not found (run scripts/setup-test-tools.sh or set FERRY_TEST_VENV)")
        throw XCTSkip("cfn-lint not found")
    }

    /// cfn-lint's errors (level Error) per template file name; warnings are docs/CFN_LINT.md's business.
    static func lintErrors(_ tool: URL, _ templates: [URL]) throws -> [String: [String]] {
        let process = Process()
        process.executableURL = tool
        process.arguments = ["--format", "parseable", "--regions", "us-east-1", "--"] + templates.map(\.path)
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var errors: [String: [String]] = [:]
        // parseable: file:line:column:endline:endcolumn:rule:message; rules E… are errors.
        for line in out.split(separator: "\n") {
            let cells = line.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
            guard cells.count == 7, cells[5].hasPrefix("E") else { continue }
            errors[URL(fileURLWithPath: String(cells[0])).lastPathComponent, default: []].append("line \(cells[1]): \(cells[5]) \(cells[6])")
        }
        return errors
    }
}
