import XCTest
import ComposeKit
import Blueprint
import Planner
@testable import Renderers

/// A Cognito user pool planned from Firebase Authentication is written the same way by the CloudFormation
/// and Terraform renderers, and the guide lists the code changes.
final class UserPoolRenderingTests: XCTestCase {
    private func plan(tier: Tier) throws -> Blueprint {
        let dir = CloudFormationTestTools.repoRoot.appendingPathComponent("examples/firebase")
        let project = try ComposeLoader.load(LoadOptions(files: [dir.appendingPathComponent("compose.yaml").path], projectDirectory: dir.path,
                                                         environment: [:], currentDirectory: dir.path))
        return Planner.plan(project, options: PlanOptions(tier: tier))
    }

    func testTerraformIsValidAgainstTheProviderSchema() throws {
        let schema = try TerraformTestTools.schema()
        for tier in Tier.allCases {
            XCTAssertEqual(schema.problems(in: TerraformRenderer.render(try plan(tier: tier)).hcl), [], tier.rawValue)
        }
    }

    func testCloudFormationAndTerraformWriteThePoolAndClient() throws {
        for tier in [Tier.mvp, .prod] {
            let b = try plan(tier: tier)
            let cfn = CloudFormationRenderer.render(b)
            XCTAssertEqual(cfn.problems, [])
            let template = cfn.files.map(\.contents).joined(separator: "\n")
            XCTAssertTrue(template.contains("AWS::Cognito::UserPool"))
            XCTAssertTrue(template.contains("AWS::Cognito::UserPoolClient"))
            XCTAssertTrue(template.contains("MinimumLength: 12"))
            XCTAssertTrue(template.contains("DeletionProtection: \(tier == .prod ? "ACTIVE" : "INACTIVE")"))
            XCTAssertTrue(template.contains("COGNITO_USER_POOL_ID"))
            let tf = TerraformRenderer.render(b)
            let hcl = tf.files.map(\.contents).joined(separator: "\n")
            XCTAssertTrue(hcl.contains("resource \"aws_cognito_user_pool\" \"users\""))
            XCTAssertTrue(hcl.contains("resource \"aws_cognito_user_pool_client\" \"users\""))
            XCTAssertTrue(hcl.contains("aws_cognito_user_pool.users.id"))
            let guide = GuideRenderer.render(b)
            XCTAssertTrue(guide.contains("Code changes"))
            XCTAssertTrue(guide.contains("api/src/server.js:2"))
        }
    }
}
