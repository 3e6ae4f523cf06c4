import AWSTestSupport
import Foundation
import XCTest

/// Locates fixtures and test tools. Missing ones skip the test with a visible message, except in CI
/// (`CI` set), where a missing tool must fail the run rather than silently shrink it.
enum TestEnvironment {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    static func sharedDirectory(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let env = ProcessInfo.processInfo.environment["FERRY_SHARED"]
        let candidate = env.map { URL(fileURLWithPath: $0) } ?? repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("sigv4").path) { return candidate }
        return try missing("shared fixtures not found at \(candidate.path) (set FERRY_SHARED)", file: file, line: line)
    }

    static func motoServer(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        if let tool = MotoServer.locate(repoRoot: repoRoot) { return tool }
        return try missing("moto_server not found (set FERRY_TEST_VENV or run scripts/setup-test-tools.sh)", file: file, line: line)
    }

    private static func missing<T>(_ message: String, file: StaticString, line: UInt) throws -> T {
        if isCI {
            XCTFail("CI: \(message)", file: file, line: line)
            throw XCTSkip("failed: \(message)")
        }
        print("SKIPPED: \(message)")
        throw XCTSkip(message)
    }
}
