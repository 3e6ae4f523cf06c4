import AWSKit
import AWSTestSupport
import Foundation
import XCTest
@testable import Migrator

/// `ferry migrate dynamodb` for each source kind, against two real moto_servers: one standing in for
/// dynamodb-local, one for the stack's AWS account.
final class DynamoDBCopyTests: XCTestCase {
    static let aws = SharedMotoServer()
    static let local = SharedMotoServer(checkSignatures: false)
    override class func tearDown() { aws.stop(); local.stop(); super.tearDown() }

    func servers() async throws -> (local: MotoServer, aws: MotoServer) {
        let a = try await Self.aws.get { try TestEnvironment.motoServer() }
        let l = try await Self.local.get { try TestEnvironment.motoServer() }
        return (l, a)
    }

    /// A source table holding `count` fixture items on the dynamodb-local stand-in and an empty target table.
    func twoTables(items count: Int) async throws -> (MotoServer, MotoServer, DynamoDBClient, DynamoDBClient, String, String, [DynamoDBItem]) {
        let (local, aws) = try await servers()
        let source = DynamoDBClient(client: local.client())
        let target = DynamoDBClient(client: aws.client())
        let from = DynamoDBFixtures.tableName(), to = DynamoDBFixtures.tableName()
        try await source.createTable(from, keys: DynamoDBFixtures.idKey)
        try await target.createTable(to, keys: DynamoDBFixtures.idKey)
        let items = DynamoDBFixtures.items(count)
        try await DynamoDBFixtures.put(items, into: from, client: source)
        return (local, aws, source, target, from, to, items)
    }

    func testTableToTableWithParallelSegmentsVerifiesAndResumesAsNoOp() async throws {
        let (local, aws, source, target, from, to, items) = try await twoTables(items: 420)

        let dir = try TestEnvironment.temporaryDirectory()
        let store = try CheckpointStore(path: dir.appendingPathComponent("d.sqlite").path, identity: "dynamodb|t2t")
        var options = TableCopier.Options()
        options.concurrency = 4
        let copier = TableCopier(source: TableSource(client: source, table: from, segments: 3, pageSize: 50, endpoint: local.endpoint),
                                 target: target, table: to, targetEndpoint: aws.endpoint, checkpoints: store, options: options)
        let summary = try await copier.run(progress: SilentProgress())
        XCTAssertTrue(summary.verified, summary.notes.joined(separator: "\n"))
        XCTAssertEqual(summary.items, 420)
        XCTAssertEqual(summary.copied, 420)
        XCTAssertEqual(summary.checksum, DynamoDBFixtures.digest(items).checksum)

        let stored = try await DynamoDBFixtures.scanAll(to, client: target)
        XCTAssertEqual(stored.count, 420)
        XCTAssertEqual(DynamoDBFixtures.digest(stored), DynamoDBFixtures.digest(items))
        let byID = Dictionary(uniqueKeysWithValues: stored.map { (item: DynamoDBItem) -> (AttributeValue, DynamoDBItem) in (item["id"]!, item) })
        XCTAssertEqual(byID[.s("item-7")]?["n"], .n("12345678901234567897.7"), "numbers keep their exact text")
        XCTAssertEqual(byID[.s("item-7")]?["data"], items[7]["data"])

        // Everything is recorded done: a second run writes nothing and verifies again.
        let again = try await copier.run(progress: SilentProgress())
        XCTAssertTrue(again.verified)
        XCTAssertEqual(again.copied, 0)
        XCTAssertEqual(again.skipped, 420)
    }

