import XCTest
@testable import ComposeKit

/// The loader reads a build context's manifests and sources as evidence: bounded, in a fixed order,
/// skipping dependency folders and other projects, narrowed to a monorepo service's own folder.
final class BuildContextFilesTests: XCTestCase {
    private func tree(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-context-\(UUID().uuidString)")
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir.path
    }

    func testManifestsFirstThenSourcesShallowestFirstSkippingDependenciesTestsAndOtherProjects() throws {
        let root = try tree([
            "package.json": "{}", "src/b.js": "b", "src/a.ts": "a", "node_modules/x/index.js": "x", "tests/t.py": "t",
            "src/app.test.js": "t", ".hidden/h.py": "h", "other/compose.yaml": "services: {}", "other/main.go": "o",
            "api/requirements-dev.txt": "r", "README.md": "not read",
        ])
        let files = BuildContextFiles.files(in: root)
        XCTAssertEqual(files.map(\.path), ["package.json", "api/requirements-dev.txt", "src/a.ts", "src/b.js"])
        XCTAssertEqual(files.map(\.kind), [.manifest, .manifest, .source, .source])
    }

    func testOversizedFilesAreSkippedAndTheCountIsBounded() throws {
        var files = ["big.py": String(repeating: "x", count: BuildContextFiles.maxBytes + 1)]
        for i in 0..<(BuildContextFiles.maxFiles + 10) { files[String(format: "m%03d.py", i)] = "import os\n" }
        let read = BuildContextFiles.files(in: try tree(files))
        XCTAssertEqual(read.count, BuildContextFiles.maxFiles)
        XCTAssertFalse(read.contains { $0.path == "big.py" })
        XCTAssertEqual(read.map(\.path), read.map(\.path).sorted(), "one folder: by name")
    }

    func testADockerfileInASubfolderNarrowsASharedContext() throws {
        let root = try tree(["package.json": "{\"workspaces\": []}", "apps/api/package.json": "{}", "apps/api/src/index.js": "i",
                             "apps/web/package.json": "{}"])
        var service = Service(name: "api")
        service.build = Build(context: root, dockerfile: "apps/api/Dockerfile")
        XCTAssertEqual(BuildContextFiles.files(for: service).map(\.path), ["apps/api/package.json", "apps/api/src/index.js"])
        service.build = Build(context: "https://github.com/example/api.git")
        XCTAssertEqual(BuildContextFiles.files(for: service), [])
    }
}
