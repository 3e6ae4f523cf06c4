import XCTest
@testable import ComposeKit

/// Stage 7: references, cycles and types, each error with file:line:column.
final class ValidationTests: XCTestCase {
    func testMissingReferences() {
        TestSupport.assertFails("""
        services:
          web:
            image: nginx
            depends_on: [api]
        """, "depends on undefined service \"api\"", at: (4, 18))
        TestSupport.assertFails("""
        services:
          web:
            image: nginx
            links: ["db:database"]
        """, "links to undefined service \"db\"", at: (4, 13))
        TestSupport.assertFails("""
        services:
          web:
            image: nginx
            network_mode: "service:vpn"
        """, "network_mode of undefined service \"vpn\"", at: (4, 19))
        TestSupport.assertFails("""
        services:
          web:
            image: nginx
            volumes: ["cache:/cache"]
        """, "undefined volume \"cache\"", at: (4, 15))
        TestSupport.assertFails("""
        services:
          web:
            image: nginx
            secrets: [token]
        """, "undefined secret \"token\"")
        TestSupport.assertFails("""
        services:
          web:
            image: nginx
            networks: [back]
        """, "undefined network \"back\"")
    }

    func testDependencyCycle() {
        TestSupport.assertFails("""
        services:
          a: {image: a, depends_on: [b]}
          b: {image: b, depends_on: [c]}
          c: {image: c, depends_on: [a]}
        """, "dependency cycle: a -> b -> c -> a")
    }

    func testWrongTypes() {
        TestSupport.assertFails("services:\n  web:\n    image: nginx\n    ports: 80\n", "services.web.ports must be a list, found an integer", at: (4, 12))
        TestSupport.assertFails("services:\n  web:\n    image: nginx\n    deploy:\n      replicas: many\n", "services.web.deploy.replicas must be an integer", at: (5, 17))
        TestSupport.assertFails("services:\n  web:\n    image: [nginx]\n", "services.web.image must be a string", at: (3, 12))
        TestSupport.assertFails("services: []\n", "services must be a mapping")
        TestSupport.assertFails("services:\n  web:\n    image: nginx\n    healthcheck:\n      interval: soon\n", "invalid duration")
        TestSupport.assertFails("services:\n  web:\n    image: nginx\n    unknown_key: 1\n", "unknown key \"unknown_key\"", at: (4, 5))
        TestSupport.assertFails("servics:\n  web: {}\n", "unknown top-level key \"servics\"", at: (1, 1))
        TestSupport.assertFails("services:\n  web:\n    build: {}\n    depends_on:\n      db:\n        condition: sometimes\n  db: {image: x}\n", "condition must be one of")
        TestSupport.assertFails("services:\n  web:\n    environment: [A=1]\n", "neither an image nor a build context")
    }

    func testDisabledDependencyIsAWarning() throws {
        let p = try TestSupport.load("""
        services:
          web: {image: web, depends_on: [db]}
          db: {image: db, profiles: [full]}
        """)
        XCTAssertEqual(p.services.map(\.name), ["web"])
        XCTAssertTrue(p.diagnostics.contains { $0.severity == .warning && $0.message.contains("no active profile enables") })
    }
}
