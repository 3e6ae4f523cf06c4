import Blueprint
import ComposeKit
import Foundation
import Planner
@testable import Pricing
import XCTest

/// GPU capacity is priced as EC2 instance hours plus root volumes; dev's group scales to zero.
final class GPUCostTests: XCTestCase {
    static let compose = """
    services:
      model:
        image: vllm/vllm-openai:v0.6.0
        expose: ["8000"]
        deploy: {resources: {reservations: {devices: [{driver: nvidia, count: 4, capabilities: [gpu]}]}}}
    """

    private func report(_ tier: Tier, region: String = "us-east-1") throws -> CostReport {
        let project = try ComposeLoader.load(yaml: Self.compose, file: "compose.yaml", workingDirectory: "/project", environment: [:], profiles: [])
        let blueprint = Planner.plan(project, options: PlanOptions(tier: tier, region: region))
        return CostEstimator(catalog: try PriceCatalog.bundled()).estimate(blueprint, usage: UsageProfile(tier: tier))
    }

    func testInstanceHoursAndRootVolumePerTier() throws {
        let mvp = try report(.mvp)
        let hours = try XCTUnwrap(mvp.lines.first { $0.usageKey == "instance-hours.g5.12xlarge" })
        XCTAssertEqual(hours.resource, "capacityProviders.gpu-model")
        XCTAssertEqual(hours.quantity, 730)
        XCTAssertTrue(hours.source.contains("[unconfirmed]"))
        XCTAssertEqual(mvp.lines.first { $0.usageKey == "gp3-gb-month" }?.quantity, 100)
        XCTAssertTrue(try XCTUnwrap(mvp.deltas.first { $0.decision.contains("scale to zero") }).monthlyChange < 0)

        let dev = try report(.dev)
        XCTAssertEqual(dev.lines.first { $0.usageKey == "instance-hours.g5.12xlarge" }?.quantity, 40)
        XCTAssertTrue(try XCTUnwrap(dev.deltas.first { $0.decision.contains("always on") }).monthlyChange > 0)
        XCTAssertFalse(dev.lines.contains { $0.service == "fargate" && $0.resource == "workloads.model" })
    }

    func testEveryRegionOfTheCatalogPricesTheGPUSizes() throws {
        let catalog = try PriceCatalog.bundled()
        for region in ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"] {
            for size in GPUInstanceSizes.table {
                XCTAssertNotNil(catalog.price("ec2", "instance-hours.\(size.instanceType)", in: region), "\(size.instanceType) \(region)")
            }
            XCTAssertNotNil(catalog.price("ebs", "gp3-gb-month", in: region), region)
            XCTAssertEqual(try report(.mvp, region: region).notes.filter { $0.contains("no catalog price") }, [], region)
        }
    }
}
