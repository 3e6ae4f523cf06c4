import XCTest
import ComposeKit
import Blueprint
import Planner
@testable import Renderers

/// Public ports that are not HTTP are served by a Network Load Balancer; HTTP stays on the ALB.
final class NetworkLoadBalancerTests: XCTestCase {
    private func plan(_ yaml: String, tier: Tier = .mvp) throws -> Blueprint {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-nlb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("compose.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let p = try ComposeLoader.load(LoadOptions(files: [file.path], projectDirectory: dir.path, environment: [:], currentDirectory: dir.path))
        return Planner.plan(p, options: PlanOptions(tier: tier))
    }

    static let project = """
    services:
      game:
        image: itzg/minecraft-server
        ports: ["25565:25565"]
      lora:
        image: chirpstack/chirpstack-gateway-bridge:4
        ports: ["1700:1700/udp"]
      mail:
        build: ./mail
        ports: ["25:25", "587:587"]
      web:
        build: ./web
        ports: ["8080:8080"]
        healthcheck: {test: ["CMD", "curl", "-f", "http://localhost:8080/health"]}
      db:
        image: postgres:16
        ports: ["5432:5432"]
    """

    func testNonHTTPPortsGetListenersAndHTTPStaysOnTheALB() throws {
        for tier in Tier.allCases {
            let b = try plan(Self.project, tier: tier)
            XCTAssertEqual(b.findings.filter { $0.id == "FERRY-PLAN-INVARIANT" }.map(\.message), [])
            let nlb = try XCTUnwrap(b.networkLoadBalancer)
            let ports = Set(nlb.listeners.map { "\($0.port)/\($0.proto)" })
            XCTAssertEqual(ports, ["25/TCP", "587/TCP", "1700/UDP", "25565/TCP"])
            XCTAssertFalse(nlb.listeners.contains { $0.port == 5432 }, "a database port is never public")
            XCTAssertEqual(b.loadBalancer?.targetGroups.map(\.workload), ["web"], "HTTP stays on the ALB")
            XCTAssertTrue(b.workload(named: "lora")?.ports.contains { $0.port == 1700 && $0.proto == "udp" } ?? false)

            let r = CloudFormationRenderer.render(b)
            XCTAssertEqual(r.problems, [])
            let text = r.files.first { $0.path == "template.yaml" }?.contents ?? ""
            XCTAssertTrue(text.contains("Type: network"))
            XCTAssertTrue(text.contains("Protocol: UDP"))
            XCTAssertEqual(ResourceCounter.count(b)["AWS::ElasticLoadBalancingV2::Listener"],
                           text.components(separatedBy: "Type: AWS::ElasticLoadBalancingV2::Listener\n").count - 1)
        }
    }

    func testHTTPOnlyProjectHasNoNetworkLoadBalancer() throws {
        let b = try plan("""
        services:
          web: {build: ., ports: ["3000:3000"]}
        """)
        XCTAssertNil(b.networkLoadBalancer)
    }
}
