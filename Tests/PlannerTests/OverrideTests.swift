import XCTest
import ComposeKit
import Blueprint
@testable import Planner

final class OverrideTests: XCTestCase {
    func testServiceOverrides() {
        let x = Fixture.map([("role", .string("web")), ("path", .string("/admin")), ("cpu", .string("1")), ("memory", .string("3G")),
                             ("scaling", Fixture.map([("min", .int(2)), ("max", .int(6)), ("cpu", .int(60))])), ("health", .string("/ready"))])
        let p = Fixture.project([
            Fixture.service("web", build: "web", env: ["NEXT_PUBLIC_X": "1"], ports: [3000]),
            Fixture.service("admin", build: "admin", ports: [9000], xferry: x),
            Fixture.service("tools", image: "busybox", xferry: Fixture.map([("skip", .bool(true))])),
        ])
        let b = Fixture.plan(p)
        XCTAssertEqual(b.role("admin"), .web)
        XCTAssertEqual(b.workload(named: "admin")?.size, TaskSize(cpu: 1024, memory: 3072))
        XCTAssertEqual(b.workload(named: "admin")?.capacity.minimum, 2)
        XCTAssertEqual(b.workload(named: "admin")?.capacity.maximum, 6)
        XCTAssertEqual(b.workload(named: "admin")?.scaling?.targetValue, 60)
        XCTAssertEqual(b.loadBalancer?.rules.first?.pathPatterns, ["/admin", "/admin/*"])
        XCTAssertEqual(b.loadBalancer?.targetGroups.first { $0.workload == "admin" }?.healthCheckPath, "/ready")
        XCTAssertEqual(b.role("tools"), .devtool)
        XCTAssertTrue(b.servicePlan(named: "admin")?.decisions.contains { $0.source == .override } ?? false)
    }

    func testTopLevelOverridesAndDockerECSKeys() {
        let top: [String: ComposeValue] = [
            "x-ferry": Fixture.map([("tier", .string("prod")), ("domain", .string("shop.example.com")), ("tags", Fixture.map([("Owner", .string("team-a"))]))]),
            "x-aws-vpc": .string("vpc-123"), "x-aws-cluster": .string("existing"), "x-aws-logs_retention": .int(14),
            "x-aws-cloudformation": Fixture.map([("Resources", Fixture.map([]))]),
        ]
        let api = Fixture.service("api", build: "api", ports: [80], extensions: [
            "x-aws-policies": .sequence([.string("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")]),
            "x-aws-autoscaling": Fixture.map([("min", .int(2)), ("max", .int(8)), ("cpu", .int(50))]),
            "x-aws-role": Fixture.map([("Statement", .sequence([Fixture.map([("Effect", .string("Allow")), ("Action", .string("sqs:SendMessage")), ("Resource", .string("*"))])]))]),
        ])
        let b = Planner.plan(Fixture.project([api], name: "shop", extensions: top), options: PlanOptions())
        XCTAssertEqual(b.tier, .prod)
        XCTAssertEqual(b.network.existingVpcId, "vpc-123")
        XCTAssertEqual(b.cluster?.existingClusterName, "existing")
        XCTAssertEqual(b.logGroups.first?.retentionDays, 14)
        XCTAssertNotNil(b.templateOverlay)
        XCTAssertEqual(b.loadBalancer?.certificate, .acm(domain: "shop.example.com"))
        XCTAssertTrue(b.tags.contains(Tag(key: "Owner", value: "team-a")))
        let role = b.role(named: "api-task")
        XCTAssertEqual(role?.managedPolicies, ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"])
        XCTAssertTrue(role?.statements.contains { $0.actions == ["sqs:SendMessage"] } ?? false)
        XCTAssertEqual(b.workload(named: "api")?.capacity.maximum, 8)
        XCTAssertEqual(b.workload(named: "api")?.scaling?.targetValue, 50)
        // An explicit command-line tier wins over x-ferry.tier.
        XCTAssertEqual(Planner.plan(Fixture.project([api], name: "shop", extensions: top), options: PlanOptions(tier: .dev)).tier, .dev)
    }

    func testUnknownOverrideKeysAreReported() {
        let b = Fixture.plan(Fixture.project([Fixture.service("api", build: "api", ports: [80], xferry: Fixture.map([("rol", .string("web"))]))]))
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-UNKNOWN-OVERRIDE" })
    }
}
