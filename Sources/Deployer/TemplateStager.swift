import AWSKit
import Foundation

/// Puts templates over CloudFormation's inline limit, and nested templates, into an S3 bucket ferry owns, one per account
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
        let bucket = try await ensureBucket(terminal: terminal)
        let (key, url) = try await upload(template.text, stackName: stackName, bucket: bucket)
        terminal.say("Uploaded the template (\(template.byteCount) bytes) to s3://\(bucket)/\(key)")
        return url
    }

    /// Uploads nested templates (relative path → text); returns relative path → S3 URL.
    public func stageNested(_ templates: [String: String], stackName: String, terminal: any DeployTerminal) async throws -> [String: String] {
        guard !templates.isEmpty else { return [:] }
        let bucket = try await ensureBucket(terminal: terminal)
        var urls: [String: String] = [:]
        for (path, text) in templates.sorted(by: { $0.key < $1.key }) {
            urls[path] = try await upload(text, stackName: stackName, bucket: bucket).url
        }
        terminal.say("Uploaded \(templates.count) nested template(s) to s3://\(bucket)/templates/\(stackName)/")
        return urls
    }

    private func ensureBucket(terminal: any DeployTerminal) async throws -> String {
        let account = try await sts.getCallerIdentity().account
        let bucket = Self.bucketName(account: account, region: s3.client.region)
        if try await !s3.bucketExists(bucket) {
            terminal.say("Creating S3 bucket \(bucket) for templates CloudFormation reads from S3 (once per account and region)")
            try await s3.createBucket(bucket)
            try await s3.blockPublicAccess(bucket)
        }
        return bucket
    }

    /// Keyed by content hash: the same template is one object, however often it is deployed.
    private func upload(_ text: String, stackName: String, bucket: String) async throws -> (key: String, url: String) {
        let hash = SigV4.hexSHA256(Data(text.utf8))
        let key = "templates/\(stackName)/\(hash).template"
        try await s3.putObject(bucket: bucket, key: key, body: Data(text.utf8), contentType: "text/plain")
        return (key, try s3.objectURL(bucket: bucket, key: key))
    }
}
