import XCTest
@testable import ComposeKit

final class DotEnvTests: XCTestCase {
    func testForms() throws {
        let text = """
        # comment
        export A=1
        B = two words  # trailing comment
        C='single $A # kept'
        D="double ${A}\\nline"
        E="multi
        line"
        F=${A}-${MISSING:-x}
        G: yaml-style
        H=
        SHELL_ONLY
        """
        let entries = try DotEnv.parse(text, file: "/x/.env", lookup: { $0 == "SHELL_ONLY" ? "from-shell" : nil })
        let map = Dictionary(entries.map { ($0.name, $0.value) }, uniquingKeysWith: { _, b in b })
        XCTAssertEqual(map["A"], "1")
        XCTAssertEqual(map["B"], "two words")
        XCTAssertEqual(map["C"], "single $A # kept")
        XCTAssertEqual(map["D"], "double 1\nline")
        XCTAssertEqual(map["E"], "multi\nline")
        XCTAssertEqual(map["F"], "1-x")
        XCTAssertEqual(map["G"], "yaml-style")
        XCTAssertEqual(map["H"], "")
        XCTAssertEqual(map["SHELL_ONLY"], "from-shell")
        XCTAssertEqual(entries.first { $0.name == "F" }?.template, "${A}-${MISSING:-x}")
        XCTAssertEqual(entries.first { $0.name == "F" }?.line, 8)
    }

    func testErrors() {
        XCTAssertThrowsError(try DotEnv.parse("A=\"open", file: "/e", lookup: { _ in nil }))
        XCTAssertThrowsError(try DotEnv.parse("=x", file: "/e", lookup: { _ in nil })) { error in
            XCTAssertEqual((error as? ComposeError)?.location?.line, 1)
        }
    }
}
