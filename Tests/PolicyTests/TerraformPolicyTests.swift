import Blueprint
import ComposeKit
import Foundation
import Planner
@testable import Policy
import Renderers
import XCTest

/// `ferry check --target terraform`: the policy pack over the Terraform output finds what it finds over
/// the CloudFormation output of the same Blueprint (same check ids), for the examples and seed projects
/// at every tier; and a weakened Terraform resource is caught.
final class TerraformPolicyTests: XCTestCase {
    static func findings(_ blueprint: Blueprint, _ document: TemplateDocument) -> [String] {
        PolicyEngine().run(PolicyContext(blueprint: blueprint, template: document, tier: blueprint.tier), waivers: [])
            .findings.map { "\($0.finding.id) \($0.finding.message)" }
    }

    static func ids(_ blueprint: Blueprint, _ document: TemplateDocument) -> [String] {
        PolicyEngine().run(PolicyContext(blueprint: blueprint, template: document, tier: blueprint.tier), waivers: [])
            .findings.map(\.finding.id).sorted()
    }

    func testSameFindingsAsCloudFormation() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-tf-policy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var compared = 0
        for p in try CheckovTests.projects(scratch: scratch) {
            let project = try ComposeLoader.load(LoadOptions(files: p.files, environment: ["HOME": "/home/ferry"]))
            for tier in Tier.allCases {
                let blueprint = Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
                let cfn = try TemplateDocument(json: CloudFormationRenderer.template(for: blueprint).template.json())
                let tf = TemplateDocument(terraform: TerraformRenderer.render(blueprint).hcl)
                let (left, right) = (Self.ids(blueprint, tf), Self.ids(blueprint, cfn))
                if left != right {
                    let extra = Self.findings(blueprint, tf).filter { f in !Self.findings(blueprint, cfn).contains(f) }
                    XCTFail("\(p.name) \(tier.rawValue): Terraform \(left) vs CloudFormation \(right); only over Terraform: \(extra.prefix(3))")
                }
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 20)
    }

    func testAWeakenedTerraformResourceIsCaught() throws {
        let project = try ComposeLoader.load(LoadOptions(files: [CheckovTests.repo.appendingPathComponent("examples/shop/compose.yaml").path],
                                                         environment: ["HOME": "/home/ferry"]))
        let blueprint = Planner.plan(project, options: PlanOptions(tier: .prod, region: "eu-west-1"))
        var hcl = TerraformRenderer.render(blueprint).hcl
        for f in hcl.indices {
            for b in hcl[f].blocks.indices where ["aws_rds_cluster", "aws_db_instance"].contains(hcl[f].blocks[b].labels.first ?? "") {
                hcl[f].blocks[b]["storage_encrypted"] = false
            }
        }
        let ids = Self.ids(blueprint, TemplateDocument(terraform: hcl))
        XCTAssertTrue(ids.contains("FERRY-DB-002"), "\(ids)")
    }
}
