import Foundation
import XCTest
@testable import ComposeKit

/// `-f -` reads the document from standard input; `env_file` with `format: raw` keeps values as written.
final class StdinAndRawEnvTests: XCTestCase {
    private func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-stdin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func testComposeFromStandardInput() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "TAG=2.0\n".write(to: dir.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let yaml = "services:\n  web:\n    image: app:${TAG}\n    env_file: app.env\n"
        try "A=1\n".write(to: dir.appendingPathComponent("app.env"), atomically: true, encoding: .utf8)
        let project = try ComposeLoader.load(LoadOptions(files: ["-"], environment: [:], currentDirectory: dir.path).with(stdin: yaml))
        XCTAssertEqual(project.services.first?.image, "app:2.0")
        XCTAssertEqual(project.services.first?.env("A"), "1", "relative paths resolve against the working directory")
        XCTAssertEqual(project.name, ProjectContext.normalizeProjectName(dir.lastPathComponent))

        XCTAssertThrowsError(try ComposeLoader.load(LoadOptions(files: ["-"], environment: [:], currentDirectory: dir.path).with(stdin: "services: [\n"))) { error in
            XCTAssertTrue("\(error)".hasPrefix(dir.path + "/stdin:"), "\(error)")
        }
    }

    func testRawEnvFileKeepsQuotesAndDollars() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# comment\nPASSWORD=\"p@$$w0rd\"\n  SPACED = x=y \nEMPTY=\nFROM_SHELL\n".write(to: dir.appendingPathComponent("raw.env"), atomically: true, encoding: .utf8)
        let yaml = """
            services:
              app:
                image: app
                env_file:
                  - path: raw.env
                    format: raw
            """
        let project = try ComposeLoader.load(yaml: yaml, workingDirectory: dir.path, environment: ["FROM_SHELL": "shell"])
        let app = try XCTUnwrap(project.services.first)
        XCTAssertEqual(app.env("PASSWORD"), "\"p@$$w0rd\"")
        XCTAssertEqual(app.env("SPACED"), " x=y ")
        XCTAssertEqual(app.env("EMPTY"), "")
        XCTAssertEqual(app.env("FROM_SHELL"), "shell")

        let bad = yaml.replacingOccurrences(of: "format: raw", with: "format: toml")
        XCTAssertThrowsError(try ComposeLoader.load(yaml: bad, workingDirectory: dir.path)) { error in
            XCTAssertTrue("\(error)".contains("unsupported env file format \"toml\""), "\(error)")
        }
    }
}

private extension LoadOptions {
    func with(stdin: String) -> LoadOptions {
        var copy = self
        copy.standardInput = stdin
        return copy
    }
}
