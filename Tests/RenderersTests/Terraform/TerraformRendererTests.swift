import Blueprint
import ComposeKit
import Foundation
@testable import Planner
import XCTest
@testable import Renderers

/// The Terraform output of examples/shop end to end, and the emitter's formatting rules.
final class TerraformRendererTests: XCTestCase {
    static func shop(_ tier: Tier = .mvp) throws -> (Blueprint, TerraformRenderer.Rendering) {
        let stack = CloudFormationCorpusTests.examples().first { $0.slug == "example-shop" }!
        let blueprint = Planner.plan(try stack.load(), options: PlanOptions(tier: tier, region: "eu-west-1"))
        return (blueprint, TerraformRenderer.render(blueprint))
    }

    func testShopWritesTheLayoutTerraformUsersExpect() throws {
        let (_, rendering) = try Self.shop()
        XCTAssertEqual(rendering.problems, [])
        let paths = Set(rendering.files.map(\.path))
        for expected in ["versions.tf", "providers.tf", "backend.tf", "main.tf", "network.tf", "cluster.tf", "load_balancer.tf",
                         "data_stores.tf", "storage.tf", "configuration.tf", "identity.tf", "observability.tf", "budget.tf",
                         "variables.tf", "outputs.tf", "terraform.tfvars.example", "README.md"] {
            XCTAssertTrue(paths.contains(expected), "missing \(expected)")
        }
        let text = { (path: String) in rendering.files.first { $0.path == path }?.contents ?? "" }
        XCTAssertTrue(text("versions.tf").contains("version = \"~> 6.0\""))
        XCTAssertTrue(text("versions.tf").contains("required_version = \">= 1.10\""))
        XCTAssertTrue(text("providers.tf").contains("default_tags"))
        XCTAssertTrue(text("backend.tf").contains("#     use_lockfile = true"))
        XCTAssertTrue(text("load_balancer.tf").contains("load_balancer_arn = aws_lb.public.arn"))
        XCTAssertTrue(text("README.md").contains("terraform init"))
        // Variables carry descriptions and types; the certificate is validated.
        let variables = rendering.hcl.first { $0.path == "variables.tf" }!.blocks
        XCTAssertFalse(variables.isEmpty)
        for variable in variables {
            XCTAssertNotNil(variable.attribute("description"), variable.labels.joined())
            XCTAssertNotNil(variable.attribute("type"), variable.labels.joined())
        }
        XCTAssertTrue(variables.contains { $0.labels == ["certificate_arn"] && !$0.blocks.isEmpty })
    }

    func testShopIsValidAgainstTheProviderSchemaAndFmtClean() throws {
        let schema = try TerraformTestTools.schema()
        for tier in Tier.allCases {
            let (_, rendering) = try Self.shop(tier)
            XCTAssertEqual(schema.problems(in: rendering.hcl), [], tier.rawValue)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-tf-shop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try TerraformTestTools.write(try Self.shop(.prod).1, to: dir)
        try TerraformTestTools.assertFormatted(dir)
    }

    /// Where a provider binary is installed (a plugin cache or network), `terraform validate` judges too.
    func testTerraformValidateWhenTheProviderIsAvailable() throws {
        let terraform = try TerraformTestTools.terraform()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-tf-validate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try TerraformTestTools.write(try Self.shop(.prod).1, to: dir)
        let initResult = try TerraformTestTools.run(terraform, ["init", "-backend=false", "-input=false", "-no-color"], in: dir)
        guard initResult.status == 0 else {
            throw XCTSkip("terraform init could not install the providers here (no network or plugin cache); the schema test stands in: \(initResult.output.suffix(300))")
        }
        let validate = try TerraformTestTools.run(terraform, ["validate", "-no-color"], in: dir)
        XCTAssertEqual(validate.status, 0, validate.output)
    }

    func testNoSecretValueAndSensitiveValuesStayInResources() throws {
        let (blueprint, rendering) = try Self.shop(.prod)
        // Generated secrets come from random_password, never a literal.
        let configuration = rendering.files.first { $0.path == "configuration.tf" }!.contents
        XCTAssertTrue(configuration.contains("resource \"random_password\""))
        for block in rendering.hcl.flatMap(\.blocks) where block.labels.first == "aws_secretsmanager_secret_version" {
            if case .string? = block.attribute("secret_string") { XCTFail("\(block.labels): literal secret_string") }
        }
        // RDS-managed master password where the plan chose it.
        if blueprint.dataStores.contains(where: { $0.kind.isRelational && $0.credentials == .service }) {
            XCTAssertTrue(rendering.files.contains { $0.contents.contains("manage_master_user_password = true") })
        }
        let example = rendering.files.first { $0.path == "terraform.tfvars.example" }!.contents
        XCTAssertFalse(example.lowercased().contains("password ="))
    }

    func testEmitterAlignsAsFmtDoes() {
        var block = HCLBlock("resource", ["aws_x", "y"])
        block["a"] = 1
        block["long_name"] = "v"
        block["tags"] = .object([HCLAttribute("Name", "x"), HCLAttribute("aws:Key", "y")])
        block["b"] = true
        block.nested("inner") { _ in }
        XCTAssertEqual(HCLEmitter.emit(block, indent: 0), """
        resource "aws_x" "y" {
          a         = 1
          long_name = "v"
          tags = {
            Name      = "x"
            "aws:Key" = "y"
          }
          b = true
          inner {}
        }

        """)
        XCTAssertEqual(HCLEmitter.escape("${x} %{y} \"q\"\n"), "$${x} %%{y} \\\"q\\\"\\n")
    }

    func testLabelsAreUniqueAndStable() {
        XCTAssertEqual(TFNames.label("web-api"), "web_api")
        XCTAssertNotEqual(TFNames.label("web_api"), TFNames.label("web-api"))
        XCTAssertTrue(TFNames.label("1web").hasPrefix("r_"))
        XCTAssertEqual(TFNames.label("Web"), TFNames.label("Web"))
    }
}
