import Synchronization
import Foundation
import XCTest
@testable import Renderers

/// Locates the terraform binary and the AWS provider schema for the Terraform tests. Absent tools skip
/// the test with a message saying what is missing, except under CI, where they fail it.
enum TerraformTestTools {
    /// `FERRY_TERRAFORM`, else `terraform` on PATH, else /usr/local/bin/terraform.
    static func terraform() throws -> URL {
        let env = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let explicit = env["FERRY_TERRAFORM"], !explicit.isEmpty { candidates.append(explicit) }
        candidates += (env["PATH"] ?? "").split(separator: ":").map { "\($0)/terraform" }
        candidates.append("/usr/local/bin/terraform")
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            try CloudFormationTestTools.unavailable("terraform not found (set FERRY_TERRAFORM, put it on PATH, or install it at /usr/local/bin/terraform)")
        }
        return URL(fileURLWithPath: found)
    }

    /// `FERRY_TF_SCHEMA`, else `.venv-tf/aws-schema.json` (written by scripts/setup-test-tools.sh).
    static func schema() throws -> TerraformSchema {
        let env = ProcessInfo.processInfo.environment["FERRY_TF_SCHEMA"].flatMap { $0.isEmpty ? nil : $0 }
        let path = env ?? CloudFormationTestTools.repoRoot.appendingPathComponent(".venv-tf/aws-schema.json").path
        if let cached = cache.withLock({ $0[path] }) { return cached }
        guard let data = FileManager.default.contents(atPath: path) else {
            try CloudFormationTestTools.unavailable("AWS provider schema not found at \(path) (run scripts/setup-test-tools.sh or set FERRY_TF_SCHEMA)")
        }
        let schema = try TerraformSchema(json: data)
        cache.withLock { $0[path] = schema }
        return schema
    }

    private static let cache = Mutex<[String: TerraformSchema]>([:])

    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ tool: URL, _ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["TF_IN_AUTOMATION"] = "1"
        environment["CHECKPOINT_DISABLE"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Writes a rendering's files under `directory`.
    static func write(_ rendering: TerraformRenderer.Rendering, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in rendering.files {
            try Data(file.contents.utf8).write(to: directory.appendingPathComponent(file.path))
        }
    }

    /// `terraform fmt -check -recursive` over `root`: the files it would rewrite, with its diff.
    static func assertFormatted(_ root: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try run(try terraform(), ["fmt", "-check", "-recursive", "-diff", root.path])
        XCTAssertEqual(result.status, 0, "terraform fmt -check found files it would change:\n\(result.output.prefix(4000))", file: file, line: line)
    }
}