    /// The read-back proves every source item arrived as it was; only the Scan also sees items the
    /// target held before (the stack's table should be empty, so that is the opt-in).
    func testReadBackAndScanVerification() async throws {
        let (local, aws, source, target, from, to, items) = try await twoTables(items: 130)
        try await DynamoDBFixtures.put([["id": .s("left-over"), "n": .n("1")]], into: to, client: target)
        let dir = try TestEnvironment.temporaryDirectory()
        func copier(_ verify: TableCopier.Verification, _ name: String) throws -> TableCopier {
            var options = TableCopier.Options()
            options.verify = verify
            let store = try CheckpointStore(path: dir.appendingPathComponent("\(name).sqlite").path, identity: "dynamodb|\(name)")
            return TableCopier(source: TableSource(client: source, table: from, segments: 2, pageSize: 40, endpoint: local.endpoint),
                               target: target, table: to, targetEndpoint: aws.endpoint, checkpoints: store, options: options)
        }
        let readBack = try await copier(.readBack, "r").run(progress: SilentProgress())
        XCTAssertTrue(readBack.verified, readBack.notes.joined(separator: "\n"))
        XCTAssertEqual(readBack.checksum, DynamoDBFixtures.digest(items).checksum)
        let scan = try await copier(.scan, "s").run(progress: SilentProgress())
        XCTAssertFalse(scan.verified)
        XCTAssertTrue(scan.notes.contains { $0.contains("holds 131 item(s)") && $0.contains("the table held other items") }, "\(scan.notes)")

        // Not read back: every item written, the run said to be unverified, the source's digest given.
        let none = try await copier(.none, "n").run(progress: SilentProgress())
        XCTAssertFalse(none.verified)
        XCTAssertEqual(none.failed, 0)
        XCTAssertEqual(none.copied, 130)
        XCTAssertEqual(none.checksum, DynamoDBFixtures.digest(items).checksum)
        XCTAssertTrue(none.notes.contains { $0.hasPrefix("not verified (--verify none)") }, "\(none.notes)")
        // Its partitions carry no read-back: a later verified run over that checkpoint falls back to the Scan.
        let later = try await copier(.readBack, "n").run(progress: SilentProgress())
        XCTAssertEqual(later.copied, 0)
        XCTAssertFalse(later.verified, "the Scan sees the left-over item too")
    }

    /// One reader across many segments still copies every segment, each page once.
    func testOneReaderAcrossSegments() async throws {
        let (local, aws, source, target, from, to, items) = try await twoTables(items: 200)
        let dir = try TestEnvironment.temporaryDirectory()
        var options = TableCopier.Options()
        options.readConcurrency = 1
        let store = try CheckpointStore(path: dir.appendingPathComponent("one.sqlite").path, identity: "dynamodb|one")
        let copier = TableCopier(source: TableSource(client: source, table: from, segments: 5, pageSize: 15, endpoint: local.endpoint),
                                 target: target, table: to, targetEndpoint: aws.endpoint, checkpoints: store, options: options)
        let summary = try await copier.run(progress: SilentProgress())
        XCTAssertTrue(summary.verified, summary.notes.joined(separator: "\n"))
        XCTAssertEqual(summary.copied, 200)
        XCTAssertEqual(summary.checksum, DynamoDBFixtures.digest(items).checksum)
    }

    func testCommandCopiesTheProjectsDynamoDBLocalIntoTheStacksTable() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let (local, aws) = try await servers()
        let source = DynamoDBClient(client: local.client())
        let from = "clarity-health-data-\(UUID().uuidString.prefix(6).lowercased())"
        try await source.createTable(from, keys: DynamoDBFixtures.idKey)
        try await DynamoDBFixtures.put(DynamoDBFixtures.items(60), into: from, client: source)

        // The stack: one table made by CloudFormation (moto creates it on CreateStack).
        let stackName = "ddbstack\(UUID().uuidString.prefix(6).lowercased())"
        let template = #"{"Resources":{"DataTable":{"Type":"AWS::DynamoDB::Table","Properties":{"BillingMode":"PAY_PER_REQUEST","#
            + #""AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}}}}"#
        let response = try await aws.client().send(QueryProtocol.request(service: .cloudFormation, action: "CreateStack", version: "2010-05-15",
                                                                        parameters: [("StackName", stackName), ("TemplateBody", template)]))
        XCTAssertEqual(response.status, 200)
        let resources = try await CloudFormationClient(client: aws.client()).listStackResources(stackName)
        let table = try XCTUnwrap(resources.first { $0.resourceType == "AWS::DynamoDB::Table" }?.physicalID)

