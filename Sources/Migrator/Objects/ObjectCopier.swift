import AWSKit
import Crypto
import Foundation

/// Copies objects from a directory or bucket into the stack's bucket, in parallel and in bounded
/// memory (at most `concurrency` parts of `partSize` bytes in flight), then proves the copy: every
/// source object is at its key with its size and the ETag computed while sending it (MD5, or the
/// MD5 of part MD5s for multipart uploads). Each PUT and part carries `Content-MD5`, and single
/// PUTs `x-amz-checksum-sha256`, so S3 itself refuses a body damaged in transit; the ETag S3 answers
/// must equal the one computed here, and a final listing checks every key and size again.
public struct ObjectCopier: Sendable {
    public struct Options: Sendable {
        /// Objects above this size go up in parts of `partSize` (S3's minimum part is 5 MiB).
        public var multipartThreshold: Int64 = 8 << 20
        public var partSize: Int64 = 8 << 20
        public var concurrency = 8
        /// Removes destination objects under the prefix that the source does not have.
        public var delete = false
        public var dryRun = false
        public init() {}
    }

    public var source: any ObjectSource
    public var destination: S3Client
    public var bucket: String
    public var prefix: String
    public var checkpoints: CheckpointStore
    public var options: Options

    public init(source: any ObjectSource, destination: S3Client, bucket: String, prefix: String, checkpoints: CheckpointStore, options: Options = Options()) {
        self.source = source
        self.destination = destination
        self.bucket = bucket
        self.prefix = prefix
        self.checkpoints = checkpoints
        self.options = options
    }

    var targetDescription: String { "s3://\(bucket)/\(prefix)" }

    enum Outcome: Sendable { case copied(Int64), skipped, failed(String) }

    public func run(progress: any MigrationProgress) async throws -> MigrationSummary {
        let started = Date()
        var summary = MigrationSummary(kind: "objects", source: source.description, target: targetDescription)
        summary.dryRun = options.dryRun
        summary.checkpoint = checkpoints.path
        let objects = try await source.list()
        let existing = try await destinationListing()
        let records = try checkpoints.allItems()
        summary.items = objects.count
        progress.begin(kind: "objects", items: objects.count, bytes: objects.reduce(0) { $0 + $1.size })

        var pending: [SourceObject] = []
        for object in objects {
            let key = prefix + object.key
            if try await isInPlace(object, key: key, record: records[key], existing: existing[key]) {
                summary.skipped += 1
                progress.item(key, action: "unchanged", bytes: object.size)
            } else {
                pending.append(object)
            }
        }
        if options.dryRun {
            for object in pending { progress.item(prefix + object.key, action: "would copy", bytes: object.size) }
            summary.notes = pending.map { "would copy \($0.key) (\($0.size) bytes)" }
            summary.bytes = pending.reduce(0) { $0 + $1.size }
            summary.durationSeconds = Date().timeIntervalSince(started)
            return summary
        }

        // A bounded pool: never more than `concurrency` objects (each at most one part) in memory.
        try await withThrowingTaskGroup(of: (String, Outcome).self) { group in
            var iterator = pending.makeIterator()
            func startNext() -> Bool {
                guard let object = iterator.next() else { return false }
                group.addTask { (object.key, await copyReportingFailure(object, records: records, progress: progress)) }
                return true
            }
            for _ in 0..<max(1, options.concurrency) where !startNext() { break }
            while let (key, outcome) = try await group.next() {
                try Task.checkCancellation()
                switch outcome {
                case .copied(let bytes):
                    summary.copied += 1
                    summary.bytes += bytes
                case .skipped:
                    summary.skipped += 1
                case .failed(let reason):
                    summary.failed += 1
                    summary.notes.append("\(prefix + key): \(reason)")
                }
                _ = startNext()
            }
        }
        try Task.checkCancellation()

        let sourceKeys = Set(objects.map { prefix + $0.key })
        if options.delete {
            for key in existing.keys.sorted() where !sourceKeys.contains(key) {
                do { try await destination.deleteObject(bucket: bucket, key: key) } catch {
                    throw MigrationError.wrap(error, source: false, "deleting s3://\(bucket)/\(key)")
                }
                try checkpoints.remove(key)
                summary.deleted += 1
                progress.item(key, action: "deleted", bytes: 0)
            }
        }

        try await verify(objects, into: &summary)
        summary.notes.sort()
        summary.durationSeconds = Date().timeIntervalSince(started)
        return summary
    }

