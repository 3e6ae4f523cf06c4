import Foundation
import XCTest
@testable import ComposeKit

/// Helpers shared by the ComposeKit tests.
enum TestSupport {
    /// `Tests/ComposeKitTests/Fixtures`.
    static var fixtures: String { Paths.directory(of: #filePath) + "/Fixtures" }

    /// The repository root (for `examples/`).
    static var repoRoot: String { Paths.normalize(Paths.directory(of: #filePath) + "/../..") }

    /// A fresh temporary directory holding `files` (relative path → content).
    static func directory(_ files: [String: String]) throws -> String {
        let dir = NSTemporaryDirectory() + "ferry-tests-" + UUID().uuidString
        for (path, content) in files {
            let full = dir + "/" + path
            try FileManager.default.createDirectory(atPath: Paths.directory(of: full), withIntermediateDirectories: true)
            try content.write(toFile: full, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func load(_ yaml: String, env: [String: String] = [:], profiles: [String] = [],
                     file: StaticString = #filePath, line: UInt = #line) throws -> Project {
        try ComposeLoader.load(yaml: yaml, file: "compose.yaml", workingDirectory: "/project", environment: env, profiles: profiles)
    }

    /// Asserts that loading fails with a message containing `message` at `line:column`.
    static func assertFails(_ yaml: String, env: [String: String] = [:], _ message: String, at position: (Int, Int)? = nil,
                            file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try load(yaml, env: env)
            XCTFail("expected an error containing \"\(message)\"", file: file, line: line)
        } catch let error as ComposeError {
            XCTAssertTrue(error.message.contains(message), "\(error)", file: file, line: line)
            if let (l, c) = position {
                XCTAssertEqual(error.location?.line, l, "\(error)", file: file, line: line)
                XCTAssertEqual(error.location?.column, c, "\(error)", file: file, line: line)
            }
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
    }

    /// `$FERRY_SHARED` or `<repo>/../shared`; nil (after a visible skip) when absent,
    /// a failure when `CI` is set.
    static func sharedFixtures() throws -> String {
        let env = ProcessInfo.processInfo.environment
        // A relative FERRY_SHARED is relative to the directory the tests run from.
        let cwd = FileManager.default.currentDirectoryPath
        let candidates = [env["FERRY_SHARED"].map { Paths.resolve($0, against: cwd) }, repoRoot + "/../shared"].compactMap { $0 }
        if let found = candidates.first(where: { Paths.isDirectory($0 + "/corpus") }) { return Paths.normalize(found) }
        if env["CI"] != nil {
            XCTFail("shared fixtures not found (set FERRY_SHARED); required in CI")
            throw XCTSkip("shared fixtures missing")
        }
        print("SKIP: shared fixtures not found at \(candidates.joined(separator: " or ")); set FERRY_SHARED to run corpus tests")
        throw XCTSkip("shared fixtures not found; set FERRY_SHARED")
    }
}
