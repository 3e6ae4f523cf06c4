import ArgumentParser
import Foundation
import XCTest
@testable import FerryCLI

/// `ferry generate --target github-actions -o ROOT` on the shop example.
final class GenerateGitHubActionsTests: XCTestCase {
    func testWritesTheWorkflowAndRoleTemplate() throws {
        let shop = DocumentCommandTests.shop
        let root = NSTemporaryDirectory() + "ferry-gha-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        var command = try Ferry.parseAsRoot(["--project-directory", shop, "generate", "--target", "github-actions", "-o", root])
        try command.run()
        let workflow = try String(contentsOfFile: root + "/.github/workflows/deploy.yml", encoding: .utf8)
        XCTAssertTrue(workflow.contains("aws-actions/configure-aws-credentials@v4"))
        XCTAssertTrue(workflow.contains("id-token: write"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/infra/aws/github-deploy-role.yaml"))
    }
}
