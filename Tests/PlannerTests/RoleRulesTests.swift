import XCTest
import ComposeKit
import Blueprint
@testable import Planner

final class RoleRulesTests: XCTestCase {
    func testDatastoreImagesMapToManagedTargets() {
        let cases: [(String, DeploymentTarget)] = [
            ("postgres:16-alpine", .rdsPostgresql), ("docker.io/library/postgres:15", .rdsPostgresql),
            ("postgis/postgis:15-3.4", .rdsPostgresql), ("bitnami/postgresql:16", .rdsPostgresql),
            ("pgvector/pgvector:pg16", .rdsPostgresql), ("mysql:8.0", .rdsMysql), ("mariadb:11", .rdsMysql),
            ("redis:7-alpine", .elasticacheRedis), ("bitnami/redis:7.2", .elasticacheRedis), ("valkey/valkey:8", .elasticacheValkey),
            ("memcached:1.6", .elasticacheMemcached), ("minio/minio:latest", .s3), ("quay.io/minio/minio", .s3),
            ("amazon/dynamodb-local:2.5.2", .dynamodb), ("eclipse-mosquitto:2", .iotCore), ("mongo:7", .documentdb),
            ("rabbitmq:3-management", .amazonMQ), ("confluentinc/cp-kafka:7.6.0", .msk), ("bitnami/kafka:3.7", .msk),
            ("docker.elastic.co/elasticsearch/elasticsearch:8.13.0", .opensearch), ("opensearchproject/opensearch:2", .opensearch),
        ]
        for (image, target) in cases {
            let b = Fixture.plan(Fixture.project([Fixture.service("store", image: image)]))
            XCTAssertEqual(b.role("store"), .datastore, image)
            XCTAssertEqual(b.target("store"), target, image)
        }
    }

    func testProdTierUsesAurora() {
        let p = Fixture.project([Fixture.service("db", image: "postgres:16")])
        XCTAssertEqual(Fixture.plan(p, tier: .prod).target("db"), .auroraPostgresql)
        XCTAssertEqual(Fixture.plan(p, tier: .mvp).target("db"), .rdsPostgresql)
        XCTAssertTrue(Fixture.plan(p).servicePlan(named: "db")?.reasons.first?.contains("Aurora") ?? false)
    }

    func testBuiltBrokerIsRecognizedByHealthcheckTool() {
        let s = Fixture.service("broker", build: "mosquitto", ports: [1883], health: ["CMD", "mosquitto_sub", "-t", "x"])
        XCTAssertEqual(Fixture.plan(Fixture.project([s])).target("broker"), .iotCore)
    }

    func testPublishedPortsDoNotMakeAServicePublic() {
        let p = Fixture.project([
            Fixture.service("gateway", build: "gw", env: ["AUTH_URL": "http://auth:4010"], ports: [4000]),
            Fixture.service("auth", build: "auth", env: ["PORT": "4010"], ports: [4010]),
        ])
        let b = Fixture.plan(p)
        XCTAssertEqual(b.role("auth"), .internal)
        XCTAssertEqual(b.servicePlan(named: "auth")?.isPublic, false)
        XCTAssertEqual(b.role("gateway"), .web)
        XCTAssertEqual(b.env("gateway", "AUTH_URL")?.value, .literal("http://auth.demo.internal:4010"))
        XCTAssertEqual(b.serviceDiscovery?.services.map(\.name), ["auth"])
    }

    func testBrowserVariableMakesTheAPIPublicBehindAPathRule() {
        let p = Fixture.project([
            Fixture.service("web", build: "web", env: ["NEXT_PUBLIC_API_URL": "http://localhost:4000"], ports: [3000]),
            Fixture.service("api", build: "api", ports: [4000], health: ["CMD", "curl", "-f", "http://localhost:4000/health"]),
        ])
        let b = Fixture.plan(p)
        XCTAssertEqual(b.role("api"), .web)
        XCTAssertEqual(b.role("web"), .web)
        XCTAssertEqual(b.loadBalancer?.defaultTargetGroup, "web")
        XCTAssertEqual(b.loadBalancer?.rules.first?.pathPatterns, ["/api", "/api/*"])
        XCTAssertEqual(b.loadBalancer?.targetGroups.first { $0.workload == "api" }?.healthCheckPath, "/health")
        guard case let .template(t, parts)? = b.env("web", "NEXT_PUBLIC_API_URL")?.value else { return XCTFail("not rewritten") }
        XCTAssertEqual(t, "https://{publicHost}/api")
        XCTAssertEqual(parts["publicHost"]?.kind, .loadBalancer)
    }

