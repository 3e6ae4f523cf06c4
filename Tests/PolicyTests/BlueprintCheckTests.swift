import Blueprint
@testable import Policy
import XCTest

/// Checks that read the Blueprint itself: with no template they judge what ferry decided, and they
/// point at the compose line behind a finding.
final class BlueprintCheckTests: XCTestCase {
    static let position = SourcePosition(file: "/repo/compose.yaml", line: 12, column: 7)

    func blueprint(tier: Tier = .prod) -> Blueprint {
        var bp = Blueprint(project: "demo", tier: tier, region: "eu-west-1")
        let env = [
            EnvVar(name: "DEV_BYPASS_AUTH", disposition: .plain, value: .literal("true"), reason: "kept",
                   evidence: [Evidence(path: "services.api.environment.DEV_BYPASS_AUTH", value: "true", position: Self.position)]),
            EnvVar(name: "API_TOKEN", disposition: .plain, value: .literal("abc123"), reason: "kept"),
            EnvVar(name: "LOG_LEVEL", disposition: .parameter, value: .literal("info"), reason: "config"),
        ]
        bp.workloads = [Workload(name: "api", role: .internal, image: ImageSource(image: "example/api"), environment: env,
                                 taskRole: "shared", executionRole: "shared", logGroup: "api")]
        bp.dataStores = [DataStore(name: "db", kind: .rdsPostgresql, engine: "postgres", engineVersion: "16",
                                   instanceClass: "db.t4g.small", multiAZ: false, encryptedAtRest: false, port: 5432)]
        return bp
    }

    func testBlueprintOnlyFindings() {
        let r = PolicyEngine().run(PolicyContext(blueprint: blueprint(), template: nil, tier: .prod))
        let ids = Set(r.findings.map(\.finding.id))
        for id in ["FERRY-ENV-001", "FERRY-ECS-002", "FERRY-IMG-001", "FERRY-IAM-004", "FERRY-DB-002", "FERRY-DB-005",
                   "FERRY-ECS-003", "FERRY-OBS-001"] {
            XCTAssertTrue(ids.contains(id), "\(id) missing from \(ids.sorted())")
        }
        let flag = r.findings.first { $0.finding.id == "FERRY-ENV-001" }
        XCTAssertEqual(flag?.finding.evidence.first?.position, Self.position)
        XCTAssertEqual(flag?.service, "api")
        // A secret's value never appears in a finding.
        XCTAssertFalse(r.findings.contains { $0.finding.message.contains("abc123") })
        XCTAssertFalse(r.findings.contains { $0.finding.message.contains("LOG_LEVEL") })
    }

    func testServiceWaiverSilencesOnlyThatService() {
        let r = PolicyEngine().run(PolicyContext(blueprint: blueprint(), template: nil, tier: .prod),
                                   waivers: [Waiver(id: "FERRY-IMG-001", reason: "vendor image", service: "api"),
                                             Waiver(id: "FERRY-DB-002", reason: "wrong service", service: "api")])
        XCTAssertEqual(r.findings.first { $0.finding.id == "FERRY-IMG-001" }?.finding.waiver, "vendor image")
        XCTAssertNil(r.findings.first { $0.finding.id == "FERRY-DB-002" }?.finding.waiver)
        XCTAssertEqual(r.unusedWaivers.map(\.id), ["FERRY-DB-002"])
    }
}
