import Blueprint
import ComposeKit
import Foundation
@testable import Planner
import XCTest
@testable import Renderers

/// What the Cardiology seed's own Terraform guide asks for, in ferry's Terraform for it: the budget
/// with e-mail alerts, tags on every resource, and the Streamlit service behind the load balancer.
final class TerraformSeedTests: XCTestCase {
    func testCardiologyHasItsBudgetTagsAndStreamlitService() throws {
        let shared = try CloudFormationTestTools.sharedDirectory()
        guard let stack = try CloudFormationCorpusTests.stacks(in: shared.appendingPathComponent("seed-projects"))
            .first(where: { $0.slug == "cardiology-optimizer" }) else {
            try CloudFormationTestTools.unavailable("the cardiology-optimizer seed is not in stacks.tsv")
        }
        let blueprint = Planner.plan(try stack.load(), options: PlanOptions(tier: .mvp, region: "eu-west-1"))
        let rendering = TerraformRenderer.render(blueprint)
        XCTAssertEqual(rendering.problems, [])
        let blocks = rendering.hcl.flatMap(\.blocks)
        func resources(_ type: String) -> [HCLBlock] { blocks.filter { $0.type == "resource" && $0.labels.first == type } }

        // Budget with e-mail alerts at its thresholds.
        let budget = try XCTUnwrap(resources("aws_budgets_budget").first)
        XCTAssertEqual(budget.attribute("time_unit"), "MONTHLY")
        let notification = try XCTUnwrap(budget.blocks.first { $0.type == "dynamic" && $0.labels == ["notification"] })
        XCTAssertEqual(notification.blocks.first?.attribute("subscriber_email_addresses"), .list([.ref("var.alarm_email")]))
        XCTAssertFalse(blueprint.budget?.thresholds.isEmpty ?? true)

        // Tags: Project, Environment and ManagedBy on every resource through default_tags.
        let provider = try XCTUnwrap(blocks.first { $0.type == "provider" })
        guard case .object(let tags)? = provider.blocks.first(where: { $0.type == "default_tags" })?.attribute("tags") else {
            return XCTFail("no default_tags")
        }
        XCTAssertEqual(tags.map(\.name), ["Environment", "ManagedBy", "Project"])

        // The Streamlit dashboard (port 8501) runs as a service behind the load balancer.
        let service = try XCTUnwrap(resources("aws_ecs_service").first)
        XCTAssertEqual(service.blocks.first { $0.type == "load_balancer" }?.attribute("container_port"), 8501)
        XCTAssertTrue(resources("aws_lb_target_group").contains { $0.attribute("port") == 8501 })
        XCTAssertTrue(rendering.files.contains { $0.path == "budget.tf" })
    }
}
