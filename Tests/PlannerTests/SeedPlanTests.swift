import XCTest
import ComposeKit
import Blueprint
import Planner

/// The seed apps plan as their hand-written migration guides say (issue 3, "Done when").
final class SeedPlanTests: XCTestCase {
    private func seed(_ slug: String) throws -> StackLoading.Stack {
        guard let s = try StackLoading.seeds().first(where: { $0.name == "seed-\(slug)" }) else {
            throw XCTSkip("seed \(slug) not in stacks.tsv")
        }
        return s
    }

    func testSmartboard() throws {
        let s = try seed("smartboard")
        let b = try StackLoading.plan(s)
        let p = "smartboard-"
        XCTAssertEqual(b.role(p + "web"), .web)
        XCTAssertEqual(b.role(p + "gateway"), .web)
        let lb = try XCTUnwrap(b.loadBalancer)
        let gatewayGroup = try XCTUnwrap(lb.targetGroups.first { $0.workload == p + "gateway" })
        let gatewayRule = try XCTUnwrap(lb.rules.first { $0.targetGroup == gatewayGroup.name })
        XCTAssertTrue(gatewayRule.pathPatterns.contains("/api/*"))
        XCTAssertEqual(lb.targetGroups.first { $0.name == lb.defaultTargetGroup }?.workload, p + "web")
        for svc in ["auth", "tenants", "datasets", "analytics", "dashboards", "realtime"] {
            XCTAssertEqual(b.role(p + "svc-" + svc), .internal, svc)
            XCTAssertEqual(b.workload(named: p + "svc-" + svc)?.discoveryName, "svc-" + svc)
        }
        XCTAssertEqual(b.serviceDiscovery?.name, "smartboard.internal")
        XCTAssertEqual(b.role(p + "worker"), .worker)
        XCTAssertEqual(b.target(p + "postgres"), .rdsPostgresql)
        XCTAssertTrue(b.servicePlan(named: p + "postgres")?.reasons.first?.contains("prod tier uses Aurora") ?? false, "the plan says why RDS at mvp")
        XCTAssertEqual(try StackLoading.plan(s, tier: .prod).target(p + "postgres"), .auroraPostgresql)
        XCTAssertEqual(b.target(p + "redis"), .elasticacheRedis)
        XCTAssertEqual(b.target(p + "minio"), .s3)
        XCTAssertEqual(b.role(p + "minio-init"), .`init`)
        XCTAssertEqual(b.buckets.first?.bucketNameHint, "smartboard-datasets")
        // DEV_BYPASS_AUTH removed, with a finding.
        for svc in ["gateway", "svc-auth"] { XCTAssertEqual(b.env(p + svc, "DEV_BYPASS_AUTH")?.disposition, .removed) }
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-DEV-FLAG" && $0.message.contains("DEV_BYPASS_AUTH") })
        // JWT/session secrets in Secrets Manager; NODE_ENV/LOG_LEVEL as parameters.
        for name in ["JWT_SECRET", "SESSION_SECRET"] { XCTAssertEqual(b.env(p + "gateway", name)?.disposition, .secret, name) }
        for name in ["NODE_ENV", "LOG_LEVEL"] { XCTAssertEqual(b.env(p + "gateway", name)?.disposition, .parameter, name) }
        XCTAssertEqual(b.env(p + "gateway", "AUTH_BASE_URL")?.value, .literal("http://svc-auth.smartboard.internal:4010"))
        XCTAssertEqual(b.env(p + "svc-datasets", "DATABASE_URL")?.disposition, .rewritten)
        XCTAssertEqual(b.env(p + "svc-datasets", "MINIO_ROOT_PASSWORD")?.disposition, .removed)
        // Publishing a host port does not make a service public.
        XCTAssertEqual(b.services.filter(\.isPublic).map(\.name).sorted(), [p + "gateway", p + "web"])
    }

