import Foundation

/// The object calls of a bucket-to-bucket copy: list, head, ranged get, put with checksums,
/// multipart upload, delete.
extension S3Client {
    public struct ObjectSummary: Sendable, Equatable {
        public var key: String
        public var size: Int64
        /// Without quotes: hex MD5 for single-part uploads, `md5-of-md5s-N` for multipart ones.
        public var etag: String
    }

    public struct ObjectHead: Sendable, Equatable {
        public var size: Int64
        public var etag: String
        public var contentType: String?
        /// `x-amz-meta-*` headers, names lowercased and without the prefix.
        public var metadata: [String: String]
        /// `x-amz-checksum-sha256`, when the object was stored with one (base64).
        public var checksumSHA256: String?
    }

    static func unquote(_ etag: String) -> String { etag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }

    /// The account's (or the MinIO server's) bucket names, sorted.
    public func listBuckets() async throws -> [String] {
        let response = try await client.send(AWSRequest(service: .s3, operation: "ListBuckets", method: "GET", path: "/"))
        let root = try XMLTree.parse(response.body)
        return (root.child("Buckets")?.all("Bucket") ?? []).compactMap { $0.string("Name") }.sorted()
    }

    /// Every object under `prefix` (ListObjectsV2, all pages).
    public func listObjects(bucket: String, prefix: String) async throws -> [ObjectSummary] {
        var out: [ObjectSummary] = []
        try await forEachObject(bucket: bucket, prefix: prefix) { out.append($0) }
        return out
    }

    /// Calls `body` for each object under `prefix`, page by page, without holding the listing; stops
    /// after `limit` objects and returns true when it did (more objects may follow).
    @discardableResult
    public func forEachObject(bucket: String, prefix: String, limit: Int = .max, _ body: (ObjectSummary) throws -> Void) async throws -> Bool {
        var token: String?
        var seen = 0
        repeat {
            try Task.checkCancellation()
            var query: [SigningRequest.QueryItem] = [.init("list-type", "2")]
            if !prefix.isEmpty { query.append(.init("prefix", prefix)) }
            if let token { query.append(.init("continuation-token", token)) }
            let response = try await client.send(request("ListObjectsV2", method: "GET", bucket: bucket, query: query))
            let root = try XMLTree.parse(response.body)
            for node in root.all("Contents") {
                guard let key = node.string("Key") else { continue }
                if seen == limit { return true }
                try body(ObjectSummary(key: key, size: Int64(node.string("Size") ?? "") ?? 0, etag: Self.unquote(node.string("ETag") ?? "")))
                seen += 1
            }
            token = root.string("IsTruncated") == "true" ? root.string("NextContinuationToken") : nil
        } while token != nil
        return false
    }

    /// The object's size, ETag, content type and metadata, or nil when it does not exist.
    public func headObject(bucket: String, key: String) async throws -> ObjectHead? {
        do {
            let response = try await client.send(request("HeadObject", method: "HEAD", bucket: bucket, key: key,
                                                         headers: [.init("x-amz-checksum-mode", "ENABLED")]))
            var metadata: [String: String] = [:]
            for (name, value) in response.headers where name.lowercased().hasPrefix("x-amz-meta-") {
                metadata[String(name.lowercased().dropFirst("x-amz-meta-".count))] = value
            }
            return ObjectHead(size: Int64(response.header("Content-Length") ?? "") ?? 0,
                              etag: Self.unquote(response.header("ETag") ?? ""), contentType: response.header("Content-Type"),
                              metadata: metadata, checksumSHA256: response.header("x-amz-checksum-sha256"))
        } catch let error as AWSServiceError where error.statusCode == 404 {
            return nil
        }
    }

    /// Bytes `range` of the object (the whole object when nil).
    public func getObject(bucket: String, key: String, range: Range<Int64>?) async throws -> Data {
        var headers: [SigningRequest.Header] = []
        if let range, !range.isEmpty { headers.append(.init("Range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")) }
        return try await client.send(request("GetObject", method: "GET", bucket: bucket, key: key, headers: headers)).body
    }