    func testWorkersJobsInitAndDevTools() {
        let p = Fixture.project([
            Fixture.service("queue-worker", build: "api", command: ["node", "worker.js"]),
            Fixture.service("migrate", build: "api", command: ["npm", "run", "migrate"], restart: "no"),
            Fixture.service("storage", image: "minio/minio"),
            Fixture.service("storage-init", image: "minio/mc", entrypoint: ["/bin/sh", "-c", "mc mb local/uploads"], restart: "no",
                            dependsOn: ["storage": "service_healthy"]),
            Fixture.service("pgadmin", image: "dpage/pgadmin4", ports: [5050]),
            Fixture.service("shell", image: "alpine"),
        ])
        var shell = p
        if let i = shell.services.firstIndex(where: { $0.name == "shell" }) { shell.services[i].tty = true; shell.services[i].stdinOpen = true }
        let b = Fixture.plan(shell)
        XCTAssertEqual(b.role("queue-worker"), .worker)
        XCTAssertEqual(b.role("migrate"), .job)
        XCTAssertEqual(b.target("migrate"), .ecsFargateTask)
        XCTAssertEqual(b.role("storage-init"), .`init`)
        XCTAssertEqual(b.role("pgadmin"), .devtool)
        XCTAssertEqual(b.role("shell"), .devtool)
        XCTAssertEqual(b.buckets.map(\.bucketNameHint), ["uploads"])
        XCTAssertNil(b.workload(named: "pgadmin"))
    }

    func testReverseProxyBecomesLoadBalancerRoutes() {
        let p = Fixture.project([
            Fixture.service("nginx", image: "nginx:1.27", ports: [80], dependsOn: ["app": "service_started"]),
            Fixture.service("app", build: "app", expose: [8000]),
        ])
        let b = Fixture.plan(p)
        XCTAssertEqual(b.role("nginx"), .proxy)
        XCTAssertEqual(b.target("nginx"), .alb)
        XCTAssertEqual(b.role("app"), .web)
        XCTAssertNil(b.workload(named: "nginx"))
    }

    func testStaticSiteGoesToS3AndCloudFront() {
        let site = VolumeMount(type: .bind, source: "/project/dist", target: "/usr/share/nginx/html", readOnly: true)
        let b = Fixture.plan(Fixture.project([Fixture.service("site", image: "nginx:alpine", ports: [80], volumes: [site])]))
        XCTAssertEqual(b.role("site"), .static)
        XCTAssertEqual(b.target("site"), .cloudfrontS3)
        XCTAssertEqual(b.buckets.first?.cloudFront, true)
    }

    func testPlanNeverTrapsOnOddInput() {
        var weird = Fixture.service("x", image: ":::", env: ["A": "http://[::1", "B": "postgres://@:/", "C": "::", "PORT": "99999999999"],
                                    ports: [0, 65535], health: [])
        weird.ports.append(PortMapping(target: 80, published: "-", proto: "udp"))
        let cases = [
            Fixture.project([]),
            Fixture.project([weird, Fixture.service("", image: "")], name: ""),
            Fixture.project([Fixture.service("db", image: "postgres:latest"), Fixture.service("a-b_c.d", build: "")], name: "Ünïcode Prøject"),
        ]
        for p in cases {
            for tier in Tier.allCases { _ = Fixture.json(Fixture.plan(p, tier: tier)) }
        }
    }

    func testPlanIsDeterministic() {
        let p = Fixture.project([
            Fixture.service("web", build: "web", env: ["NEXT_PUBLIC_API_URL": "http://localhost:4000", "SESSION_SECRET": "change-me"], ports: [3000]),
            Fixture.service("api", build: "api", env: ["DATABASE_URL": "postgres://u:pw-123456@db:5432/app", "REDIS_URL": "redis://cache:6379"], ports: [4000]),
            Fixture.service("db", image: "postgres:16"), Fixture.service("cache", image: "redis:7"),
        ])
        XCTAssertEqual(Fixture.json(Fixture.plan(p)), Fixture.json(Fixture.plan(p)))
        XCTAssertEqual(PlanFormatter.table(Fixture.plan(p)), PlanFormatter.table(Fixture.plan(p)))
    }
}
