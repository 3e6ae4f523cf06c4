import AWSKit
import AWSTestSupport
import Foundation
import XCTest
@testable import Migrator

/// Tables, items and files for the DynamoDB migration tests. Two real moto_servers: one stands in
/// for dynamodb-local (it accepts any credentials, as dynamodb-local does), one for the stack's AWS.
enum DynamoDBFixtures {
    static let idKey = [DynamoDBClient.KeyAttribute(name: "id", role: "HASH", type: "S")]
    static let compositeKey = [DynamoDBClient.KeyAttribute(name: "pk", role: "HASH", type: "S"),
                               DynamoDBClient.KeyAttribute(name: "sk", role: "RANGE", type: "N")]

    static func tableName() -> String { "ferry-ddb-\(UUID().uuidString.prefix(8).lowercased())" }

    /// Items using every attribute type; numbers that a Double would round.
    static func items(_ count: Int, seed: Int = 0) -> [DynamoDBItem] {
        (0..<count).map { i in
            let n = i + seed
            return [
                "id": .s("item-\(n)"),
                "n": .n("1234567890123456789\(n % 10).\(n)"),
                "name": .s("naïve \(n) ✓"),
                "data": .b(TestEnvironment.bytes(8 + n % 24, seed: UInt64(n))),
                "active": .bool(n % 2 == 0),
                "nothing": .null,
                "profile": .m(["age": .n(String(20 + n % 50)), "tags": .l([.s("a"), .n("1"), .bool(true)])]),
                "labels": .ss(["x\(n % 3)", "y"]),
                "scores": .ns(["1", "2.5", String(n)]),
                "blobs": .bs([Data([1, 2, UInt8(n % 200)]), Data([9])]),
            ]
        }
    }

    static func put(_ items: [DynamoDBItem], into table: String, client: DynamoDBClient) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for offset in stride(from: 0, to: items.count, by: 25) {
                let batch = Array(items[offset..<min(items.count, offset + 25)])
                group.addTask {
                    var pending = batch
                    while !pending.isEmpty { pending = try await client.batchPut(table: table, items: pending) }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Everything in the table, by a plain (unsegmented) scan.
    static func scanAll(_ table: String, client: DynamoDBClient) async throws -> [DynamoDBItem] {
        var out: [DynamoDBItem] = []
        var start: DynamoDBItem?
        repeat {
            let page = try await client.scan(table: table, startKey: start, limit: 500)
            out += page.items
            start = page.lastEvaluatedKey
        } while start != nil
        return out
    }

    static func digest(_ items: [DynamoDBItem]) -> ItemDigest {
        var digest = ItemDigest()
        for item in items { digest.add(item) }
        return digest
    }

    /// A plain JSON object line for item `i` (numbers written as exact text).
    static func jsonLine(_ i: Int) -> String {
        #"{"id": "doc-\#(i)", "count": \#(i), "price": 12345678901234567890.\#(i), "ok": \#(i % 2 == 0), "none": null, "#
            + #""tags": ["a", \#(i)], "meta": {"nested": {"deep": "v\#(i)"}}}"#
    }

    static func write(_ lines: [String], to url: URL) throws {
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    static func decode(_ output: String) throws -> MigrationSummary {
        try JSONDecoder().decode(MigrationSummary.self, from: Data(output.utf8))
    }
}