    /// The whole object with its content type and `x-amz-meta-*` metadata (one GET instead of HEAD + GET).
    public func getObjectWithAttributes(bucket: String, key: String) async throws -> (body: Data, contentType: String?, metadata: [String: String]) {
        let response = try await client.send(request("GetObject", method: "GET", bucket: bucket, key: key))
        var metadata: [String: String] = [:]
        for (name, value) in response.headers where name.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(name.lowercased().dropFirst("x-amz-meta-".count))] = value
        }
        return (response.body, response.header("Content-Type"), metadata)
    }

    /// Content type, `x-amz-meta-*` metadata and checksum headers for a new object.
    public static func objectHeaders(contentType: String?, metadata: [String: String]) -> [SigningRequest.Header] {
        var headers: [SigningRequest.Header] = []
        if let contentType, !contentType.isEmpty { headers.append(.init("Content-Type", contentType)) }
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) { headers.append(.init("x-amz-meta-" + name, value)) }
        return headers
    }

    /// PUT with `Content-MD5` (S3 refuses a body that arrived damaged) and any extra headers
    /// (`x-amz-checksum-sha256`). Returns the ETag.
    @discardableResult
    public func putObject(bucket: String, key: String, body: Data, contentMD5: String, headers: [SigningRequest.Header]) async throws -> String {
        let response = try await client.send(request("PutObject", method: "PUT", bucket: bucket, key: key,
                                                     headers: headers + [.init("Content-MD5", contentMD5)], body: body))
        return Self.unquote(response.header("ETag") ?? "")
    }

    public func createMultipartUpload(bucket: String, key: String, headers: [SigningRequest.Header]) async throws -> String {
        let response = try await client.send(request("CreateMultipartUpload", method: "POST", bucket: bucket, key: key,
                                                     query: [.init("uploads", "")], headers: headers))
        guard let id = try XMLTree.parse(response.body).string("UploadId"), !id.isEmpty else {
            throw AWSClientError.malformedResponse("CreateMultipartUpload for s3://\(bucket)/\(key) answered without an UploadId")
        }
        return id
    }

    /// Uploads part `number` (1-based) with its `Content-MD5`; returns the part's ETag.
    public func uploadPart(bucket: String, key: String, uploadID: String, number: Int, body: Data, contentMD5: String) async throws -> String {
        let response = try await client.send(request("UploadPart", method: "PUT", bucket: bucket, key: key,
                                                     query: [.init("partNumber", String(number)), .init("uploadId", uploadID)],
                                                     headers: [.init("Content-MD5", contentMD5)], body: body))
        return Self.unquote(response.header("ETag") ?? "")
    }

    @discardableResult
    public func completeMultipartUpload(bucket: String, key: String, uploadID: String, partETags: [String]) async throws -> String {
        let parts = partETags.enumerated().map { "<Part><PartNumber>\($0.offset + 1)</PartNumber><ETag>\"\(XMLEscape.escape($0.element))\"</ETag></Part>" }
        let body = Data(("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + parts.joined() + "</CompleteMultipartUpload>").utf8)
        let response = try await client.send(request("CompleteMultipartUpload", method: "POST", bucket: bucket, key: key,
                                                     query: [.init("uploadId", uploadID)], body: body))
        // S3 can answer 200 with an error document after a long assembly.
        let root = try XMLTree.parse(response.body)
        if root.localName == "Error" {
            throw AWSServiceError(code: root.string("Code") ?? "InternalError", message: root.string("Message") ?? "", requestID: root.string("RequestId"),
                                  statusCode: 200, service: "s3", operation: "CompleteMultipartUpload")
        }
        return Self.unquote(root.string("ETag") ?? "")
    }

    /// Aborts an upload; one already gone is not an error.
    public func abortMultipartUpload(bucket: String, key: String, uploadID: String) async throws {
        do {
            _ = try await client.send(request("AbortMultipartUpload", method: "DELETE", bucket: bucket, key: key,
                                              query: [.init("uploadId", uploadID)]))
        } catch let error as AWSServiceError where error.statusCode == 404 {
            return
        }
    }

    public func deleteObject(bucket: String, key: String) async throws {
        _ = try await client.send(request("DeleteObject", method: "DELETE", bucket: bucket, key: key))
    }
}
