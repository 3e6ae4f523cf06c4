import Blueprint
import Foundation
@testable import Policy
import XCTest

final class PolicyOutputTests: XCTestCase {
    func failingReport(waivers: [Waiver] = []) throws -> PolicyReport {
        let json = HardenedTemplate.json { r in
            r.set("Database", "PubliclyAccessible", true)
            r.set("DataBucket", "Tags", nil)
        }
        return PolicyEngine().run(PolicyContext(blueprint: nil, template: try TemplateDocument(json: json), tier: .prod),
                                  waivers: waivers)
    }

    func testFailOnThresholds() throws {
        let r = try failingReport()
        XCTAssertEqual(r.failing(at: .high).map(\.finding.id), ["FERRY-DB-001"])
        XCTAssertEqual(r.failing(at: .low).count, 2)
        XCTAssertEqual(r.failing(at: .critical).count, 1)
    }

    func testWaiverNeedsMatchAndIsShown() throws {
        let r = try failingReport(waivers: [Waiver(id: "FERRY-DB-001", reason: "read replica for a public BI tool, IP-restricted"),
                                            Waiver(id: "FERRY-ECR-002", reason: "stale")])
        XCTAssertEqual(r.failing(at: .high), [])
        XCTAssertEqual(r.unusedWaivers.map(\.id), ["FERRY-ECR-002"])
        let text = TextReport.render(r, failOn: .high)
        XCTAssertTrue(text.contains("waived: read replica for a public BI tool"), text)
        XCTAssertTrue(text.contains("PASS"), text)
        let json = JSONReport.render(r, failOn: .high)
        XCTAssertTrue(json.contains("\"waiver_reason\" : \"read replica"), json)
    }

    func testServiceWaiverOnlyAppliesToThatService() {
        let w = Waiver(id: "FERRY-IMG-001", reason: "vendor image", service: "legacy")
        XCTAssertTrue(w.matches(checkID: "FERRY-IMG-001", service: "legacy"))
        XCTAssertFalse(w.matches(checkID: "FERRY-IMG-001", service: "api"))
        XCTAssertFalse(w.matches(checkID: "FERRY-IMG-001", service: nil))
    }

    func testSARIFIsValid210WithRulesResultsAndSuppressions() throws {
        let r = try failingReport(waivers: [Waiver(id: "FERRY-TAG-001", reason: "tagged by account policy")])
        let sarif = SARIFReport.render(r, baseDirectory: "/repo", defaultURI: "/repo/compose.yaml", toolVersion: "0.1.0")
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        XCTAssertEqual(doc["version"] as? String, "2.1.0")
        XCTAssertEqual(doc["$schema"] as? String, SARIFReport.schema)
        let run = try XCTUnwrap((doc["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(rules.count, 30)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 2)
        for result in results {
            let idx = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(rules[idx]["id"] as? String, result["ruleId"] as? String)
            let loc = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            XCTAssertEqual((loc["artifactLocation"] as? [String: Any])?["uri"] as? String, "compose.yaml")
        }
        let waived = try XCTUnwrap(results.first { $0["ruleId"] as? String == "FERRY-TAG-001" })
        XCTAssertEqual((waived["suppressions"] as? [[String: Any]])?.first?["justification"] as? String, "tagged by account policy")
        // Byte-stable.
        XCTAssertEqual(sarif, SARIFReport.render(r, baseDirectory: "/repo", defaultURI: "/repo/compose.yaml", toolVersion: "0.1.0"))
    }

    func testBadTemplateIsAClearError() {
        XCTAssertThrowsError(try TemplateDocument(json: "{\"Resources\": 3}", origin: "t.json")) { error in
            XCTAssertTrue("\(error)".hasPrefix("t.json:1:1:"), "\(error)")
        }
    }
}
