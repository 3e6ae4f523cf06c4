import XCTest
@testable import ComposeKit

/// `ferry config` output: docker compose's shape, `$$` escaping, YAML quoting.
final class OutputTests: XCTestCase {
    func testComposeConfigShape() throws {
        let p = try TestSupport.load("""
        name: demo
        services:
          web:
            image: nginx
            environment: [ESCAPED=$$HOME, UNSET_VALUE]
            ports: ["8080:80"]
            depends_on: [api]
            healthcheck: {test: "curl -f localhost", interval: 90s}
          api:
            image: api
            network_mode: host
        volumes:
          data:
        """)
        let json = p.configDocument.json()
        XCTAssertTrue(json.hasPrefix("{\n  \"name\": \"demo\",\n  \"services\": {"), json)
        XCTAssertTrue(json.contains("\"ESCAPED\": \"$$HOME\""), "a literal $ is written $$")
        XCTAssertTrue(json.contains("\"UNSET_VALUE\": null"))
        XCTAssertTrue(json.contains("\"published\": \"8080\""))
        XCTAssertTrue(json.contains("\"interval\": \"1m30s\""))
        XCTAssertTrue(json.contains("\"condition\": \"service_started\""))
        XCTAssertTrue(json.contains("\"name\": \"demo_default\""))
        XCTAssertTrue(json.contains("\"name\": \"demo_data\""))
        guard case let .object(root) = p.configDocument, case let .object(services)? = root["services"],
              case let .object(api)? = services["api"] else { return XCTFail("shape") }
        XCTAssertNil(api["networks"], "network_mode services have no networks")
    }

    func testYAMLQuoting() {
        let v = ConfigValue.object(["a": .array([.string("yes"), .string("10s"), .string("--flag"), .string("1:30"), .string("- x"),
                                                 .string("key: value"), .string(""), .string("0123"), .string("plain text")])])
        XCTAssertEqual(v.yaml(), """
        a:
          - "yes"
          - 10s
          - --flag
          - "1:30"
          - "- x"
          - "key: value"
          - ""
          - "0123"
          - plain text

        """)
    }

    func testGoDurations() {
        XCTAssertEqual(Service.goDuration(90), "1m30s")
        XCTAssertEqual(Service.goDuration(3600), "1h0m0s")
        XCTAssertEqual(Service.goDuration(0.5), "500ms")
        XCTAssertEqual(Service.goDuration(0), "0s")
        XCTAssertEqual(Service.goDuration(5), "5s")
    }
}
