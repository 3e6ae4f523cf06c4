import Blueprint
import Foundation
@testable import Pricing
import XCTest

final class EstimateTests: XCTestCase {
    var estimator: CostEstimator!
    override func setUpWithError() throws { estimator = CostEstimator(catalog: try PriceCatalog.bundled()) }

    func testLineArithmeticIsQuantityTimesUnitPrice() {
        let r = estimator.estimate(SampleBlueprints.smartboardLike(), usage: UsageProfile(tier: .mvp))
        for l in r.lines { XCTAssertEqual(l.monthly, (l.quantity * l.unitPrice * 100).rounded() / 100, accuracy: 0.0001, l.usageKey) }
        XCTAssertEqual(r.totalMonthly, r.lines.reduce(0) { $0 + $1.monthly }, accuracy: 0.05)
        let nat = try? XCTUnwrap(r.lines.first { $0.usageKey == "nat-gateway-hours" })
        XCTAssertEqual(nat?.quantity, 730)
        XCTAssertEqual(nat?.monthly, 35.04) // 730 h × $0.048 in eu-west-1
        XCTAssertEqual(nat?.arithmetic, "1 NAT gateway × 730 h")
    }

    func testDeltasIncludeNATPerAZAuroraAndSpotWithSigns() throws {
        let r = estimator.estimate(SampleBlueprints.smartboardLike(), usage: UsageProfile(tier: .mvp))
        let nat = try XCTUnwrap(r.deltas.first { $0.decision == "NAT gateway per AZ instead of one" })
        XCTAssertEqual(nat.monthlyChange, 35.04 + 3.65, accuracy: 0.01) // hours and its Elastic IP; GB processed stays the same
        XCTAssertGreaterThan(try XCTUnwrap(r.deltas.first { $0.decision.hasPrefix("Aurora") }).monthlyChange, 50)
        XCTAssertGreaterThan(try XCTUnwrap(r.deltas.first { $0.decision == "On-demand instead of Fargate Spot for workers" }).monthlyChange, 0)
        XCTAssertGreaterThan(try XCTUnwrap(r.deltas.first { $0.decision == "Container Insights on" }).monthlyChange, 50)
        XCTAssertEqual(r.deltas.map { abs($0.monthlyChange) }, r.deltas.map { abs($0.monthlyChange) }.sorted(by: >))
    }

    func testSmartboardShapeAtMvpIsClearlyUnderTheHandEstimate() {
        let r = estimator.estimate(SampleBlueprints.smartboardLike(), usage: UsageProfile(tier: .mvp))
        XCTAssertLessThan(r.totalMonthly, 245 * 0.9, CostText.render(r, project: "smartboard"))
        XCTAssertTrue(r.notes.contains { $0.contains("same security controls") })
    }

    func testUsageOverridesGlobalPerServiceAndErrors() throws {
        var usage = UsageProfile(tier: .mvp)
        try usage.apply(["nat_gb": .number(500), "services": .map(["worker": .map(["log_ingest_gb": .number(50)])])], origin: "usage.yaml")
        let r = estimator.estimate(SampleBlueprints.smartboardLike(), usage: usage)
        XCTAssertEqual(r.lines.first { $0.usageKey == "nat-gateway-gb" }?.quantity, 500)
        XCTAssertTrue(r.assumptions.contains { $0.key == "nat_gb" && $0.origin == "usage.yaml" })
        XCTAssertTrue(r.assumptions.contains { $0.key == "worker.log_ingest_gb" && $0.value == 50 })
        XCTAssertThrowsError(try usage.apply(["nat_gbs": .number(1)], origin: "usage.yaml")) {
            XCTAssertTrue("\($0)".contains("unknown usage key 'nat_gbs'"))
        }
        XCTAssertThrowsError(try UsageFile.parse("nat_gb: lots\n", origin: "u.yaml")) {
            XCTAssertEqual("\($0)", "u.yaml:1:9: usage.nat_gb must be a number, found 'lots'")
        }
        XCTAssertEqual(try UsageFile.parse("{\"nat_gb\": 3}", origin: "u.json"), ["nat_gb": .number(3)])
    }

    func testJSONHasExactlyTheIssueFieldsAndIsByteStable() throws {
        let r = estimator.estimate(SampleBlueprints.smartboardLike(), usage: UsageProfile(tier: .mvp))
        let json = CostJSON.render(r)
        XCTAssertEqual(json, CostJSON.render(estimator.estimate(SampleBlueprints.smartboardLike(), usage: UsageProfile(tier: .mvp))))
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(Set(doc.keys), ["region", "tier", "currency", "total_monthly", "lines", "deltas"])
        XCTAssertEqual(doc["region"] as? String, "eu-west-1")
        XCTAssertEqual(doc["tier"] as? String, "mvp")
        XCTAssertEqual(doc["currency"] as? String, "USD")
        let line = try XCTUnwrap((doc["lines"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(line.keys), ["resource", "service", "usage_key", "quantity", "unit", "unit_price", "monthly", "source"])
        let delta = try XCTUnwrap((doc["deltas"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(delta.keys), ["decision", "monthly_change"])
    }

    func testTextShowsArithmeticTotalsAndDeltas() {
        let r = estimator.estimate(SampleBlueprints.smartboardLike(), usage: UsageProfile(tier: .mvp))
        let text = CostText.render(r, project: "smartboard", tierTotals: [(.dev, 100), (.mvp, r.totalMonthly), (.prod, 400)])
        XCTAssertTrue(text.contains("vpc nat-gateway-hours: 1 NAT gateway × 730 h = 730 hour × $0.048 = $35.04"), text)
        XCTAssertTrue(text.contains("+$38.69/month"), text)
        XCTAssertTrue(text.contains("Totals per tier: dev $100.00 · mvp"), text)
    }
}
