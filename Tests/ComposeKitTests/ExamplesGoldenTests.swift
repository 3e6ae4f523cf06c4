import Foundation
import XCTest
@testable import ComposeKit

/// The normalized output of every stack under `examples/` (all profiles, empty shell
/// environment) against golden files. `FERRY_UPDATE_GOLDEN=1` rewrites them.
final class ExamplesGoldenTests: XCTestCase {
    /// The folders of `examples/` that hold a compose project.
    static func composeExamples(_ examples: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: examples).filter { name in
            ProjectContext.defaultFileNames.contains { Paths.exists(examples + "/" + name + "/" + $0) }
        }.sorted()
    }

    func testExamplesMatchGoldenFiles() throws {
        let examples = TestSupport.repoRoot + "/examples"
        let names = try Self.composeExamples(examples)
        XCTAssertFalse(names.isEmpty)
        let update = ProcessInfo.processInfo.environment["FERRY_UPDATE_GOLDEN"] != nil
        for name in names {
            let dir = examples + "/" + name
            let project = try ComposeLoader.load(LoadOptions(profiles: ["*"], environment: [:], currentDirectory: dir))
            for (ext, text) in [("json", project.configDocument.json() + "\n"), ("yaml", project.configDocument.yaml())] {
                // Absolute paths depend on the checkout: write them relative to the repository.
                let portable = text.replacingOccurrences(of: TestSupport.repoRoot, with: "<repo>")
                let golden = TestSupport.fixtures + "/golden/\(name).\(ext)"
                if update || !FileManager.default.fileExists(atPath: golden) {
                    try portable.write(toFile: golden, atomically: true, encoding: .utf8)
                    if !update { XCTFail("\(golden) was missing and has been written; review and commit it") }
                    continue
                }
                let expected = try String(contentsOfFile: golden, encoding: .utf8)
                XCTAssertEqual(portable, expected, "\(name).\(ext) differs from its golden file (FERRY_UPDATE_GOLDEN=1 to update)")
            }
        }
    }

    func testOutputIsDeterministic() throws {
        let dir = TestSupport.repoRoot + "/examples/shop"
        guard Paths.isDirectory(dir) else { throw XCTSkip("examples/shop not present") }
        let a = try ComposeLoader.load(LoadOptions(profiles: ["*"], environment: [:], currentDirectory: dir))
        let b = try ComposeLoader.load(LoadOptions(profiles: ["*"], environment: [:], currentDirectory: dir))
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.configDocument.yaml(), b.configDocument.yaml())
    }

    /// `ferry config` output is itself a compose file that loads to the same project.
    func testConfigOutputReloadsUnchanged() throws {
        let examples = TestSupport.repoRoot + "/examples"
        for name in try Self.composeExamples(examples) {
            let dir = examples + "/" + name
            let project = try ComposeLoader.load(LoadOptions(profiles: ["*"], environment: [:], currentDirectory: dir))
            for text in [project.configDocument.yaml(), project.configDocument.json()] {
                let again = try ComposeLoader.load(yaml: text, file: "config.yaml", workingDirectory: dir, profiles: ["*"])
                XCTAssertEqual(again.configDocument.json(), project.configDocument.json(), name)
            }
        }
    }
}
