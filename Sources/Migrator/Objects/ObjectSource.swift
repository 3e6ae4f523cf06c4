import AWSKit
import Foundation

/// One object to copy, as its source lists it.
public struct SourceObject: Sendable, Equatable {
    /// Relative to the source prefix or directory, `/`-separated.
    public var key: String
    public var size: Int64
    /// Changes whenever the content may have changed: `etag:<etag>` or `mtime:<ns>`, with the size.
    public var fingerprint: String
    /// The source's ETag when it is a plain MD5 (single-part S3 upload): lets a copy be skipped unread.
    public var md5: String?
}

/// Where objects are read from: a directory or a bucket (MinIO, moto, S3).
public protocol ObjectSource: Sendable {
    var description: String { get }
    func list() async throws -> [SourceObject]
    func read(_ object: SourceObject, range: Range<Int64>) async throws -> Data
    /// Content type and user metadata to keep on the copy.
    func attributes(_ object: SourceObject) async throws -> (contentType: String?, metadata: [String: String])
    /// A small object whole, with its attributes (a bucket answers both in one GET).
    func readWhole(_ object: SourceObject) async throws -> (data: Data, contentType: String?, metadata: [String: String])
}

extension ObjectSource {
    public func readWhole(_ object: SourceObject) async throws -> (data: Data, contentType: String?, metadata: [String: String]) {
        let attributes = try await attributes(object)
        return (try await read(object, range: 0..<object.size), attributes.contentType, attributes.metadata)
    }
}

/// A local directory, walked recursively (symbolic links are not followed; hidden files are kept).
public struct DirectorySource: ObjectSource {
    public var root: String
    public init(root: String) { self.root = root }
    public var description: String { root }

    public func list() async throws -> [SourceObject] {
        let base = URL(fileURLWithPath: root).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MigrationError.source("\(root) is not a directory")
        }
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]) else {
            throw MigrationError.source("cannot read the directory \(root)")
        }
        var out: [SourceObject] = []
        let prefixLength = base.path.count + 1
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey])
            guard values.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.count > prefixLength else { continue }
            let key = String(path.dropFirst(prefixLength))
            let size = Int64(values.fileSize ?? 0)
            let mtime = Int64(((values.contentModificationDate?.timeIntervalSince1970 ?? 0) * 1_000_000_000).rounded())
            out.append(SourceObject(key: key, size: size, fingerprint: "size:\(size) mtime:\(mtime)", md5: nil))
        }
        return out.sorted { $0.key < $1.key }
    }

    public func read(_ object: SourceObject, range: Range<Int64>) async throws -> Data {
        let path = (root as NSString).appendingPathComponent(object.key)
        guard let handle = FileHandle(forReadingAtPath: path) else { throw MigrationError.source("cannot open \(path)") }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(range.lowerBound))
            let data = try handle.read(upToCount: Int(range.count)) ?? Data()
            guard data.count == range.count else { throw MigrationError.source("\(path) changed while it was read (expected \(range.count) bytes at \(range.lowerBound), got \(data.count))") }
            return data
        } catch let error as MigrationError {
            throw error
        } catch {
            throw MigrationError.source("cannot read \(path): \(error)")
        }
    }

    public func attributes(_ object: SourceObject) async throws -> (contentType: String?, metadata: [String: String]) {
        (ContentTypes.guess(object.key), [:])
    }
}

/// A bucket behind any S3 API (MinIO's published port, moto, S3 itself).
public struct BucketSource: ObjectSource {
    public var s3: S3Client
    public var bucket: String
    public var prefix: String
    public init(s3: S3Client, bucket: String, prefix: String) {
        self.s3 = s3
        self.bucket = bucket
        self.prefix = prefix
    }
    public var description: String { "s3://\(bucket)/\(prefix)" }

    public func list() async throws -> [SourceObject] {
        let listed: [S3Client.ObjectSummary]
        do { listed = try await s3.listObjects(bucket: bucket, prefix: prefix) } catch { throw MigrationError.wrap(error, source: true, "listing \(description)") }
        return listed.compactMap { summary in
            guard summary.key.hasPrefix(prefix), summary.key.count > prefix.count, !summary.key.hasSuffix("/") else { return nil }
            let isMD5 = summary.etag.count == 32 && !summary.etag.contains("-")
            return SourceObject(key: String(summary.key.dropFirst(prefix.count)), size: summary.size,
                                fingerprint: "size:\(summary.size) etag:\(summary.etag)", md5: isMD5 ? summary.etag : nil)
        }.sorted { $0.key < $1.key }
    }

    public func read(_ object: SourceObject, range: Range<Int64>) async throws -> Data {
        let data: Data
        do { data = try await s3.getObject(bucket: bucket, key: prefix + object.key, range: range) } catch {
            throw MigrationError.wrap(error, source: true, "reading s3://\(bucket)/\(prefix + object.key)")
        }
        guard data.count == range.count else {
            throw MigrationError.source("s3://\(bucket)/\(prefix + object.key) changed while it was read (expected \(range.count) bytes, got \(data.count))")
        }
        return data
    }

    public func readWhole(_ object: SourceObject) async throws -> (data: Data, contentType: String?, metadata: [String: String]) {
        let whole: (body: Data, contentType: String?, metadata: [String: String])
        do { whole = try await s3.getObjectWithAttributes(bucket: bucket, key: prefix + object.key) } catch {
            throw MigrationError.wrap(error, source: true, "reading s3://\(bucket)/\(prefix + object.key)")
        }
        guard whole.body.count == object.size else {
            throw MigrationError.source("s3://\(bucket)/\(prefix + object.key) changed while it was read (expected \(object.size) bytes, got \(whole.body.count))")
        }
        return (whole.body, whole.contentType, whole.metadata)
    }

    public func attributes(_ object: SourceObject) async throws -> (contentType: String?, metadata: [String: String]) {
        let head: S3Client.ObjectHead?
        do { head = try await s3.headObject(bucket: bucket, key: prefix + object.key) } catch {
            throw MigrationError.wrap(error, source: true, "reading s3://\(bucket)/\(prefix + object.key)")
        }
        guard let head else { throw MigrationError.source("s3://\(bucket)/\(prefix + object.key) disappeared during the copy") }
        return (head.contentType, head.metadata)
    }
}

/// Content types for files from a directory, by extension (S3 would store them as binary otherwise).
enum ContentTypes {
    static let byExtension: [String: String] = [
        "html": "text/html", "htm": "text/html", "css": "text/css", "js": "text/javascript", "mjs": "text/javascript",
        "json": "application/json", "txt": "text/plain", "csv": "text/csv", "xml": "application/xml", "svg": "image/svg+xml",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "ico": "image/x-icon",
        "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip", "tar": "application/x-tar",
        "mp4": "video/mp4", "mp3": "audio/mpeg", "wav": "audio/wav", "woff": "font/woff", "woff2": "font/woff2",
        "parquet": "application/vnd.apache.parquet", "wasm": "application/wasm",
    ]
    static func guess(_ key: String) -> String {
        let ext = (key as NSString).pathExtension.lowercased()
        return byExtension[ext] ?? "application/octet-stream"
    }
}
