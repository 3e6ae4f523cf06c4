import AWSKit
import AWSTestSupport
import Foundation
import XCTest

/// Where the tests find their tools; a missing tool skips with a message, and fails under CI.
enum TestEnvironment {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    static func motoServer(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        if let tool = MotoServer.locate(repoRoot: repoRoot) { return tool }
        return try missing("moto_server not found (set FERRY_TEST_VENV or run scripts/setup-test-tools.sh)", file: file, line: line)
    }

    /// The `ferry` executable `swift build` left beside the test bundle.
    static func ferryBinary(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        for configuration in ["debug", "release"] {
            let url = repoRoot.appendingPathComponent(".build/\(configuration)/ferry")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return try missing("the ferry executable is not built (swift build --build-tests)", file: file, line: line)
    }

    static func missing<T>(_ message: String, file: StaticString, line: UInt) throws -> T {
        if isCI {
            XCTFail("CI: \(message)", file: file, line: line)
            throw XCTSkip("failed: \(message)")
        }
        print("SKIPPED: \(message)")
        throw XCTSkip(message)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func bucketName() -> String { "ferry-mig-\(UUID().uuidString.prefix(8).lowercased())" }

    /// A fixed pseudo-random byte pattern (deterministic content, no two objects alike).
    static func bytes(_ count: Int, seed: UInt64) -> Data {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        var data = Data(count: count)
        data.withUnsafeMutableBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i < count {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                var word = state
                for _ in 0..<8 where i < count { buffer[i] = UInt8(truncatingIfNeeded: word >> 56); word <<= 8; i += 1 }
            }
        }
        return data
    }
}
