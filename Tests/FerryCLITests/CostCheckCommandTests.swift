import Foundation
import XCTest

/// `ferry cost` and `ferry check` end to end: the built `ferry` executable on small compose files
/// written here, checking output formats and exit statuses.
final class CostCheckCommandTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-costcheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
        name: demo
        x-ferry:
          usage:
            nat_gb: 40
          waive:
            - id: FERRY-ECR-002
              reason: the deploy workflow moves a convenience tag
        services:
          api:
            build: ./api
            ports: ["8080:8080"]
            environment:
              DATABASE_URL: postgres://app:app@db:5432/app
            healthcheck:
              test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
            x-ferry:
              public: true
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: app
        """.write(to: dir.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func ferry(_ args: [String]) throws -> FerryExecutable.Run {
        try FerryExecutable.run(args, in: dir, environment: ["AWS_REGION": nil, "AWS_DEFAULT_REGION": nil])
    }

    func testCostJSONHasIssueFieldsAndAppliesXFerryUsage() throws {
        let r = try ferry(["cost", "--region", "eu-west-1", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(Set(doc.keys), ["region", "tier", "currency", "total_monthly", "lines", "deltas"])
        XCTAssertEqual(doc["region"] as? String, "eu-west-1")
        let lines = try XCTUnwrap(doc["lines"] as? [[String: Any]])
        XCTAssertEqual(lines.first { $0["usage_key"] as? String == "nat-gateway-gb" }?["quantity"] as? Double, 40)
        XCTAssertEqual(try ferry(["cost", "--region", "eu-west-1", "--format", "json"]).stdout, r.stdout, "byte-stable")
    }

    func testCostTextShowsTiersDeltasAndUsageFileWins() throws {
        try "nat_gb: 75\nservices:\n  api: { log_ingest_gb: 3 }\n".write(to: dir.appendingPathComponent("usage.yaml"), atomically: true, encoding: .utf8)
        let r = try ferry(["cost", "--usage", "usage.yaml"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Totals per tier: dev $"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Decisions that move the total most:"), r.stdout)
        XCTAssertTrue(r.stdout.contains("nat_gb = 75 GB (usage.yaml)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("api.log_ingest_gb = 3 GB (usage.yaml)"), r.stdout)
    }

    func testCostBadUsageFileIsAPositionedErrorExit1() throws {
        try "nat_gb: plenty\n".write(to: dir.appendingPathComponent("usage.yaml"), atomically: true, encoding: .utf8)
        let r = try ferry(["cost", "--usage", "usage.yaml"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("usage.yaml:1:9: usage.nat_gb must be a number"), r.stderr)
        let unknown = try ferry(["cost", "--region", "mars-north-1"])
        XCTAssertNotEqual(unknown.status, 0)
    }

    func testCheckPassesAtHighShowsWaiverAndSARIF() throws {
        let text = try ferry(["check"])
        XCTAssertEqual(text.status, 0, text.stdout + text.stderr)
        XCTAssertTrue(text.stdout.contains("waived: the deploy workflow moves a convenience tag"), text.stdout)
        let sarif = try ferry(["check", "--format", "sarif"])
        XCTAssertEqual(sarif.status, 0)
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(doc["version"] as? String, "2.1.0")
        let json = try ferry(["check", "--format", "json", "--fail-on", "low"])
        XCTAssertEqual(json.status, 1, "low findings fail at --fail-on low")
        XCTAssertTrue(json.stdout.contains("\"passed\" : false"), json.stdout)
    }

    func testCheckFailsOnAPublicDatabaseTemplate() throws {
        let template = """
        {"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": true, "StorageEncrypted": true}}}}
        """
        try template.write(to: dir.appendingPathComponent("t.json"), atomically: true, encoding: .utf8)
        let r = try ferry(["check", "--template", "t.json"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("CRITICAL  FERRY-DB-001"), r.stdout)
        XCTAssertTrue(r.stdout.contains("FAIL:"), r.stdout)
    }

    func testWaiverWithoutReasonIsAnError() throws {
        try """
        services:
          web:
            image: nginx:1.27
            x-ferry:
              waive:
                - id: FERRY-IMG-001
        """.write(to: dir.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        let r = try ferry(["check"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("a waiver needs a reason"), r.stderr)
    }

    func testListChecksHasAtLeastThirty() throws {
        let r = try ferry(["check", "--list-checks"])
        XCTAssertEqual(r.status, 0)
        XCTAssertGreaterThanOrEqual(r.stdout.split(separator: "\n").count, 30)
    }
}
