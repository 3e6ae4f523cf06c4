import Foundation
import Crypto

/// The REST-XML S3 calls ferry needs to stage templates (and, later, to copy objects). Custom
/// endpoints (moto, LocalStack, MinIO) get path-style URLs; AWS gets virtual-hosted ones.
public struct S3Client: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    var usesPathStyle: Bool {
        (try? client.endpoints.resolve(.s3, region: client.region).isCustom) ?? true
    }

    func request(_ operation: String, method: String, bucket: String, key: String? = nil,
                 query: [SigningRequest.QueryItem] = [], headers: [SigningRequest.Header] = [], body: Data = Data()) -> AWSRequest {
        let objectPath = key.map { "/" + $0 } ?? "/"
        if usesPathStyle {
            let path = "/" + bucket + (key.map { "/" + $0 } ?? "")
            return AWSRequest(service: .s3, operation: operation, method: method, path: path, query: query, headers: headers, body: body)
        }
        return AWSRequest(service: .s3, operation: operation, method: method, path: objectPath, query: query,
                          headers: headers, body: body, hostPrefix: bucket + ".")
    }

    /// True when the bucket exists and is ours to use; false when it does not exist.
    /// A bucket owned by another account answers 403 and is reported as an error.
    public func bucketExists(_ bucket: String) async throws -> Bool {
        do {
            _ = try await client.send(request("HeadBucket", method: "HEAD", bucket: bucket))
            return true
        } catch let error as AWSServiceError where error.statusCode == 404 {
            return false
        }
    }

    public func createBucket(_ bucket: String) async throws {
        var body = Data()
        // us-east-1 is the one region that refuses an explicit LocationConstraint.
        if client.region != "us-east-1" {
            body = Data("""
            <CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>\(XMLEscape.escape(client.region))</LocationConstraint></CreateBucketConfiguration>
            """.utf8)
        }
        do {
            _ = try await client.send(request("CreateBucket", method: "PUT", bucket: bucket, body: body))
        } catch let error as AWSServiceError where error.code == "BucketAlreadyOwnedByYou" {
            return
        }
    }

    /// Blocks every form of public access: the bucket holds templates, not a website.
    public func blockPublicAccess(_ bucket: String) async throws {
        let body = Data("""
        <PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>
        """.utf8)
        _ = try await client.send(request("PutPublicAccessBlock", method: "PUT", bucket: bucket,
                                          query: [.init("publicAccessBlock", "")], body: body))
    }

    public func putObject(bucket: String, key: String, body: Data, contentType: String) async throws {
        _ = try await client.send(request("PutObject", method: "PUT", bucket: bucket, key: key,
                                          headers: [.init("Content-Type", contentType)], body: body))
    }

    public func getObject(bucket: String, key: String) async throws -> Data {
        try await client.send(request("GetObject", method: "GET", bucket: bucket, key: key)).body
    }

    /// The HTTPS URL CloudFormation reads a staged template from.
    public func objectURL(bucket: String, key: String) throws -> String {
        let endpoint = try client.endpoints.resolve(.s3, region: client.region)
        let encodedKey = URIEncoding.encode(key, keepSlash: true)
        if endpoint.isCustom { return "\(endpoint.baseURL)/\(bucket)/\(encodedKey)" }
        let suffix = client.region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return "https://\(bucket).s3.\(client.region).\(suffix)/\(encodedKey)"
    }
}

extension S3Client {
    /// Default encryption with S3-managed keys (SSE-S3) for every object put in the bucket.
    public func encryptByDefault(_ bucket: String) async throws {
        let body = Data("""
        <ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>
        """.utf8)
        _ = try await client.send(request("PutBucketEncryption", method: "PUT", bucket: bucket, query: [.init("encryption", "")],
                                          headers: [.init("Content-MD5", Data(Insecure.MD5.hash(data: body)).base64EncodedString())], body: body))
    }

    /// Deletes an empty bucket; one that is already gone counts as deleted.
    public func deleteBucket(_ bucket: String) async throws {
        do {
            _ = try await client.send(request("DeleteBucket", method: "DELETE", bucket: bucket))
        } catch let error as AWSServiceError where error.statusCode == 404 {
            return
        }
    }

    /// A URL that reads one object without credentials for `expires` seconds.
    public func presignedGetURL(bucket: String, key: String, expires: Int) async throws -> String {
        try await client.presignedURL(request("GetObject", method: "GET", bucket: bucket, key: key), expires: expires)
    }
}
