import AWSKit
import AWSTestSupport
import Foundation
import XCTest
@testable import Migrator

/// Unprocessed items and throttling, injected by FaultProxy in front of a real moto_server (moto
/// never leaves items unprocessed nor throttles): the copy still arrives whole and verified.
final class DynamoDBFaultTests: XCTestCase {
    static let aws = SharedMotoServer()
    override class func tearDown() { aws.stop(); super.tearDown() }

    func testUnprocessedItemsAndThrottlingAreRetriedToAVerifiedCopy() async throws {
        let aws = try await Self.aws.get { try TestEnvironment.motoServer() }
        let table = DynamoDBFixtures.tableName()
        try await DynamoDBClient(client: aws.client()).createTable(table, keys: DynamoDBFixtures.idKey)
        let attempts = BodyAttempts()
        let proxy = try await FaultProxy(upstream: aws.endpoint) { index, request in
            guard request.header("X-Amz-Target") == "DynamoDB_20120810.BatchWriteItem" else { return nil }
            // Every batch: first answered with all its items unprocessed (nothing written), then
            // throttled, then let through. Keyed by the body, so concurrency cannot skip a step.
            let attempt = attempts.next(request.body)
            switch attempt {
            case 0:
                let requestItems = (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any])?["RequestItems"] ?? [:]
                let body = (try? JSONSerialization.data(withJSONObject: ["UnprocessedItems": requestItems])) ?? Data()
                return .answer(status: 200, body: String(decoding: body, as: UTF8.self), contentType: "application/x-amz-json-1.0")
            case 1:
                return .answer(status: 400, body: #"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded."}"#,
                               contentType: "application/x-amz-json-1.0")
            case 2:
                return .throttling
            default:
                return nil
            }
        }
        defer { Task { await proxy.stop() } }

        let items = DynamoDBFixtures.items(130)
        let dir = try TestEnvironment.temporaryDirectory()
        let file = dir.appendingPathComponent("items.jsonl")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try DynamoDBFixtures.write(try items.map { String(decoding: try encoder.encode($0), as: UTF8.self) }, to: file)
        let store = try CheckpointStore(path: dir.appendingPathComponent("d.sqlite").path, identity: "dynamodb|faults")
        var options = TableCopier.Options()
        options.concurrency = 4
        let target = DynamoDBClient(client: aws.client(endpoint: proxy.endpoint))
        let copier = TableCopier(source: try ItemFileSource(path: file.path, format: nil, partitions: 2, pageSize: 60),
                                 target: target, table: table, targetEndpoint: proxy.endpoint, checkpoints: store, options: options)
        let summary = try await copier.run(progress: SilentProgress())
        XCTAssertTrue(summary.verified, summary.notes.joined(separator: "\n"))
        XCTAssertEqual(summary.copied, 130)
        XCTAssertGreaterThanOrEqual(proxy.faultCount, 3 * 6, "every batch met all three faults")
        let stored = try await DynamoDBFixtures.scanAll(table, client: DynamoDBClient(client: aws.client()))
        XCTAssertEqual(DynamoDBFixtures.digest(stored), DynamoDBFixtures.digest(items))
    }
}

/// Attempts per distinct request body: a batch resent after a fault has the same body.
final class BodyAttempts: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [Data: Int] = [:]
    func next(_ body: Data) -> Int {
        lock.withLock { let n = seen[body, default: 0]; seen[body] = n + 1; return n }
    }
}
