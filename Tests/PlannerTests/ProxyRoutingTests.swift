import XCTest
import ComposeKit
import Blueprint
@testable import Planner

/// Routes an nginx configuration declares become the load balancer's rules.
final class ProxyRoutingTests: XCTestCase {
    private func route(_ path: String, _ host: String, _ port: Int, names: [String] = ["example.com"], upstreamPath: String? = nil, line: Int) -> ProxyRoute {
        ProxyRoute(location: SourceLocation(file: "/project/nginx/site.conf", line: line, column: 1), serverNames: names, listenPorts: [443],
                   path: path, exact: false, upstreamHost: host, upstreamPort: port, upstreamPath: upstreamPath)
    }

    func testLocationsBecomeRulesHostsAndFindings() throws {
        var nginx = Fixture.service("nginx", image: "nginx:1.27", ports: [443])
        nginx.proxyRoutes = [
            route("/", "web", 3000, line: 10),
            route("/api/", "api", 8000, upstreamPath: "/", line: 14),
            route("/", "admin", 9000, names: ["${ADMIN_HOST}"], line: 30),
            route("/mqtt", "broker", 9001, line: 18),
        ]
        nginx.environment = [EnvironmentEntry(name: "ADMIN_HOST", value: "admin.example.com")]
        let project = Fixture.project([
            nginx,
            Fixture.service("web", build: "web", ports: [3000]),
            Fixture.service("api", build: "api", ports: [8000]),
            Fixture.service("admin", build: "admin", ports: [9000]),
            Fixture.service("broker", image: "eclipse-mosquitto:2", ports: [1883, 9001]),
        ])
        let b = Fixture.plan(project)
        XCTAssertEqual(b.services.first { $0.name == "nginx" }?.role, .proxy)
        for name in ["web", "api", "admin"] {
            XCTAssertEqual(b.services.first { $0.name == name }?.isPublic, true, name)
        }
        let lb = try XCTUnwrap(b.loadBalancer)
        XCTAssertEqual(lb.defaultTargetGroup.flatMap { d in lb.targetGroups.first { $0.name == d }?.workload }, "web")
        let rules = Dictionary(uniqueKeysWithValues: lb.rules.map { r in (lb.targetGroups.first { $0.name == r.targetGroup }?.workload ?? "", r) })
        XCTAssertEqual(rules["api"]?.pathPatterns, ["/api", "/api/*"])
        XCTAssertEqual(rules["admin"]?.hostHeaders, ["admin.example.com"])
        XCTAssertEqual(rules["admin"]?.pathPatterns, ["/*"])
        let ids = b.findings.map(\.id)
        XCTAssertTrue(ids.contains("FERRY-PLAN-PROXY-STRIP"))
        XCTAssertTrue(ids.contains("FERRY-PLAN-PROXY-UNROUTED"))
        XCTAssertFalse(ids.contains("FERRY-PLAN-PATH-ROUTE"), "every route came from the proxy's configuration")
        let strip = try XCTUnwrap(b.findings.first { $0.id == "FERRY-PLAN-PROXY-STRIP" })
        XCTAssertEqual(strip.evidence.first?.position?.line, 14)
    }
}

extension ProxyRoutingTests {
    /// A public service on a port known for another protocol goes to the Network Load Balancer, not
    /// behind the ALB; an HTTP healthcheck says it is HTTP after all.
    func testPublicNonHTTPPortIsReported() {
        let game = Fixture.service("game", build: "game", ports: [25565])
        var b = Fixture.plan(Fixture.project([game]))
        XCTAssertEqual(b.networkLoadBalancer?.listeners.map(\.carries), ["Minecraft"])
        XCTAssertNil(b.loadBalancer, "nothing HTTP to route")
        let http = Fixture.service("game", build: "game", ports: [25565], health: ["CMD", "curl", "-f", "http://localhost:25565/health"])
        b = Fixture.plan(Fixture.project([http]))
        XCTAssertFalse(b.findings.contains { $0.id == "FERRY-PLAN-NOT-HTTP" })
    }
}