    func destinationListing() async throws -> [String: S3Client.ObjectSummary] {
        do {
            var out: [String: S3Client.ObjectSummary] = [:]
            for object in try await destination.listObjects(bucket: bucket, prefix: prefix) { out[object.key] = object }
            return out
        } catch let error as AWSServiceError where error.code == "NoSuchBucket" {
            throw MigrationError.target("the bucket \(bucket) does not exist (deploy the stack first, or check --to and the region)")
        } catch {
            throw MigrationError.wrap(error, source: false, "listing \(targetDescription)")
        }
    }

    /// True when the destination already holds this content: recorded by an earlier run with the same
    /// source fingerprint, or with the source's own MD5 as its ETag (checked without reading when the
    /// source is a bucket; by hashing the file when it is a small local file).
    func isInPlace(_ object: SourceObject, key: String, record: CheckpointStore.Item?, existing: S3Client.ObjectSummary?) async throws -> Bool {
        guard let existing, existing.size == object.size else { return false }
        if let record, record.state == .done, record.sourceFingerprint == object.fingerprint, record.expected == existing.etag { return true }
        var md5 = object.md5
        if md5 == nil, object.size <= options.multipartThreshold, existing.etag.count == 32, source is DirectorySource {
            let data = try await source.read(object, range: 0..<object.size)
            md5 = ValueHash.hexBytes(Insecure.MD5.hash(data: data))
        }
        guard let md5, md5 == existing.etag else { return false }
        try checkpoints.markInPlace(key, sourceFingerprint: object.fingerprint, size: object.size, expected: existing.etag)
        return true
    }

    func copyReportingFailure(_ object: SourceObject, records: [String: CheckpointStore.Item], progress: any MigrationProgress) async -> Outcome {
        let key = prefix + object.key
        do {
            try await copy(object, key: key, record: records[key], progress: progress)
            progress.item(key, action: "copied", bytes: object.size)
            return .copied(object.size)
        } catch is CancellationError {
            return .failed("interrupted")
        } catch let error as MigrationError where { if case .checkpoint = error { return true }; return false }() {
            // The checkpoint cannot be written: nothing further can be recorded, so nothing further is reported done.
            progress.item(key, action: "failed", bytes: 0)
            return .failed(error.description)
        } catch {
            progress.item(key, action: "failed", bytes: 0)
            return .failed("\(error)")
        }
    }

    /// Intent, idempotent write, verification, done.
    func copy(_ object: SourceObject, key: String, record: CheckpointStore.Item?, progress: any MigrationProgress) async throws {
        try checkpoints.recordIntent(key, sourceFingerprint: object.fingerprint, size: object.size)
        if let stale = record?.uploadID {
            try? await destination.abortMultipartUpload(bucket: bucket, key: key, uploadID: stale)
        }
        // What S3 answered for the write: the ETag it computed from the bytes it stored.
        let stored: String
        let expected: String
        if object.size <= options.multipartThreshold {
            let whole = try await source.readWhole(object)
            let headers = S3Client.objectHeaders(contentType: whole.contentType, metadata: whole.metadata)
            let md5 = Insecure.MD5.hash(data: whole.data)
            let checksum = Data(SHA256.hash(data: whole.data)).base64EncodedString()
            expected = ValueHash.hexBytes(md5)
            do {
                stored = try await destination.putObject(bucket: bucket, key: key, body: whole.data, contentMD5: Data(md5).base64EncodedString(),
                                                         headers: headers + [.init("x-amz-checksum-sha256", checksum)])
            } catch { throw MigrationError.wrap(error, source: false, "writing s3://\(bucket)/\(key)") }
        } else {
            let attributes = try await source.attributes(object)
            let headers = S3Client.objectHeaders(contentType: attributes.contentType, metadata: attributes.metadata)
            (expected, stored) = try await copyInParts(object, key: key, headers: headers, progress: progress)
        }
        // S3 verified each body against its Content-MD5; the ETag it reports must be the one computed
        // here. (When an endpoint reports none, the object is checked with HEAD instead.) The final
        // listing checks every key and size again.
        var reported = stored
        if reported.isEmpty {
            let head: S3Client.ObjectHead?
            do { head = try await destination.headObject(bucket: bucket, key: key) } catch {
                throw MigrationError.wrap(error, source: false, "checking s3://\(bucket)/\(key)")
            }
            guard let head, head.size == object.size else {
                throw MigrationError.verification("s3://\(bucket)/\(key) is missing or of another size right after its upload")
            }
            reported = head.etag
        }
        guard reported == expected else {
            throw MigrationError.verification("s3://\(bucket)/\(key) was stored with ETag \(reported); sent \(object.size) bytes with \(expected)")
        }
        try checkpoints.markDone(key, expected: reported)
    }

