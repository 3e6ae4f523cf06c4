import AWSKit
import AWSTestSupport
import Foundation
import XCTest
@testable import Migrator

/// `ferry migrate dynamodb` killed with SIGKILL at random points, then run again each time: the
/// last run ends verified, with the target's count and digest equal to the source's (0 lost, 0
/// duplicated). Run against the real executable, as a person would.
final class DynamoDBKillResumeTests: XCTestCase {
    static let aws = SharedMotoServer()
    static let local = SharedMotoServer(checkSignatures: false)
    override class func tearDown() { aws.stop(); local.stop(); super.tearDown() }

    /// Starts the command, kills it once `after` new "copied" lines have appeared; returns whether it was killed.
    func killDuringRun(_ ferry: FerryProcess, _ arguments: [String], after lines: Int, work: URL, round: Int) async throws -> Bool {
        let err = work.appendingPathComponent("kill-\(round)-err.txt")
        let process = try ferry.start(arguments, stdout: work.appendingPathComponent("kill-\(round)-out.txt"), stderr: err)
        var killed = false
        for _ in 0..<3000 {
            try await Task.sleep(for: .milliseconds(10))
            if !process.isRunning { break }
            let log = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            if log.split(separator: "\n").filter({ $0.hasPrefix("copied ") }).count >= lines {
                kill(process.processIdentifier, SIGKILL)
                killed = true
                break
            }
        }
        process.waitUntilExit()
        if killed { XCTAssertEqual(process.terminationReason, .uncaughtSignal) }
        return killed
    }

    func assertResumes(_ ferry: FerryProcess, _ arguments: [String], expected: ItemDigest, table: String, aws: MotoServer, work: URL) async throws {
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for round in 0..<3 {
            let point = Int.random(in: 1...6, using: &generator)
            if try await killDuringRun(ferry, arguments, after: point, work: work, round: round) { kills += 1 }
        }
        XCTAssertGreaterThan(kills, 0, "at least one run was killed mid-copy")
        let last = try ferry.run(arguments)
        XCTAssertEqual(last.status, 0, last.err)
        let summary = try DynamoDBFixtures.decode(last.out)
        XCTAssertTrue(summary.verified)
        XCTAssertEqual(summary.items, expected.count)
        XCTAssertEqual(summary.checksum, expected.checksum)
        let stored = try await DynamoDBFixtures.scanAll(table, client: DynamoDBClient(client: aws.client()))
        XCTAssertEqual(stored.count, expected.count, "0 lost, 0 duplicated")
        XCTAssertEqual(DynamoDBFixtures.digest(stored), expected)
    }

    func testKilledFileCopyResumesToAVerifiedCopy() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let aws = try await Self.aws.get { try TestEnvironment.motoServer() }
        let table = DynamoDBFixtures.tableName()
        try await DynamoDBClient(client: aws.client()).createTable(table, keys: DynamoDBFixtures.idKey)
        let work = try TestEnvironment.temporaryDirectory()
        let items = DynamoDBFixtures.items(3000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let file = work.appendingPathComponent("items.jsonl")
        try DynamoDBFixtures.write(try items.map { String(decoding: try encoder.encode($0), as: UTF8.self) }, to: file)
        let ferry = FerryProcess(binary: binary, moto: aws, directory: work)
        let arguments = ["migrate", "dynamodb", "--from", file.path, "--to", table, "--endpoint-url", aws.endpoint, "--yes",
                         "--concurrency", "2", "--segments", "3", "--checkpoint-dir", work.appendingPathComponent("cp").path, "--format", "json"]
        try await assertResumes(ferry, arguments, expected: DynamoDBFixtures.digest(items), table: table, aws: aws, work: work)
    }

    func testKilledTableCopyResumesToAVerifiedCopy() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let aws = try await Self.aws.get { try TestEnvironment.motoServer() }
        let local = try await Self.local.get { try TestEnvironment.motoServer() }
        let from = DynamoDBFixtures.tableName(), to = DynamoDBFixtures.tableName()
        let source = DynamoDBClient(client: local.client())
        try await source.createTable(from, keys: DynamoDBFixtures.idKey)
        try await DynamoDBClient(client: aws.client()).createTable(to, keys: DynamoDBFixtures.idKey)
        let items = DynamoDBFixtures.items(2500, seed: 7)
        try await DynamoDBFixtures.put(items, into: from, client: source)
        let work = try TestEnvironment.temporaryDirectory()
        let ferry = FerryProcess(binary: binary, moto: aws, directory: work)
        let arguments = ["migrate", "dynamodb", "--from", "dynamodb://\(from)", "--source-endpoint-url", local.endpoint, "--to", to,
                         "--endpoint-url", aws.endpoint, "--yes", "--concurrency", "2", "--segments", "4", "--scan-page-size", "100",
                         "--checkpoint-dir", work.appendingPathComponent("cp").path, "--format", "json"]
        try await assertResumes(ferry, arguments, expected: DynamoDBFixtures.digest(items), table: to, aws: aws, work: work)
    }
}
