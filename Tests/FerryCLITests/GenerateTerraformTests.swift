import ArgumentParser
import Foundation
import XCTest
@testable import FerryCLI

/// `ferry generate --target terraform -o DIR` and `ferry check --target terraform` on the shop example.
final class GenerateTerraformTests: XCTestCase {
    func testWritesEveryLayerFile() throws {
        let shop = DocumentCommandTests.shop
        let root = NSTemporaryDirectory() + "ferry-tf-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        var command = try Ferry.parseAsRoot(["--project-directory", shop, "generate", "--target", "terraform", "-o", root])
        try command.run()
        for file in ["versions.tf", "providers.tf", "backend.tf", "network.tf", "cluster.tf", "load_balancer.tf", "data_stores.tf",
                     "storage.tf", "configuration.tf", "identity.tf", "observability.tf", "budget.tf", "variables.tf", "outputs.tf",
                     "terraform.tfvars.example", "README.md"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/" + file), file)
        }
        let versions = try String(contentsOfFile: root + "/versions.tf", encoding: .utf8)
        XCTAssertTrue(versions.contains("hashicorp/aws"))
    }

    func testCheckRunsOverTheTerraformOutput() throws {
        var command = try Ferry.parseAsRoot(["--project-directory", DocumentCommandTests.shop, "check", "--target", "terraform"])
        try command.run()
        XCTAssertThrowsError(try Ferry.parseAsRoot(["--project-directory", DocumentCommandTests.shop, "check", "--target", "pulumi"]))
    }
}
