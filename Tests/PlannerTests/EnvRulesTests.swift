import XCTest
import ComposeKit
import Blueprint
@testable import Planner

final class EnvRulesTests: XCTestCase {
    private func plan(_ env: [String: String], extra: [Service] = [], xferry: ComposeValue? = nil) -> Blueprint {
        Fixture.plan(Fixture.project([Fixture.service("api", build: "api", env: env, ports: [8080], xferry: xferry)] + extra))
    }

    func testSecretsAreClassifiedAndNeverWritten() {
        let b = plan(["JWT_SECRET": "change-me-in-production", "STRIPE_SECRET_KEY": "sk_live_abcdefghijklmnopqrstuvwx",
                      "SOME_VALUE": "Zk8pQ2xR9vLm4NbT7cWy1HsJ", "JWT_EXPIRES_IN": "15m", "EMPTY_TOKEN": ""])
        XCTAssertEqual(b.env("api", "JWT_SECRET")?.disposition, .secret)
        XCTAssertEqual(b.env("api", "STRIPE_SECRET_KEY")?.disposition, .secret)
        XCTAssertEqual(b.env("api", "SOME_VALUE")?.disposition, .secret, "high-entropy value")
        XCTAssertEqual(b.env("api", "JWT_EXPIRES_IN")?.disposition, .plain)
        XCTAssertEqual(b.env("api", "EMPTY_TOKEN")?.disposition, .secret)
        guard case .generated? = b.secret(named: "jwt-secret")?.generation else { return XCTFail("dev default should be generated") }
        XCTAssertEqual(b.secret(named: "stripe-secret-key")?.generation, .provided)
        let all = Fixture.json(b) + PlanFormatter.json(b) + PlanFormatter.markdown(b) + PlanFormatter.table(b)
        for value in ["change-me-in-production", "sk_live_abcdefghijklmnopqrstuvwx", "Zk8pQ2xR9vLm4NbT7cWy1HsJ"] {
            XCTAssertFalse(all.contains(value), "secret value leaked: \(value)")
        }
    }

    func testDevFlagsAreRemovedWithAFinding() {
        let b = plan(["DEV_BYPASS_AUTH": "true", "NEXT_PUBLIC_DEV_BYPASS_AUTH": "true", "ENABLE_DEMO_MODE": "true"])
        for name in ["DEV_BYPASS_AUTH", "NEXT_PUBLIC_DEV_BYPASS_AUTH", "ENABLE_DEMO_MODE"] {
            XCTAssertEqual(b.env("api", name)?.disposition, .removed, name)
        }
        XCTAssertEqual(b.findings.filter { $0.id == "FERRY-PLAN-DEV-FLAG" }.count, 3)
    }

    func testParametersAndEnvironmentNames() {
        let b = plan(["NODE_ENV": "development", "LOG_LEVEL": "info", "AZURE_CLIENT_ID": "abc", "PORT": "8080"])
        XCTAssertEqual(b.env("api", "NODE_ENV")?.disposition, .parameter)
        XCTAssertEqual(b.parameter(named: "node-env")?.value, "production")
        XCTAssertEqual(b.env("api", "LOG_LEVEL")?.disposition, .parameter)
        XCTAssertEqual(b.env("api", "AZURE_CLIENT_ID")?.disposition, .parameter)
        XCTAssertEqual(b.env("api", "PORT")?.disposition, .plain)
    }

    func testConnectionStringsAreRebuiltForManagedServices() {
        let b = plan(["DATABASE_URL": "postgresql://app:s3cr3t-pass@db:5432/shop?schema=auth", "REDIS_URL": "redis://:pw@cache:6379/0",
                      "DB_HOST": "db", "S3_ENDPOINT": "http://minio:9000", "S3_BUCKET": "uploads", "AWS_ACCESS_KEY_ID": "minio",
                      "AWS_SECRET_ACCESS_KEY": "minio-secret"],
                     extra: [Fixture.service("db", image: "postgres:16"), Fixture.service("cache", image: "redis:7"),
                             Fixture.service("minio", image: "minio/minio")])
        XCTAssertEqual(b.env("api", "DATABASE_URL")?.disposition, .rewritten)
        guard case let .secret(name, _)? = b.env("api", "DATABASE_URL")?.value,
              case let .composed(template, parts)? = b.secret(named: name)?.generation else { return XCTFail("not a composed secret") }
        XCTAssertEqual(template, "postgresql://{username}:{password}@{host}:{port}/shop?schema=auth")
        XCTAssertEqual(parts["host"], ResourceReference(kind: .dataStore, name: "db", attribute: "endpoint"))
        guard case let .secret(redis, _)? = b.env("api", "REDIS_URL")?.value,
              case let .composed(rt, _)? = b.secret(named: redis)?.generation else { return XCTFail("redis not composed") }
        XCTAssertEqual(rt, "rediss://:{authToken}@{host}:{port}/0")
        XCTAssertEqual(b.env("api", "DB_HOST")?.value, .reference(ResourceReference(kind: .dataStore, name: "db", attribute: "endpoint")))
        XCTAssertEqual(b.env("api", "S3_ENDPOINT")?.disposition, .removed)
        XCTAssertEqual(b.env("api", "AWS_ACCESS_KEY_ID")?.disposition, .removed)
        XCTAssertEqual(b.env("api", "S3_BUCKET")?.value, .reference(ResourceReference(kind: .bucket, name: "uploads", attribute: "name")))
        XCTAssertFalse(Fixture.json(b).contains("s3cr3t-pass"))
    }

    func testEnvOverrideWins() {
        let x = Fixture.map([("env", Fixture.map([("API_TOKEN", .string("plain")), ("FEATURE", .string("secret"))]))])
        let b = plan(["API_TOKEN": "public-demo", "FEATURE": "on"], xferry: x)
        XCTAssertEqual(b.env("api", "API_TOKEN")?.disposition, .plain)
        XCTAssertEqual(b.env("api", "FEATURE")?.disposition, .secret)
    }
}
