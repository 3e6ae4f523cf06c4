import Blueprint
import ComposeKit
import Foundation
import Planner
@testable import Policy
import Renderers
import XCTest

/// `JSONValue.parse`, which reads templates back for the checks, agrees with `JSONDecoder` on every
/// template ferry renders for its examples, and names the place of bad input.
final class TemplateParsingTests: XCTestCase {
    func testAgreesWithJSONDecoderOnTheExamplesTemplates() throws {
        let examples = CheckovTests.repo.appendingPathComponent("examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()
        var compared = 0
        for name in names {
            let compose = examples.appendingPathComponent(name).appendingPathComponent("compose.yaml")
            guard FileManager.default.fileExists(atPath: compose.path) else { continue }
            let project = try ComposeLoader.load(LoadOptions(files: [compose.path], environment: ["HOME": "/home/ferry"]))
            for tier in Tier.allCases {
                let json = CloudFormationRenderer.template(for: Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))).template.json()
                XCTAssertEqual(try JSONValue.parse(json), try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)), "\(name) \(tier)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 6)
    }

    func testScalarsEscapesAndNesting() throws {
        let text = #"{"a": [1, -2.5, 3e2, 0, true, false, null], "s": "q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00 ü", "o": {}, "e": []}"#
        XCTAssertEqual(try JSONValue.parse(text), try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
        XCTAssertEqual(try JSONValue.parse(" \n 42 "), .number(42))
        XCTAssertEqual(try JSONValue.parse(#""\ud83d\ude00""#), .string("😀"))
    }

    func testBadInputNamesLineAndColumn() {
        func failure(_ text: String) -> JSONValue.SyntaxError? {
            do { _ = try JSONValue.parse(text); return nil } catch { return error as? JSONValue.SyntaxError }
        }
        XCTAssertEqual(failure("{\n  \"a\": 1,\n  \"b\" 2\n}").map { [$0.line, $0.column] }, [3, 7])
        XCTAssertEqual(failure("[1, 2").map { [$0.line, $0.column] }, [1, 6])
        XCTAssertNotNil(failure("{\"a\": tru}"))
        XCTAssertNotNil(failure("\"unterminated"))
        XCTAssertNotNil(failure("\"\\ud800 alone\""))
        XCTAssertNotNil(failure("01x"))
        XCTAssertNotNil(failure("1 2"))
        XCTAssertNotNil(failure(String(repeating: "[", count: 10_000)), "deep nesting is refused, not a crash")
        XCTAssertThrowsError(try TemplateDocument(json: "{\"Resources\": [}", origin: "t.json")) { error in
            XCTAssertTrue("\(error)".hasPrefix("t.json:1:16: not a JSON CloudFormation template"), "\(error)")
        }
    }
}
