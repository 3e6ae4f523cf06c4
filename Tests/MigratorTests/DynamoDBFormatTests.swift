import AWSKit
import Foundation
import XCTest
@testable import Migrator

/// The pieces of the DynamoDB migration that need no server: record formats, the JSON reader's
/// positions, the canonical encoding and the order-independent digest.
final class DynamoDBFormatTests: XCTestCase {
    func testNumbersCompareAsDynamoDBComparesThem() {
        XCTAssertEqual(ItemDigest.canonicalNumber("1.50"), ItemDigest.canonicalNumber("15e-1"))
        XCTAssertEqual(ItemDigest.canonicalNumber("-0"), "0")
        XCTAssertEqual(ItemDigest.canonicalNumber("0100"), ItemDigest.canonicalNumber("1E2"))
        XCTAssertNotEqual(ItemDigest.canonicalNumber("12345678901234567890.1"), ItemDigest.canonicalNumber("12345678901234567890.2"))
    }

    func testDigestIgnoresOrderButNotDuplicates() {
        let items = DynamoDBFixtures.items(20)
        var forward = ItemDigest(), backward = ItemDigest(), twice = ItemDigest()
        for item in items { forward.add(item) }
        for item in items.reversed() { backward.add(item) }
        for item in items + [items[3]] { twice.add(item) }
        XCTAssertEqual(forward, backward)
        XCTAssertNotEqual(forward.checksum, twice.checksum)
        var sets = items[0]
        sets["labels"] = .ss(["y", "x0"])
        XCTAssertEqual(ItemDigest.canonical(sets), ItemDigest.canonical(items[0]), "set members are unordered")
    }

    func testJSONReaderKeepsNumberTextAndReportsPositions() throws {
        let value = try JSONTextParser.parse(Array(#"{"a": 12345678901234567890.5, "b": "\u00e9\ud83d\ude00"}"#.utf8))
        XCTAssertEqual(value["a"], .number("12345678901234567890.5"))
        XCTAssertEqual(value["b"], .string("é😀"))
        XCTAssertThrowsError(try JSONTextParser.parse(Array("{\n  \"a\": tru\n}".utf8))) { error in
            let syntax = error as? JSONSyntaxError
            XCTAssertEqual(syntax?.line, 2)
            XCTAssertEqual(syntax?.column, 11, "where the literal stops matching")
        }
    }

    func testFormatsAreDetectedFromTheFirstRecord() throws {
        func detect(_ text: String) throws -> ItemFileFormat { ItemFileFormat.detect(try JSONTextParser.parse(Array(text.utf8))) }
        XCTAssertEqual(try detect(#"{"Item": {"id": {"S": "a"}}}"#), .dynamodbJSON)
        XCTAssertEqual(try detect(#"{"id": {"S": "a"}, "n": {"N": "1"}}"#), .dynamodbJSON)
        XCTAssertEqual(try detect(#"{"name": "projects/p/databases/(default)/documents/c/d", "fields": {}}"#), .firestore)
        XCTAssertEqual(try detect(#"{"id": "a", "n": 1}"#), .json)
    }

    func testFirestoreTimestampsInSecondsBecomeISO8601() throws {
        let document = try JSONTextParser.parse(Array(#"{"name": "a/b/c/d1", "fields": {"t": {"timestampValue": {"seconds": 1714557600, "nanos": 500000000}}}}"#.utf8))
        let item = try ItemConversion.item(document, format: .firestore, partitionKey: "id")
        XCTAssertEqual(item["id"], .s("d1"))
        XCTAssertEqual(item["t"], .s("2024-05-01T10:00:00.5Z"))
    }
}
