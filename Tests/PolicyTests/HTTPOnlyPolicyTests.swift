import Blueprint
import ComposeKit
import Planner
@testable import Policy
import Renderers
import XCTest

/// An HTTP-only load balancer chosen by the plan is reported once, by the plan's FERRY-EDGE-HTTP,
/// not as two failed TLS checks; the template tells scanners why its listener is plain HTTP.
final class HTTPOnlyPolicyTests: XCTestCase {
    func testDevHTTPOnlyIsThePlansFinding() throws {
        var web = Service(name: "web")
        web.build = Build(context: "/p/web")
        web.ports = [PortMapping(target: 3000, published: "3000")]
        let project = Project(name: "shop", workingDirectory: "/p", services: [web])
        let blueprint = Planner.plan(project, options: PlanOptions(tier: .dev, region: "eu-west-1"))
        let json = CloudFormationRenderer.template(for: blueprint).template.json()
        XCTAssertTrue(json.contains("CKV_AWS_2"), "the HTTP listener carries its checkov skip with the reason")
        let report = PolicyEngine().run(PolicyContext(blueprint: blueprint, template: try TemplateDocument(json: json), tier: .dev))
        let ids = Set(report.findings.map(\.finding.id))
        XCTAssertTrue(ids.contains("FERRY-EDGE-HTTP"))
        XCTAssertFalse(ids.contains("FERRY-ALB-001"))
        XCTAssertFalse(ids.contains("FERRY-ALB-002"))
    }
}
