import AWSKit
import AWSTestSupport
import Crypto
import Foundation
import XCTest
@testable import Migrator

/// `ObjectCopier` against real moto_servers: a second moto stands in for the MinIO side.
final class ObjectCopierTests: XCTestCase {
    static let destination = SharedMotoServer()
    static let source = SharedMotoServer()
    /// moto 5.2 miscomputes the S3 signature of a query whose value holds `/` (ListObjectsV2 with a
    /// `prefix=a/`), which AWS and MinIO accept: the prefix test uses a pair that does not check them.
    static let unsignedDestination = SharedMotoServer(checkSignatures: false)
    static let unsignedSource = SharedMotoServer(checkSignatures: false)
    override class func tearDown() {
        for server in [destination, source, unsignedDestination, unsignedSource] { server.stop() }
        super.tearDown()
    }
    private func servers() async throws -> (MotoServer, MotoServer) {
        let d = try await Self.destination.get { try TestEnvironment.motoServer() }
        let s = try await Self.source.get { try TestEnvironment.motoServer() }
        return (s, d)
    }

    func options(threshold: Int64 = 5 << 20) -> ObjectCopier.Options {
        var o = ObjectCopier.Options()
        o.multipartThreshold = threshold
        o.partSize = 5 << 20
        o.concurrency = 4
        return o
    }

    func testBucketToBucketKeepsMetadataUsesPartsAndSkipsWhatIsInPlace() async throws {
        let destinationMoto = try await Self.unsignedDestination.get { try TestEnvironment.motoServer() }
        let sourceMoto = try await Self.unsignedSource.get { try TestEnvironment.motoServer() }
        let source = S3Client(client: sourceMoto.client())
        let destination = S3Client(client: destinationMoto.client())
        let from = TestEnvironment.bucketName(), to = TestEnvironment.bucketName()
        try await source.createBucket(from)
        try await destination.createBucket(to)
        var expected: [String: Data] = [:]
        for i in 0..<12 {
            let data = TestEnvironment.bytes(4096 + i * 700, seed: UInt64(i))
            let key = "uploads/user \(i)/file-\(i).bin"
            expected[key] = data
            try await source.putObject(bucket: from, key: key, body: data, contentMD5: Data(Insecure.MD5.hash(data: data)).base64EncodedString(),
                                       headers: S3Client.objectHeaders(contentType: "image/png", metadata: ["owner": "u\(i)"]))
        }
        let large = TestEnvironment.bytes(12 << 20, seed: 99)
        expected["uploads/big.tar"] = large
        try await source.putObject(bucket: from, key: "uploads/big.tar", body: large,
                                   contentMD5: Data(Insecure.MD5.hash(data: large)).base64EncodedString(),
                                   headers: S3Client.objectHeaders(contentType: "application/x-tar", metadata: [:]))

        let dir = try TestEnvironment.temporaryDirectory()
        let store = try CheckpointStore(path: dir.appendingPathComponent("o.sqlite").path, identity: "objects|b2b")
        let copier = ObjectCopier(source: BucketSource(s3: source, bucket: from, prefix: "uploads/"), destination: destination,
                                  bucket: to, prefix: "media/", checkpoints: store, options: options())
        let first = try await copier.run(progress: SilentProgress())
        XCTAssertEqual(first.items, 13)
        XCTAssertEqual(first.copied, 13)
        XCTAssertEqual(first.failed, 0, "\(first.notes)")
        XCTAssertTrue(first.verified)

        for (key, data) in expected {
            let target = "media/" + key.dropFirst("uploads/".count)
            let body = try await destination.getObject(bucket: to, key: target, range: nil)
            XCTAssertEqual(body, data, target)
        }
        let head = try await destination.headObject(bucket: to, key: "media/user 3/file-3.bin")
        XCTAssertEqual(head?.contentType, "image/png")
        XCTAssertEqual(head?.metadata["owner"], "u3")
        let bigHead = try await destination.headObject(bucket: to, key: "media/big.tar")
        XCTAssertTrue(bigHead?.etag.hasSuffix("-3") ?? false, "12 MiB in 5 MiB parts: \(bigHead?.etag ?? "nil")")

        let second = try await copier.run(progress: SilentProgress())
        XCTAssertEqual(second.copied, 0)
        XCTAssertEqual(second.skipped, 13)
        XCTAssertEqual(second.checksum, first.checksum)

        // Without a checkpoint, single-part objects whose MD5 matches are skipped unread.
        let fresh = try CheckpointStore(path: dir.appendingPathComponent("fresh.sqlite").path, identity: "objects|b2b")
        var again = copier
        again.checkpoints = fresh
        let third = try await again.run(progress: SilentProgress())
        XCTAssertEqual(third.skipped, 12)
        XCTAssertEqual(third.copied, 1, "the multipart object's ETag cannot be compared to the source's: it is copied again")
        XCTAssertTrue(third.verified)
    }

