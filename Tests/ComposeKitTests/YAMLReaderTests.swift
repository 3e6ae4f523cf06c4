import XCTest
@testable import ComposeKit

/// Stage 1: parsing with positions, anchors, merge keys, scalar types and guards.
final class YAMLReaderTests: XCTestCase {
    func testPositionsAndTypes() throws {
        let node = try XCTUnwrap(YAMLReader.parse("""
        a: 1
        b: "1"
        c: yes
        d: true
        e: ~
        f: 1.5
        g:
          - x
        """, file: "/f.yaml"))
        XCTAssertEqual(node["a"]?.scalar?.resolved, .int)
        XCTAssertEqual(node["b"]?.scalar?.resolved, .string)
        XCTAssertEqual(node["c"]?.scalar?.resolved, .string, "YAML 1.2: yes is a string")
        XCTAssertEqual(node["d"]?.scalar?.resolved, .bool)
        XCTAssertEqual(node["e"]?.isNull, true)
        XCTAssertEqual(node["f"]?.scalar?.resolved, .double)
        let item = try XCTUnwrap(node["g"]?.items?.first)
        XCTAssertEqual(item.location, SourceLocation(file: "/f.yaml", line: 8, column: 5))
        XCTAssertEqual(node.entry("b")?.keyLocation, SourceLocation(file: "/f.yaml", line: 2, column: 1))
    }

    func testAnchorsAndMergeKeys() throws {
        let p = try TestSupport.load("""
        x-env: &env
          A: a
          B: b
        x-more: &more
          B: not-this
          C: c
        services:
          web:
            image: nginx
            environment:
              <<: [*env, *more]
              A: own
        """)
        let web = try XCTUnwrap(p.service(named: "web"))
        XCTAssertEqual(web.env("A"), "own")
        XCTAssertEqual(web.env("B"), "b", "the first merge source wins")
        XCTAssertEqual(web.env("C"), "c")
        XCTAssertNotNil(p.extensions["x-env"])
    }

    func testBillionLaughsFailsFast() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let start = Date()
        XCTAssertThrowsError(try YAMLReader.parse(yaml, file: "/bomb.yaml")) { error in
            XCTAssertTrue("\(error)".contains("too many aliases"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }

    func testDeepNestingRefused() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        XCTAssertThrowsError(try YAMLReader.parse("a: " + deep, file: "/deep.yaml")) { error in
            XCTAssertTrue("\(error)".contains("nesting is too deep"), "\(error)")
        }
        let dashes = "a:\n" + String(repeating: "- ", count: 3000) + "x\n"
        XCTAssertThrowsError(try YAMLReader.parse(dashes, file: "/deep.yaml"))
    }

    func testAliasAsKeyRefused() {
        XCTAssertThrowsError(try YAMLReader.parse("a: &a [1]\nb:\n  *a : 1\n", file: "/k.yaml"))
        // Found by the fuzzer: the scanner makes an alias a key when a `:` follows later on the line.
        XCTAssertThrowsError(try YAMLReader.parse("a: &a [1]\nb: [*a placement: x]\n", file: "/k.yaml"))
        XCTAssertThrowsError(try YAMLReader.parse("a: &a [1]\nb:\n  ? *a\n  : 1\n", file: "/k.yaml"))
        XCTAssertThrowsError(try YAMLReader.parse("a: &a [1]\nb: {[*a, *a]: 1}\n", file: "/k.yaml"))
        // Not aliases: globs and question marks in scripts.
        XCTAssertNoThrow(try YAMLReader.parse("command: |\n  ls * | grep a:b\n  echo ok ? yes\n", file: "/k.yaml"))
    }

    func testSyntaxErrorHasPosition() {
        XCTAssertThrowsError(try YAMLReader.parse("services:\n  web:\n    image: [unclosed\n", file: "/s.yaml")) { error in
            let e = error as? ComposeError
            XCTAssertEqual(e?.location?.file, "/s.yaml")
            XCTAssertNotNil(e?.location?.line)
        }
    }

    func testDuplicateKey() {
        TestSupport.assertFails("services:\n  web:\n    image: a\n    image: b\n", "duplicate key")
    }

    func testFileSizeLimit() {
        let limits = LoadLimits(maxFileBytes: 10)
        XCTAssertThrowsError(try YAMLReader.parse("services: {}\n", file: "/big.yaml", limits: limits))
    }
}