    /// A multipart upload; returns the ETag expected for it (MD5 of the part MD5s, `-N`) and the one S3 reported.
    func copyInParts(_ object: SourceObject, key: String, headers: [SigningRequest.Header], progress: any MigrationProgress) async throws -> (String, String) {
        let uploadID: String
        do { uploadID = try await destination.createMultipartUpload(bucket: bucket, key: key, headers: headers) } catch {
            throw MigrationError.wrap(error, source: false, "starting the upload of s3://\(bucket)/\(key)")
        }
        try checkpoints.recordUpload(key, uploadID: uploadID)
        let partSize = max(5 << 20, options.partSize)
        var etags: [String] = []
        var digests = Data()
        var offset: Int64 = 0
        var reported = ""
        do {
            while offset < object.size {
                try Task.checkCancellation()
                let end = min(object.size, offset + partSize)
                let data = try await source.read(object, range: offset..<end)
                let md5 = Data(Insecure.MD5.hash(data: data))
                digests.append(md5)
                do {
                    etags.append(try await destination.uploadPart(bucket: bucket, key: key, uploadID: uploadID, number: etags.count + 1,
                                                                  body: data, contentMD5: md5.base64EncodedString()))
                } catch { throw MigrationError.wrap(error, source: false, "uploading part \(etags.count + 1) of s3://\(bucket)/\(key)") }
                progress.bytes(end - offset)
                offset = end
            }
            do { reported = try await destination.completeMultipartUpload(bucket: bucket, key: key, uploadID: uploadID, partETags: etags) } catch {
                throw MigrationError.wrap(error, source: false, "completing s3://\(bucket)/\(key)")
            }
        } catch {
            try? await destination.abortMultipartUpload(bucket: bucket, key: key, uploadID: uploadID)
            try? checkpoints.recordUpload(key, uploadID: nil)
            throw error
        }
        return (ValueHash.hexBytes(Insecure.MD5.hash(data: digests)) + "-\(etags.count)", reported)
    }

    /// Relists the destination: every source object must be there, at its size, with the ETag its
    /// verified write recorded. Missing or different objects are counted as failed.
    func verify(_ objects: [SourceObject], into summary: inout MigrationSummary) async throws {
        let listing = try await destinationListing()
        let records = try checkpoints.allItems()
        var lines: [String] = []
        var problems = 0
        for object in objects {
            let key = prefix + object.key
            guard let found = listing[key] else {
                problems += 1
                if !summary.notes.contains(where: { $0.hasPrefix(key + ":") }) { summary.notes.append("\(key): missing from the destination") }
                continue
            }
            guard let record = records[key], record.state == .done, found.size == object.size, record.expected == found.etag else {
                problems += 1
                if !summary.notes.contains(where: { $0.hasPrefix(key + ":") }) { summary.notes.append("\(key): not verified (size or ETag differs)") }
                continue
            }
            lines.append("\(key) \(found.size) \(found.etag)")
        }
        summary.failed = max(summary.failed, problems)
        summary.verified = problems == 0
        summary.checksum = "sha256:" + ValueHash.hex(lines.sorted().joined(separator: "\n"))
    }
}
