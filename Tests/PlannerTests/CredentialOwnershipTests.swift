import XCTest
import ComposeKit
import Blueprint
@testable import Planner

/// Who owns a relational store's master password: RDS (rotated every 7 days) unless a workload reads
/// it inside a connection string composed at deploy time, which rotation would leave stale.
final class CredentialOwnershipTests: XCTestCase {
    private func plan(apiEnv: [String: String], dbOverride: ComposeValue? = nil) -> Blueprint {
        let db = Fixture.service("db", image: "postgres:16", env: ["POSTGRES_PASSWORD": "pw-local-only", "POSTGRES_DB": "app"],
                                 ports: [5432], xferry: dbOverride)
        let api = Fixture.service("api", build: "api", env: apiEnv, ports: [8080], dependsOn: ["db": "service_started"])
        return Fixture.plan(Fixture.project([api, db]))
    }

    func testComposedConnectionStringGetsGeneratedCredentials() throws {
        let b = plan(apiEnv: ["DATABASE_URL": "postgresql://app:pw-local-only@db:5432/app"])
        let store = try XCTUnwrap(b.dataStore(named: "db"))
        XCTAssertEqual(store.credentials, .template)
        let decision = try XCTUnwrap(store.decisions.first { $0.topic == "credentials" })
        XCTAssertEqual(decision.choice, "generated")
        XCTAssertEqual(decision.overrideKey, "x-ferry.credentials")
        XCTAssertTrue(decision.reason.contains("DATABASE_URL of api"), decision.reason)
        XCTAssertFalse(b.findings.contains { $0.id == "FERRY-PLAN-ROTATION-STALE" })
    }

    func testSeparateVariablesKeepServiceManagedRotation() throws {
        let b = plan(apiEnv: ["DB_HOST": "db", "DB_NAME": "app"])
        XCTAssertEqual(try XCTUnwrap(b.dataStore(named: "db")).credentials, .service)
    }

    func testOverrideToManagedWithComposedStringWarns() throws {
        let b = plan(apiEnv: ["DATABASE_URL": "postgresql://app:pw-local-only@db:5432/app"],
                     dbOverride: Fixture.map([("credentials", .string("managed"))]))
        XCTAssertEqual(try XCTUnwrap(b.dataStore(named: "db")).credentials, .service)
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-ROTATION-STALE" })
    }

    func testUnknownCredentialsValueIsReported() {
        let b = plan(apiEnv: [:], dbOverride: Fixture.map([("credentials", .string("sometimes"))]))
        XCTAssertTrue(b.findings.contains { $0.message.contains("credentials") }, b.findings.map(\.message).joined(separator: "\n"))
    }
}
