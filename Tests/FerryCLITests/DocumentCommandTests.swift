import ArgumentParser
import Foundation
import XCTest
@testable import FerryCLI

/// `ferry guide` and `ferry diagram` end to end on the shop example: loaded, planned, priced,
/// checked and written to a file.
final class DocumentCommandTests: XCTestCase {
    static let shop = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/shop").path

    private func temporaryFile(_ name: String) -> String {
        NSTemporaryDirectory() + "ferry-doc-\(UUID().uuidString)-" + name
    }

    func testGuideWritesTheWholeDocumentWithCost() throws {
        let out = temporaryFile("MIGRATION.md")
        defer { try? FileManager.default.removeItem(atPath: out) }
        var command = try Ferry.parseAsRoot(["--project-directory", Self.shop, "guide", "--region", "eu-west-1", "-o", out])
        XCTAssertTrue(command is GuideCommand)
        try command.run()
        let text = try String(contentsOfFile: out, encoding: .utf8)
        for heading in ["## Overview", "## Service → AWS mapping", "## Environment variables", "## Migration checklist",
                        "## Cost", "## Findings", "## Testing checklist", "## Rollback plan", "## Reducing cost further"] {
            XCTAssertTrue(text.contains("\n" + heading + "\n"), "missing \(heading)")
        }
        XCTAssertTrue(text.contains("| **Total**"), "the cost table is missing")
        XCTAssertTrue(text.contains("```mermaid"))
    }

    func testGuideWithoutCost() throws {
        let out = temporaryFile("MIGRATION.md")
        defer { try? FileManager.default.removeItem(atPath: out) }
        var command = try Ferry.parseAsRoot(["--project-directory", Self.shop, "guide", "--no-cost", "-o", out])
        try command.run()
        let text = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertFalse(text.contains("| **Total**"))
    }

    func testDiagramFormats() throws {
        for (format, marker) in [("mermaid", "flowchart TB"), ("ascii", "Connections:"), ("unicode", "┌")] {
            let out = temporaryFile("diagram.txt")
            defer { try? FileManager.default.removeItem(atPath: out) }
            var command = try Ferry.parseAsRoot(["--project-directory", Self.shop, "diagram", "--format", format, "-o", out])
            try command.run()
            XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).contains(marker), format)
        }
    }

    func testUsageErrors() {
        XCTAssertThrowsError(try Ferry.parseAsRoot(["diagram", "--format", "svg"]))
        XCTAssertThrowsError(try Ferry.parseAsRoot(["diagram", "--width", "10"]))
        XCTAssertThrowsError(try Ferry.parseAsRoot(["guide", "--tier", "huge"]))
    }

    func testMissingComposeFileIsAnInputError() throws {
        var command = try Ferry.parseAsRoot(["-f", "/nonexistent/compose.yaml", "guide"])
        XCTAssertThrowsError(try command.run()) { error in
            XCTAssertEqual((error as? ExitCode)?.rawValue, 1)
        }
    }
}
