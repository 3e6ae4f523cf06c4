import AWSKit
import Foundation

/// Puts templates over CloudFormation's inline limit into an S3 bucket ferry owns, one per account
/// and region (`ferry-templates-<account>-<region>`), created once with public access blocked.
/// Objects are keyed by content hash, so re-deploying the same template uploads nothing new.
public struct TemplateStager: Sendable {
    public var s3: S3Client
    public var sts: STSClient

    public init(s3: S3Client, sts: STSClient) {
        self.s3 = s3
        self.sts = sts
    }

    public static func bucketName(account: String, region: String) -> String {
        "ferry-templates-\(account)-\(region)".lowercased()
    }

    public func stage(_ template: TemplateDocument, stackName: String, terminal: any DeployTerminal) async throws -> String {
        let account = try await sts.getCallerIdentity().account
        let bucket = Self.bucketName(account: account, region: s3.client.region)
        let exists = try await s3.bucketExists(bucket)
        if !exists {
            terminal.say("Creating S3 bucket \(bucket) for templates over \(TemplateDocument.inlineLimit) bytes (once per account and region)")
            try await s3.createBucket(bucket)
            try await s3.blockPublicAccess(bucket)
        }
        let hash = SigV4.hexSHA256(Data(template.text.utf8))
        let key = "templates/\(stackName)/\(hash).template"
        try await s3.putObject(bucket: bucket, key: key, body: Data(template.text.utf8), contentType: "text/plain")
        terminal.say("Uploaded the template (\(template.byteCount) bytes) to s3://\(bucket)/\(key)")
        return try s3.objectURL(bucket: bucket, key: key)
    }
}
