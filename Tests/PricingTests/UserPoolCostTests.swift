import XCTest
import Blueprint
@testable import Pricing

/// Cognito user pools are priced per monthly active user above the Essentials tier's 10,000 free.
final class UserPoolCostTests: XCTestCase {
    func testPoolsCostNothingUnderTheFreeUsersAndPerUserAbove() throws {
        let estimator = CostEstimator(catalog: try PriceCatalog.bundled())
        for region in ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"] {
            for tier in Tier.allCases {
                var bp = Blueprint(project: "auth", tier: tier, region: region)
                bp.userPools = [UserPool(name: "users", replaces: "Firebase Authentication")]
                let report = estimator.estimate(bp, usage: UsageProfile(tier: tier), withDeltas: false)
                XCTAssertEqual(report.notes.filter { $0.contains("no catalog price") }, [], "\(region) \(tier)")
                let lines = report.lines.filter { $0.resource == "userPools.users" }
                let mau: Double = UsageProfile(tier: tier).value("cognito_mau", for: "users")
                if mau <= 10_000 {
                    XCTAssertEqual(lines.count, 0, "\(tier): inside the free users")
                    XCTAssertTrue(report.notes.contains { $0.hasPrefix("userPools.users:") && $0.contains("10,000 free") }, "\(tier)")
                } else {
                    XCTAssertEqual(lines.count, 1)
                    XCTAssertEqual(lines.first?.monthly ?? 0, (mau - 10_000) * 0.015, accuracy: 0.01)
                }
                XCTAssertNotNil(report.assumptions.first { $0.key.hasSuffix("cognito_mau") })
            }
        }
    }
}