        let dir = try TestEnvironment.temporaryDirectory().appendingPathComponent("clarity")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
        name: clarity
        services:
          api:
            image: python:3.12
            ports: ["8000:8000"]
            environment:
              DYNAMODB_ENDPOINT: http://dynamodb-local:8000
              DYNAMODB_TABLE: \(from)
          dynamodb-local:
            image: amazon/dynamodb-local:latest
            ports: ["\(local.port):8000"]
            command: "-jar DynamoDBLocal.jar -sharedDb -inMemory"
        """.write(to: dir.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        let ferry = FerryProcess(binary: binary, moto: aws, directory: dir)

        let plan = try ferry.run(["migrate", "plan"])
        XCTAssertEqual(plan.status, 0, plan.err)
        XCTAssertTrue(plan.out.contains("dynamodb: DynamoDB Local service dynamodb-local (http://127.0.0.1:\(local.port))"), plan.out)
        XCTAssertTrue(plan.out.contains("ferry migrate dynamodb --from dynamodb://\(from) --dry-run"), plan.out)

        let dry = try ferry.run(["migrate", "dynamodb", "--endpoint-url", aws.endpoint, "--stack-name", stackName, "--dry-run", "--format", "json"])
        XCTAssertEqual(dry.status, 0, dry.err)
        let afterDryRun = try await DynamoDBFixtures.scanAll(table, client: DynamoDBClient(client: aws.client()))
        XCTAssertEqual(afterDryRun.count, 0, "a dry run writes nothing")

        let run = try ferry.run(["migrate", "dynamodb", "--endpoint-url", aws.endpoint, "--stack-name", stackName, "--yes", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.err)
        let summary = try DynamoDBFixtures.decode(run.out)
        XCTAssertEqual(summary.source, "dynamodb://\(from)")
        XCTAssertEqual(summary.target, "dynamodb://\(table)")
        XCTAssertEqual(summary.copied, 60)
        XCTAssertTrue(summary.verified)
        XCTAssertNotNil(summary.checkpoint)
        XCTAssertTrue(summary.checkpoint?.contains(".ferry/migrations") ?? false)
        XCTAssertFalse(run.err.contains("naïve"), "item values are never printed")
        let copied = try await DynamoDBFixtures.scanAll(table, client: DynamoDBClient(client: aws.client()))
        XCTAssertEqual(copied.count, 60)
    }

    func testJSONLinesOfPlainObjects() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let (_, aws) = try await servers()
        let target = DynamoDBClient(client: aws.client())
        let table = DynamoDBFixtures.tableName()
        try await target.createTable(table, keys: DynamoDBFixtures.idKey)
        let dir = try TestEnvironment.temporaryDirectory()
        let file = dir.appendingPathComponent("items.jsonl")
        try DynamoDBFixtures.write((0..<250).map(DynamoDBFixtures.jsonLine) + [""], to: file)
        let ferry = FerryProcess(binary: binary, moto: aws, directory: dir)
        let run = try ferry.run(["migrate", "dynamodb", "--from", file.path, "--to", table, "--endpoint-url", aws.endpoint,
                                 "--yes", "--format", "json", "--concurrency", "3"])
        XCTAssertEqual(run.status, 0, run.err)
        let summary = try DynamoDBFixtures.decode(run.out)
        XCTAssertEqual(summary.copied, 250)
        XCTAssertTrue(summary.verified)
        XCTAssertTrue(run.err.contains("as json"), run.err)
        let stored = try await DynamoDBFixtures.scanAll(table, client: target)
        let item = try XCTUnwrap(stored.first { $0["id"] == .s("doc-7") })
        XCTAssertEqual(item["price"], .n("12345678901234567890.7"))
        XCTAssertEqual(item["count"], .n("7"))
        XCTAssertEqual(item["ok"], .bool(false))
        XCTAssertEqual(item["none"], .null)
        XCTAssertEqual(item["tags"], .l([.s("a"), .n("7")]))
        XCTAssertEqual(item["meta"], .m(["nested": .m(["deep": .s("v7")])]))
    }

    func testDynamoDBJSONExportLinesAndBareAttributeMaps() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let (_, aws) = try await servers()
        let target = DynamoDBClient(client: aws.client())
        let dir = try TestEnvironment.temporaryDirectory()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var items: [DynamoDBItem] = []
        for (i, var item) in DynamoDBFixtures.items(80).enumerated() {
            item["pk"] = .s("user-\(i % 7)")
            item["sk"] = .n(String(i))
            items.append(item)
        }
        // An export writes {"Item": {...}}; a bare attribute-value map is read the same way.
        let export = dir.appendingPathComponent("export.json")
        try DynamoDBFixtures.write(try items[..<40].map { #"{"Item":"# + String(decoding: try encoder.encode($0), as: UTF8.self) + "}" }, to: export)
        let bare = dir.appendingPathComponent("bare.json")
        try DynamoDBFixtures.write(try items[40...].map { String(decoding: try encoder.encode($0), as: UTF8.self) }, to: bare)
        let ferry = FerryProcess(binary: binary, moto: aws, directory: dir)
        for (file, part) in [(export, Array(items[..<40])), (bare, Array(items[40...]))] {
            let table = DynamoDBFixtures.tableName()
            try await target.createTable(table, keys: DynamoDBFixtures.compositeKey)
            let run = try ferry.run(["migrate", "dynamodb", "--from", file.path, "--to", table, "--endpoint-url", aws.endpoint,
                                     "--yes", "--format", "json", "--segments", "2"])
            XCTAssertEqual(run.status, 0, run.err)
            XCTAssertTrue(run.err.contains("as dynamodb-json"), run.err)
            let summary = try DynamoDBFixtures.decode(run.out)
            XCTAssertEqual(summary.copied, 40)
            XCTAssertEqual(summary.checksum, DynamoDBFixtures.digest(part).checksum)
            let stored = try await DynamoDBFixtures.scanAll(table, client: target)
            XCTAssertEqual(DynamoDBFixtures.digest(stored), DynamoDBFixtures.digest(part))
        }
    }

    func testFirestoreExportDocuments() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let (_, aws) = try await servers()
        let target = DynamoDBClient(client: aws.client())
        let table = DynamoDBFixtures.tableName()
        try await target.createTable(table, keys: DynamoDBFixtures.idKey)
        let dir = try TestEnvironment.temporaryDirectory()
        let file = dir.appendingPathComponent("firestore.json")
        let documents = (0..<30).map { i in
            #"""
            {"name": "projects/clarity/databases/(default)/documents/patients/p\#(i)", "fields": {
              "name": {"stringValue": "Patient \#(i)"}, "age": {"integerValue": "\#(40 + i)"}, "weight": {"doubleValue": 71.5},
              "active": {"booleanValue": true}, "note": {"nullValue": null}, "seen": {"timestampValue": "2024-05-01T10:00:0\#(i % 10)Z"},
              "doctor": {"referenceValue": "projects/clarity/databases/(default)/documents/doctors/d1"},
              "where": {"geoPointValue": {"latitude": 52.52, "longitude": 13.405}},
              "vitals": {"mapValue": {"fields": {"bpm": {"integerValue": "60"}}}},
              "visits": {"arrayValue": {"values": [{"stringValue": "a"}, {"integerValue": "2"}]}},
              "empty": {"arrayValue": {}}, "photo": {"bytesValue": "AQID"}}}
            """#
        }
        try ("{\"documents\": [\n" + documents.joined(separator: ",\n") + "\n]}\n").write(to: file, atomically: true, encoding: .utf8)
        let ferry = FerryProcess(binary: binary, moto: aws, directory: dir)
        let run = try ferry.run(["migrate", "dynamodb", "--from", file.path, "--to", table, "--endpoint-url", aws.endpoint, "--yes", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.err.contains("as firestore"), run.err)
        XCTAssertEqual(try DynamoDBFixtures.decode(run.out).copied, 30)
        let stored = try await DynamoDBFixtures.scanAll(table, client: target)
        let item = try XCTUnwrap(stored.first { $0["id"] == .s("p3") }, "the document id is the partition key")
        XCTAssertEqual(item["age"], .n("43"))
        XCTAssertEqual(item["weight"], .n("71.5"))
        XCTAssertEqual(item["active"], .bool(true))
        XCTAssertEqual(item["note"], .null)
        XCTAssertEqual(item["seen"], .s("2024-05-01T10:00:03Z"))
        XCTAssertEqual(item["doctor"], .s("projects/clarity/databases/(default)/documents/doctors/d1"))
        XCTAssertEqual(item["where"], .m(["latitude": .n("52.52"), "longitude": .n("13.405")]))
        XCTAssertEqual(item["vitals"], .m(["bpm": .n("60")]))
        XCTAssertEqual(item["visits"], .l([.s("a"), .n("2")]))
        XCTAssertEqual(item["empty"], .l([]))
        XCTAssertEqual(item["photo"], .b(Data([1, 2, 3])))
    }
}
