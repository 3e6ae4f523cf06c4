import Foundation
import XCTest
@testable import FerryCLI

final class RepositoryLayoutTests: XCTestCase {
    func testFindsRootProjectPathRemoteAndBranch() throws {
        let root = NSTemporaryDirectory() + "ferry-repo-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/infra", withIntermediateDirectories: true)
        try "ref: refs/heads/release\n".write(toFile: root + "/.git/HEAD", atomically: true, encoding: .utf8)
        try """
            [core]
            \tbare = false
            [remote "upstream"]
            \turl = https://github.com/other/thing.git
            [remote "origin"]
            \turl = git@github.com:acme/smartboard.git
            """.write(toFile: root + "/.git/config", atomically: true, encoding: .utf8)
        let layout = RepositoryLayout(projectDirectory: root + "/infra")
        XCTAssertEqual(layout.projectPath, "infra")
        XCTAssertEqual(layout.repository, "acme/smartboard")
        XCTAssertEqual(layout.branch, "release")
        let options = layout.options(templateDirectory: "infra/aws")
        XCTAssertEqual(options.templatePath, "infra/aws/template.yaml")
        XCTAssertEqual(options.branch, "release")
    }

    func testFindsTheGeneratedTemplateDirectory() throws {
        let root = NSTemporaryDirectory() + "ferry-tpl-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/deploy/cfn", withIntermediateDirectories: true)
        XCTAssertEqual(RepositoryLayout(projectDirectory: root, repositoryRoot: root).templateDirectory(), "infra/aws")
        try "PARAMETERS.md\ntemplate.yaml\n".write(toFile: root + "/deploy/cfn/.ferry-generated", atomically: true, encoding: .utf8)
        XCTAssertEqual(RepositoryLayout(projectDirectory: root, repositoryRoot: root).templateDirectory(), "deploy/cfn")
    }

    func testOutsideGitTheProjectIsItsOwnRoot() throws {
        let dir = NSTemporaryDirectory() + "ferry-nogit-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let layout = RepositoryLayout(projectDirectory: dir)
        // A parent may be a repository on a developer machine; either way the path stays relative.
        XCTAssertFalse(layout.projectPath.hasPrefix("/"))
    }

    func testGitHubRemoteForms() {
        XCTAssertEqual(RepositoryLayout.githubRepository(fromRemote: "https://github.com/a/b.git"), "a/b")
        XCTAssertEqual(RepositoryLayout.githubRepository(fromRemote: "git@github.com:a/b"), "a/b")
        XCTAssertEqual(RepositoryLayout.githubRepository(fromRemote: "ssh://git@github.com/a-1/b.c.git"), "a-1/b.c")
        XCTAssertNil(RepositoryLayout.githubRepository(fromRemote: "https://gitlab.com/a/b.git"))
        XCTAssertNil(RepositoryLayout.githubRepository(fromRemote: "https://github.com/a/b/c"))
    }
}