    func testAscultiCor() throws {
        let b = try StackLoading.plan(try seed("asculticor"))
        XCTAssertEqual(b.target("mosquitto"), .iotCore)
        XCTAssertNotNil(b.iot)
        XCTAssertEqual(b.role("inference"), .web)
        let inference = try XCTUnwrap(b.workload(named: "inference"))
        XCTAssertNotNil(inference.scaling, "inference autoscales")
        XCTAssertGreaterThan(inference.capacity.maximum, inference.capacity.minimum)
        XCTAssertEqual(b.role("frontend"), .web)
        XCTAssertEqual(b.target("frontend"), .ecsFargate)
        let frontendWhy = b.servicePlan(named: "frontend")?.reasons.joined(separator: " ") ?? ""
        XCTAssertTrue(frontendWhy.contains("/api") && frontendWhy.contains("S3"), "the plan says why not S3: \(frontendWhy)")
        XCTAssertEqual(b.role("supabase"), .external)
        XCTAssertEqual(b.env("inference", "SUPABASE_SERVICE_ROLE_KEY")?.disposition, .secret)
        XCTAssertEqual(b.env("inference", "MQTT_PASSWORD")?.disposition, .removed)
    }

    func testClarity() throws {
        let b = try StackLoading.plan(try seed("clarity-backend"))
        XCTAssertEqual(b.role("clarity-backend"), .web)
        XCTAssertEqual(b.target("dynamodb-local"), .dynamodb)
        XCTAssertEqual(b.role("dynamodb-admin"), .devtool)
        XCTAssertEqual(b.env("clarity-backend", "GEMINI_API_KEY")?.disposition, .secret)
        XCTAssertEqual(b.tables.first?.tableName, "clarity-health-data")
        XCTAssertEqual(b.env("clarity-backend", "AWS_SECRET_ACCESS_KEY")?.disposition, .removed)
    }

    func testCardiology() throws {
        let b = try StackLoading.plan(try seed("cardiology-optimizer"))
        XCTAssertEqual(b.role("app"), .web)
        let app = try XCTUnwrap(b.workload(named: "app"))
        XCTAssertEqual(app.ports.first?.port, 8501)
        XCTAssertFalse(app.ports.contains { $0.port == 8888 }, "the Jupyter port is dev-only")
        XCTAssertTrue(b.servicePlan(named: "app")?.dropped.contains { $0.reason.contains("8888") && $0.reason.contains("Jupyter") } ?? false)
        XCTAssertEqual(b.role("db"), .devtool)
        XCTAssertNil(b.workload(named: "db"))
        XCTAssertTrue(b.servicePlan(named: "db")?.reasons.first?.contains("DuckDB") ?? false)
        // The guide's buckets: data (raw and processed), model artifacts, logs expiring after 90 days.
        XCTAssertEqual(b.buckets.map(\.name), ["data", "logs", "models"])
        XCTAssertTrue(b.buckets.allSatisfy { $0.readers == ["app", "app-training"] && $0.encryption == "AES256" && $0.versioning })
        // The guide's EC2 training: a Batch job on Spot with the app's image and buckets.
        let training = try XCTUnwrap(b.workload(named: "app-training"))
        XCTAssertEqual(training.target, .batch)
        XCTAssertEqual(b.batch?.spot, true)
        XCTAssertEqual(b.bucket(named: "logs")?.lifecycle.first?.expirationDays, 90)
        XCTAssertNotNil(b.budget, "a monthly budget with e-mail alerts")
    }

    func testSmartboardHeadNginxBecomesTheLoadBalancer() throws {
        let b = try StackLoading.plan(try seed("smartboard-head"))
        let proxies = b.services.filter { $0.role == .proxy }
        XCTAssertFalse(proxies.isEmpty, "the nginx in front of the gateway maps to the ALB")
        XCTAssertTrue(proxies.allSatisfy { b.workload(named: $0.name) == nil })
    }

    func testDevStacksDoNotDeployTooling() throws {
        for slug in ["clarity-backend-pr15-dev", "clarity-backend-pr16-observability"] {
            let b = try StackLoading.plan(try seed(slug))
            for name in ["pgadmin", "mailhog", "jupyter", "prometheus", "grafana", "loki", "jaeger", "cadvisor", "localstack"] {
                for s in b.services where s.name.contains(name) {
                    XCTAssertEqual(s.role, .devtool, "\(slug): \(s.name)")
                }
            }
        }
    }
}
