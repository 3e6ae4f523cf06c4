import ArgumentParser
import Foundation
import XCTest
@testable import FerryCLI

final class ConfigCommandTests: XCTestCase {
    func testParsesRootAndLocalProjectFlags() throws {
        var root = try Ferry.parseAsRoot(["-f", "a.yaml", "--profile", "dev", "config", "--format", "json"])
        XCTAssertTrue(root is ConfigCommand)
        root = try Ferry.parseAsRoot(["config", "-f", "b.yaml", "--services"])
        let config = try XCTUnwrap(root as? ConfigCommand)
        XCTAssertEqual(config.local.files, ["b.yaml"])
        XCTAssertTrue(config.services)
        XCTAssertThrowsError(try Ferry.parseAsRoot(["config", "--services", "--profiles"]))
        XCTAssertThrowsError(try Ferry.parseAsRoot(["config", "--format", "toml"]))
    }

    func testOverriddenOptions() throws {
        let root = try ProjectOptions.parse(["-f", "a.yaml", "--profile", "x", "-p", "root"])
        let local = try ProjectOptions.parse(["-f", "b.yaml"])
        let merged = root.overridden(by: local)
        XCTAssertEqual(merged.files, ["b.yaml"])
        XCTAssertEqual(merged.profiles, ["x"])
        XCTAssertEqual(merged.projectName, "root")
    }

    func testLoadErrorsBecomeInputErrors() throws {
        let dir = NSTemporaryDirectory() + "ferry-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let file = dir + "/compose.yaml"
        try "services:\n  web:\n    image: nginx\n    ports: 80\n".write(toFile: file, atomically: true, encoding: .utf8)
        let options = try ProjectOptions.parse(["-f", file])
        XCTAssertThrowsError(try options.loadProject()) { error in
            guard let cli = error as? CLIError else { return XCTFail("\(error)") }
            XCTAssertEqual(cli.exitCode, 1)
            XCTAssertTrue(cli.description.hasPrefix(file + ":4:12: "), cli.description)
        }
        XCTAssertEqual(CLIError.usage("x").exitCode, 2)
    }
}
