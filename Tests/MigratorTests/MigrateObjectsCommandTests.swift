import AWSKit
import AWSTestSupport
import Crypto
import Foundation
import XCTest
@testable import Migrator

/// `ferry migrate objects` and `ferry migrate plan` from the command line: the project's MinIO as the
/// source (a second moto on the MinIO service's published port), usage errors, the plan's steps.
final class MigrateObjectsCommandTests: XCTestCase {
    static let destination = SharedMotoServer()
    /// Stands in for MinIO: any credentials work, as with a MinIO whose root user the project sets.
    static let minio = SharedMotoServer(checkSignatures: false)
    override class func tearDown() { destination.stop(); minio.stop(); super.tearDown() }

    func project(minioPort: Int) throws -> URL {
        let dir = try TestEnvironment.temporaryDirectory().appendingPathComponent("board")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
        name: board
        services:
          api:
            image: node:20
            ports: ["3000:3000"]
            environment:
              S3_ENDPOINT: http://minio:9000
              S3_BUCKET: datasets
              S3_ACCESS_KEY: ${MINIO_ROOT_USER}
              S3_SECRET_KEY: ${MINIO_ROOT_PASSWORD}
            depends_on: [minio]
          minio:
            image: minio/minio:latest
            command: server /data
            ports: ["\(minioPort):9000"]
            env_file: [minio.env]
        """.write(to: dir.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        try "MINIO_ROOT_USER=board\nMINIO_ROOT_PASSWORD=board-minio-password\n".write(to: dir.appendingPathComponent("minio.env"), atomically: true, encoding: .utf8)
        try "MINIO_ROOT_USER=board\nMINIO_ROOT_PASSWORD=board-minio-password\n".write(to: dir.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        return dir
    }

    func testTheProjectsMinIOIsTheDefaultSource() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let destinationMoto = try await Self.destination.get { try TestEnvironment.motoServer() }
        let minioMoto = try await Self.minio.get { try TestEnvironment.motoServer() }
        let minio = S3Client(client: minioMoto.client())
        try await minio.createBucket("datasets")
        for i in 0..<5 {
            let body = TestEnvironment.bytes(1000 + i, seed: UInt64(500 + i))
            try await minio.putObject(bucket: "datasets", key: "d/\(i).csv", body: body,
                                      contentMD5: Data(Insecure.MD5.hash(data: body)).base64EncodedString(),
                                      headers: S3Client.objectHeaders(contentType: "text/csv", metadata: ["source": "minio"]))
        }
        let bucket = TestEnvironment.bucketName()
        try await S3Client(client: destinationMoto.client()).createBucket(bucket)
        let dir = try project(minioPort: minioMoto.port)
        let ferry = FerryProcess(binary: binary, moto: destinationMoto, directory: dir)

        let run = try ferry.run(["migrate", "objects", "--to", "s3://\(bucket)", "--endpoint-url", destinationMoto.endpoint, "--yes", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.err)
        let summary = try JSONDecoder().decode(MigrationSummary.self, from: Data(run.out.utf8))
        XCTAssertEqual(summary.copied, 5)
        XCTAssertTrue(summary.verified)
        XCTAssertEqual(summary.source, "s3://datasets/")
        XCTAssertFalse(run.out.contains("board-minio-password") || run.err.contains("board-minio-password"))
        let head = try await S3Client(client: destinationMoto.client()).headObject(bucket: bucket, key: "d/3.csv")
        XCTAssertEqual(head?.contentType, "text/csv")
        XCTAssertEqual(head?.metadata["source"], "minio")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".ferry/migrations").path))

        let plan = try ferry.run(["migrate", "plan"])
        XCTAssertEqual(plan.status, 0, plan.err)
        XCTAssertTrue(plan.out.contains("objects: MinIO service minio (http://127.0.0.1:\(minioMoto.port))"), plan.out)
        XCTAssertFalse(plan.out.contains("board-minio-password"))
    }

    func testBadInputExitsWithTheDocumentedStatus() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let destinationMoto = try await Self.destination.get { try TestEnvironment.motoServer() }
        let dir = try TestEnvironment.temporaryDirectory()
        let ferry = FerryProcess(binary: binary, moto: destinationMoto, directory: dir)
        let badBucket = try ferry.run(["migrate", "objects", "--from", dir.path, "--to", "s3://Bad_Bucket", "--yes"])
        XCTAssertEqual(badBucket.status, 2, badBucket.err)
        XCTAssertTrue(badBucket.err.contains("s3://Bad_Bucket"), badBucket.err)
        let noTerminal = try ferry.run(["migrate", "objects", "--from", dir.path, "--to", "s3://some-bucket", "--endpoint-url", destinationMoto.endpoint])
        XCTAssertEqual(noTerminal.status, 2, noTerminal.err)
        XCTAssertTrue(noTerminal.err.contains("--yes"), noTerminal.err)
        let missingSource = try ferry.run(["migrate", "objects", "--from", dir.appendingPathComponent("nope").path, "--to", "s3://some-bucket",
                                           "--endpoint-url", destinationMoto.endpoint, "--yes"])
        XCTAssertEqual(missingSource.status, 1, missingSource.err)
        XCTAssertTrue(missingSource.err.contains("nope"), missingSource.err)
    }
}
