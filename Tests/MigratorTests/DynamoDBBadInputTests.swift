import AWSKit
import AWSTestSupport
import Foundation
import XCTest
@testable import Migrator

/// Bad input to `ferry migrate dynamodb` stops before any write with a message naming what and
/// where (file:line:column, the table, the key), exit 1, and never a value.
final class DynamoDBBadInputTests: XCTestCase {
    static let aws = SharedMotoServer()
    static let local = SharedMotoServer(checkSignatures: false)
    override class func tearDown() { aws.stop(); local.stop(); super.tearDown() }

    func setUpTable(_ keys: [DynamoDBClient.KeyAttribute] = DynamoDBFixtures.idKey) async throws -> (FerryProcess, MotoServer, String, URL) {
        let binary = try TestEnvironment.ferryBinary()
        let aws = try await Self.aws.get { try TestEnvironment.motoServer() }
        let table = DynamoDBFixtures.tableName()
        try await DynamoDBClient(client: aws.client()).createTable(table, keys: keys)
        let dir = try TestEnvironment.temporaryDirectory()
        return (FerryProcess(binary: binary, moto: aws, directory: dir), aws, table, dir)
    }

    func count(_ table: String, _ aws: MotoServer) async throws -> Int {
        try await DynamoDBFixtures.scanAll(table, client: DynamoDBClient(client: aws.client())).count
    }

    func testBadJSONNamesFileLineAndColumnAndWritesNothing() async throws {
        let (ferry, aws, table, dir) = try await setUpTable()
        let file = dir.appendingPathComponent("broken.jsonl")
        try DynamoDBFixtures.write([DynamoDBFixtures.jsonLine(1), DynamoDBFixtures.jsonLine(2), #"{"id": "doc-3", "secret": "hunter2" "x": 1}"#], to: file)
        let run = try ferry.run(["migrate", "dynamodb", "--from", file.path, "--to", table, "--endpoint-url", aws.endpoint, "--yes"])
        XCTAssertEqual(run.status, 1, run.err)
        XCTAssertTrue(run.err.contains("broken.jsonl:3:37:"), run.err)
        XCTAssertFalse(run.err.contains("hunter2"), "values are never printed")
        XCTAssertFalse(run.err.contains("Fatal error"), run.err)
        let stored = try await count(table, aws)
        XCTAssertEqual(stored, 0, "nothing is written when a record is bad")
    }

    func testRecordWithoutTheKeyIsNamedByLineBeforeAnyWrite() async throws {
        let (ferry, aws, table, dir) = try await setUpTable()
        let file = dir.appendingPathComponent("items.jsonl")
        try DynamoDBFixtures.write([DynamoDBFixtures.jsonLine(1), #"{"name": "no key here"}"#, #"{"id": 42}"#], to: file)
        let run = try ferry.run(["migrate", "dynamodb", "--from", file.path, "--to", table, "--endpoint-url", aws.endpoint, "--yes"])
        XCTAssertEqual(run.status, 1, run.err)
        XCTAssertTrue(run.err.contains("items.jsonl:2: the item has no id (partition key, S)"), run.err)
        XCTAssertFalse(run.err.contains("no key here"))
        let stored = try await count(table, aws)
        XCTAssertEqual(stored, 0)

        try DynamoDBFixtures.write([DynamoDBFixtures.jsonLine(1), #"{"id": 42}"#], to: file)
        let typed = try ferry.run(["migrate", "dynamodb", "--from", file.path, "--to", table, "--endpoint-url", aws.endpoint, "--yes"])
        XCTAssertEqual(typed.status, 1, typed.err)
        XCTAssertTrue(typed.err.contains("items.jsonl:2: its id (partition key, S) is of type N"), typed.err)
    }

    func testKeySchemaMismatchBetweenTablesIsRefusedBeforeWriting() async throws {
        let (ferry, aws, table, _) = try await setUpTable()
        let local = try await Self.local.get { try TestEnvironment.motoServer() }
        let source = DynamoDBClient(client: local.client())
        let from = DynamoDBFixtures.tableName()
        try await source.createTable(from, keys: DynamoDBFixtures.compositeKey)
        try await DynamoDBFixtures.put([["pk": .s("a"), "sk": .n("1")]], into: from, client: source)
        let run = try ferry.run(["migrate", "dynamodb", "--from", "dynamodb://\(from)", "--source-endpoint-url", local.endpoint,
                                 "--to", table, "--endpoint-url", aws.endpoint, "--yes"])
        XCTAssertEqual(run.status, 1, run.err)
        XCTAssertTrue(run.err.contains("key schemas differ"), run.err)
        XCTAssertTrue(run.err.contains(from) && run.err.contains("pk (partition key, S)") && run.err.contains("id (partition key, S)"), run.err)
        let stored = try await count(table, aws)
        XCTAssertEqual(stored, 0)
    }

    func testUnreachableSourceMissingTablesAndMissingFile() async throws {
        let (ferry, aws, table, dir) = try await setUpTable()
        let local = try await Self.local.get { try TestEnvironment.motoServer() }
        let unreachable = try ferry.run(["migrate", "dynamodb", "--from", "dynamodb://t", "--source-endpoint-url", "http://127.0.0.1:1",
                                         "--to", table, "--endpoint-url", aws.endpoint, "--yes"])
        XCTAssertEqual(unreachable.status, 1, unreachable.err)
        XCTAssertTrue(unreachable.err.contains("source:") && unreachable.err.contains("http://127.0.0.1:1"), unreachable.err)

        let missingSource = try ferry.run(["migrate", "dynamodb", "--from", "dynamodb://nope", "--source-endpoint-url", local.endpoint,
                                           "--to", table, "--endpoint-url", aws.endpoint, "--yes"])
        XCTAssertEqual(missingSource.status, 1, missingSource.err)
        XCTAssertTrue(missingSource.err.contains("the table nope does not exist at \(local.endpoint)"), missingSource.err)

        let file = dir.appendingPathComponent("ok.jsonl")
        try DynamoDBFixtures.write([DynamoDBFixtures.jsonLine(1)], to: file)
        let missingTarget = try ferry.run(["migrate", "dynamodb", "--from", file.path, "--to", "absent-table", "--endpoint-url", aws.endpoint, "--yes"])
        XCTAssertEqual(missingTarget.status, 1, missingTarget.err)
        XCTAssertTrue(missingTarget.err.contains("the table absent-table does not exist"), missingTarget.err)

        let missingFile = try ferry.run(["migrate", "dynamodb", "--from", dir.appendingPathComponent("nope.jsonl").path, "--to", table,
                                         "--endpoint-url", aws.endpoint, "--yes"])
        XCTAssertEqual(missingFile.status, 1, missingFile.err)
        XCTAssertTrue(missingFile.err.contains("nope.jsonl"), missingFile.err)

        let usage = try ferry.run(["migrate", "dynamodb", "--from", file.path, "--to", table, "--concurrency", "0"])
        XCTAssertEqual(usage.status, 2, usage.err)
    }
}
