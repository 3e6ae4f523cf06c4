import XCTest
import Blueprint
@testable import Planner

/// The byte-wise text helpers the planner leans on must mean what Foundation's did.
final class TextScanningTests: XCTestCase {
    func testByteContainsMatchesFoundationMeaning() {
        XCTAssertTrue("DATABASE_PASSWORD".contains("PASSWORD"))
        XCTAssertFalse("DATABASE_PASS".contains("PASSWORD"))
        XCTAssertFalse("abc".contains(""), "an empty needle is not contained, as with Foundation")
        XCTAssertTrue("naïve café".contains("café"))
        XCTAssertTrue(Substring("x://y").contains("://"))
        XCTAssertEqual("postgres://db".byteRange(of: "://"), 8..<11)
        let s = "é=http://x"
        XCTAssertEqual(s.firstByteRange(of: "http").map { String(s[$0]) }, "http")
    }

    func testTrimmingWhitespace() {
        XCTAssertEqual("  postgres:16\t".trimmingWhitespace, "postgres:16")
        XCTAssertEqual("\u{00A0}x\u{2003}".trimmingWhitespace, "x", "Unicode space separators are trimmed")
        XCTAssertEqual("x\n".trimmingWhitespace, "x\n", "newlines are not whitespace here")
        XCTAssertEqual(" \t ".trimmingWhitespace, "")
    }

    func testHostMentionsSplitOnSeparatorsOnly() {
        let text = "a=http://api:8080/x,redis://:tok@cache:6379\r\npostgresql://u:p@db/app;(worker:9000) café:80"
        let hosts = HostScanner.mentions(in: text, bareWordsAreHosts: false).map { "\($0.host):\($0.port.map(String.init) ?? "-")" }
        XCTAssertEqual(hosts, ["api:8080", "cache:6379", "db:-", "worker:9000", "café:80"])
        XCTAssertEqual(HostScanner.mentions(in: "db", bareWordsAreHosts: true).map(\.host), ["db"])
        XCTAssertEqual(HostScanner.mentions(in: "", bareWordsAreHosts: true).count, 0)
    }

    func testHighEntropyOnASCIIAndUnicode() {
        XCTAssertTrue(SecretSignals.highEntropy("Zk8pQ2xR9vLm4NbT7cWy1HsJ"))
        XCTAssertFalse(SecretSignals.highEntropy("aaaaaaaaaaaaaaaaaaaaaaaaaaaa1"))
        XCTAssertFalse(SecretSignals.highEntropy("short1A"))
        XCTAssertTrue(SecretSignals.highEntropy("Zk8pQ2xR9vLm4NbT7cWy1HsJé"))
    }
}
