import XCTest
@testable import ComposeKit

/// Stage 2: variable substitution.
final class TemplateTests: XCTestCase {
    let env: [String: String] = ["SET": "value", "EMPTY": "", "PORT": "8080"]

    func sub(_ text: String) throws -> Template.Result {
        let env = self.env
        return try Template(lookup: { env[$0] }).substitute(text)
    }

    func testAllForms() throws {
        XCTAssertEqual(try sub("$SET").value, "value")
        XCTAssertEqual(try sub("${SET}").value, "value")
        XCTAssertEqual(try sub("a${SET}b$SET.c").value, "avalueb" + "value.c")
        XCTAssertEqual(try sub("${UNSET:-dflt}").value, "dflt")
        XCTAssertEqual(try sub("${EMPTY:-dflt}").value, "dflt")
        XCTAssertEqual(try sub("${EMPTY-dflt}").value, "")
        XCTAssertEqual(try sub("${UNSET-dflt}").value, "dflt")
        XCTAssertEqual(try sub("${SET:+alt}").value, "alt")
        XCTAssertEqual(try sub("${EMPTY:+alt}").value, "")
        XCTAssertEqual(try sub("${EMPTY+alt}").value, "alt")
        XCTAssertEqual(try sub("${UNSET+alt}").value, "")
        XCTAssertEqual(try sub("${SET:?boom}").value, "value")
        XCTAssertEqual(try sub("${EMPTY?boom}").value, "")
    }

    func testNestedDefaultsAndEscapes() throws {
        XCTAssertEqual(try sub("${UNSET:-${SET}}").value, "value")
        XCTAssertEqual(try sub("${UNSET:-${ALSO_UNSET:-deep}}").value, "deep")
        XCTAssertEqual(try sub("${UNSET:-http://host:${PORT}/x}").value, "http://host:8080/x")
        XCTAssertEqual(try sub("$$SET and $${SET}").value, "$SET and ${SET}")
        XCTAssertEqual(try sub("price: 5$ and $1 and $").value, "price: 5$ and $1 and $")
    }

    func testRequiredErrors() {
        XCTAssertThrowsError(try sub("${UNSET:?set UNSET please}")) { error in
            XCTAssertEqual((error as? Template.Failure)?.message, "required variable UNSET is missing a value: set UNSET please")
        }
        XCTAssertThrowsError(try sub("${EMPTY:?}"))
        XCTAssertThrowsError(try sub("${UNSET?}"))
    }

    func testInvalidBraces() {
        XCTAssertThrowsError(try sub("${"))
        XCTAssertThrowsError(try sub("${SET"))
        XCTAssertThrowsError(try sub("${1X}"))
        XCTAssertThrowsError(try sub("${SET*x}"))
    }

    func testReferencesAndUnset() throws {
        let r = try sub("${SET}-${UNSET}-${D:-x}-${SET:+y}")
        XCTAssertEqual(r.value, "value--x-y")
        XCTAssertEqual(r.unset, ["UNSET"])
        XCTAssertEqual(r.references, [
            VariableReference(variable: "SET", resolution: .environment),
            VariableReference(variable: "UNSET", resolution: .unsetEmpty),
            VariableReference(variable: "D", resolution: .defaultValue),
            VariableReference(variable: "SET", resolution: .alternate),
        ])
    }

    func testStageWarnsAndKeepsTemplates() throws {
        let p = try TestSupport.load("""
        services:
          api:
            image: "app:${TAG:-latest}"
            environment:
              JWT_SECRET: ${JWT_SECRET:-change-me}
              DB_HOST: ${DB_HOST}
              PLAIN: plain
        """, env: ["TAG": "1.2"])
        let api = try XCTUnwrap(p.service(named: "api"))
        XCTAssertEqual(api.image, "app:1.2")
        let jwt = try XCTUnwrap(api.environment.first { $0.name == "JWT_SECRET" })
        XCTAssertEqual(jwt.value, "change-me")
        XCTAssertEqual(jwt.template, "${JWT_SECRET:-change-me}")
        XCTAssertEqual(jwt.references, [VariableReference(variable: "JWT_SECRET", resolution: .defaultValue)])
        XCTAssertEqual(jwt.location?.line, 5)
        XCTAssertEqual(api.environment.first { $0.name == "PLAIN" }?.template, nil)
        XCTAssertEqual(api.env("DB_HOST"), "")
        XCTAssertTrue(p.diagnostics.contains { $0.severity == .warning && $0.message.contains("\"DB_HOST\" variable is not set") })
        XCTAssertEqual(p.variableOrigins["TAG"], .shell)
        XCTAssertEqual(p.variableOrigins["DB_HOST"], .unset)
    }

    func testRequiredVariableErrorHasLocation() {
        TestSupport.assertFails("""
        services:
          api:
            image: nginx
            environment:
              - KEY=${STRIPE_KEY:?set it in .env}
        """, "required variable STRIPE_KEY is missing a value: set it in .env", at: (5, 9))
    }
}
