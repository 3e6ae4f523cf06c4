import AWSKit
import AWSTestSupport
import Crypto
import Foundation
import XCTest
@testable import Migrator

/// `ferry migrate objects` killed with SIGKILL mid-copy, then run again: every object arrives, once,
/// verified. Run against the real executable, as a person would.
final class KillResumeTests: XCTestCase {
    static let moto = SharedMotoServer()
    override class func tearDown() { moto.stop(); super.tearDown() }

    func testKillNineThenRerunFinishesWithNothingLostOrDuplicated() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let moto = try await Self.moto.get { try TestEnvironment.motoServer() }
        let s3 = S3Client(client: moto.client())
        let bucket = TestEnvironment.bucketName()
        try await s3.createBucket(bucket)
        let work = try TestEnvironment.temporaryDirectory()
        let data = work.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data.appendingPathComponent("nested"), withIntermediateDirectories: true)
        var md5s: [String: String] = [:]
        let count = 150
        for i in 0..<count {
            let key = i % 3 == 0 ? "nested/obj-\(i).bin" : "obj-\(i).bin"
            let body = TestEnvironment.bytes(4096 + (i * 37) % 8192, seed: UInt64(i))
            try body.write(to: data.appendingPathComponent(key))
            md5s[key] = ValueHash.hexBytes(Insecure.MD5.hash(data: body))
        }
        // One multipart object, so a kill can land inside an upload.
        let big = TestEnvironment.bytes(11 << 20, seed: 4242)
        try big.write(to: data.appendingPathComponent("big.bin"))
        let checkpoints = work.appendingPathComponent("checkpoints")
        let ferry = FerryProcess(binary: binary, moto: moto, directory: work)
        let arguments = ["migrate", "objects", "--from", data.path, "--to", "s3://\(bucket)", "--endpoint-url", moto.endpoint,
                         "--yes", "--concurrency", "2", "--multipart-threshold-mib", "5", "--part-size-mib", "5",
                         "--checkpoint-dir", checkpoints.path, "--format", "json"]

        // Kill once a few items are done (but not all).
        let first = try ferry.start(arguments, stdout: work.appendingPathComponent("kill-out.txt"), stderr: work.appendingPathComponent("kill-err.txt"))
        var killedAt = 0
        for _ in 0..<600 {
            try await Task.sleep(for: .milliseconds(20))
            if !first.isRunning { break }
            // Each verified object prints a plain "copied KEY" line (stderr, as stdout holds the JSON).
            let log = (try? String(contentsOf: work.appendingPathComponent("kill-err.txt"), encoding: .utf8)) ?? ""
            let done = log.split(separator: "\n").filter { $0.hasPrefix("copied ") }.count
            if done >= 25 {
                killedAt = done
                kill(first.processIdentifier, SIGKILL)
                break
            }
        }
        first.waitUntilExit()
        XCTAssertTrue(killedAt > 0, "the first run was killed after \(killedAt) items (status \(first.terminationStatus), reason \(first.terminationReason.rawValue))")
        XCTAssertEqual(first.terminationReason, .uncaughtSignal)

        let second = try ferry.run(arguments)
        XCTAssertEqual(second.status, 0, second.err)
        let summary = try JSONDecoder().decode(MigrationSummary.self, from: Data(second.out.utf8))
        XCTAssertEqual(summary.items, count + 1)
        XCTAssertEqual(summary.copied + summary.skipped, count + 1)
        XCTAssertGreaterThanOrEqual(summary.skipped, killedAt, "what the first run finished is not copied again")
        XCTAssertTrue(summary.verified)

        let listed = try await s3.listObjects(bucket: bucket, prefix: "")
        XCTAssertEqual(listed.count, count + 1, "no object lost, none extra")
        for object in listed where object.key != "big.bin" {
            XCTAssertEqual(object.etag, md5s[object.key], object.key)
        }
        let body = try await s3.getObject(bucket: bucket, key: "big.bin", range: nil)
        XCTAssertEqual(body, big)
    }

}
