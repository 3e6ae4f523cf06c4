import XCTest
import ComposeKit
import Blueprint
@testable import Planner

/// Without a domain or certificate the dev tier serves plain HTTP on the load balancer's name; mvp and
/// prod take a certificate parameter unless HTTP is allowed; a domain always means HTTPS.
final class HTTPOnlyEdgeTests: XCTestCase {
    func project(_ extensions: [String: ComposeValue] = [:]) -> Project {
        Fixture.project([
            Fixture.service("web", build: "web", env: ["PUBLIC_URL": "http://localhost:3000"], ports: [3000]),
        ], name: "shop", extensions: extensions)
    }

    func testDevWithoutDomainServesHTTPOnItsOwnName() throws {
        let b = Fixture.plan(project(), tier: .dev)
        let lb = try XCTUnwrap(b.loadBalancer)
        XCTAssertEqual(lb.certificate, .httpOnly)
        XCTAssertEqual(lb.listeners, [Listener(port: 80, proto: "HTTP", action: .forward)])
        XCTAssertEqual(lb.publicScheme, "http")
        let finding = try XCTUnwrap(b.findings.first { $0.id == "FERRY-EDGE-HTTP" })
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertTrue(finding.fix.contains("x-ferry.domain"))
        let albIngress = b.network.securityGroups.first { $0.name == lb.securityGroup }?.ingress.map(\.fromPort)
        XCTAssertEqual(albIngress, [80])
        XCTAssertFalse(b.findings.contains { $0.id == "FERRY-PLAN-INVARIANT" }, "\(b.findings)")
    }

    func testMVPTakesACertificateParameterUnlessHTTPIsAllowed() throws {
        let mvp = Fixture.plan(project(), tier: .mvp)
        XCTAssertEqual(mvp.loadBalancer?.certificate, .parameter(name: "CertificateArn"))
        XCTAssertEqual(mvp.loadBalancer?.listeners.map(\.proto), ["HTTPS", "HTTP"])
        XCTAssertNil(mvp.findings.first { $0.id == "FERRY-EDGE-HTTP" })

        var options = PlanOptions(tier: .mvp, region: "eu-west-1")
        options.allowHTTP = true
        let allowed = Planner.plan(project(), options: options)
        XCTAssertEqual(allowed.loadBalancer?.certificate, .httpOnly)
        XCTAssertEqual(allowed.findings.first { $0.id == "FERRY-EDGE-HTTP" }?.severity, .error, "HTTP at mvp fails ferry check")
    }

    func testADomainMeansHTTPSAtEveryTier() {
        let withDomain = project(["x-ferry": Fixture.map([("domain", .string("shop.example.com"))])])
        for tier in Tier.allCases {
            let b = Fixture.plan(withDomain, tier: tier)
            XCTAssertEqual(b.loadBalancer?.certificate, .acm(domain: "shop.example.com"), "\(tier)")
            XCTAssertEqual(b.loadBalancer?.listeners.first?.proto, "HTTPS")
        }
    }
}