    func testDirectoryToBucketWithDeleteAndChangedFiles() async throws {
        let (_, destinationMoto) = try await servers()
        let destination = S3Client(client: destinationMoto.client())
        let to = TestEnvironment.bucketName()
        try await destination.createBucket(to)
        try await destination.putObject(bucket: to, key: "stale.txt", body: Data("old".utf8),
                                        contentMD5: Data(Insecure.MD5.hash(data: Data("old".utf8))).base64EncodedString(), headers: [])
        let dir = try TestEnvironment.temporaryDirectory()
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try Data("<h1>hi</h1>".utf8).write(to: data.appendingPathComponent("index.html"))
        try TestEnvironment.bytes(9000, seed: 7).write(to: data.appendingPathComponent("a/b/blob.bin"))
        let store = try CheckpointStore(path: dir.appendingPathComponent("d.sqlite").path, identity: "objects|dir")
        var o = options()
        o.delete = true
        let copier = ObjectCopier(source: DirectorySource(root: data.path), destination: destination, bucket: to, prefix: "",
                                  checkpoints: store, options: o)
        let first = try await copier.run(progress: SilentProgress())
        XCTAssertEqual(first.copied, 2)
        XCTAssertEqual(first.deleted, 1)
        XCTAssertTrue(first.verified)
        let head = try await destination.headObject(bucket: to, key: "index.html")
        XCTAssertEqual(head?.contentType, "text/html")
        let gone = try await destination.headObject(bucket: to, key: "stale.txt")
        XCTAssertNil(gone)

        // A changed file is copied again; the unchanged one is not.
        try await Task.sleep(for: .milliseconds(20))
        try Data("<h1>changed</h1>".utf8).write(to: data.appendingPathComponent("index.html"))
        let second = try await copier.run(progress: SilentProgress())
        XCTAssertEqual(second.copied, 1)
        XCTAssertEqual(second.skipped, 1)
        let body = try await destination.getObject(bucket: to, key: "index.html", range: nil)
        XCTAssertEqual(String(decoding: body, as: UTF8.self), "<h1>changed</h1>")
    }

    func testMissingDestinationBucketIsNamed() async throws {
        let (_, destinationMoto) = try await servers()
        let dir = try TestEnvironment.temporaryDirectory()
        try Data("x".utf8).write(to: dir.appendingPathComponent("x.txt"))
        let store = try CheckpointStore(path: dir.appendingPathComponent("m.sqlite").path, identity: "objects|missing")
        let copier = ObjectCopier(source: DirectorySource(root: dir.path), destination: S3Client(client: destinationMoto.client()),
                                  bucket: "no-such-bucket-ferry", prefix: "", checkpoints: store, options: options())
        do {
            _ = try await copier.run(progress: SilentProgress())
            XCTFail("a missing bucket must fail")
        } catch let error as MigrationError {
            XCTAssertTrue(error.description.contains("no-such-bucket-ferry"), error.description)
        }
    }

    /// Every fourth request answers 503 (S3's SlowDown and InternalError are 503 and 500) and every
    /// seventh connection drops, each at most on a request's first two tries: the standard retries
    /// carry the copy through, and the result is verified.
    func testThrottlingFiveHundredsAndDroppedConnectionsThroughTheFaultProxy() async throws {
        let (_, destinationMoto) = try await servers()
        let attempts = FaultProxy.AttemptCounter()
        let proxy = try await FaultProxy(upstream: destinationMoto.endpoint) { index, request in
            guard attempts.attempt(request) < 2 else { return nil }
            if index % 7 == 6 { return .dropConnection }
            if index % 4 == 3 { return .serviceUnavailable }
            return nil
        }
        let retry = RetryStrategy(maxAttempts: 6) { _ in .milliseconds(5) }
        let client = destinationMoto.client(retry: retry, endpoint: proxy.endpoint)
        let destination = S3Client(client: client)
        let to = TestEnvironment.bucketName()
        try await destination.createBucket(to)
        let dir = try TestEnvironment.temporaryDirectory()
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for i in 0..<20 { try TestEnvironment.bytes(2000 + i, seed: UInt64(100 + i)).write(to: data.appendingPathComponent("f\(i).bin")) }
        let store = try CheckpointStore(path: dir.appendingPathComponent("f.sqlite").path, identity: "objects|fault")
        let summary = try await ObjectCopier(source: DirectorySource(root: data.path), destination: destination, bucket: to, prefix: "",
                                             checkpoints: store, options: options()).run(progress: SilentProgress())
        let faults = proxy.faultCount
        await proxy.stop()
        XCTAssertGreaterThan(faults, 5)
        XCTAssertEqual(summary.copied, 20, "\(summary.notes)")
        XCTAssertTrue(summary.verified)
    }
}
