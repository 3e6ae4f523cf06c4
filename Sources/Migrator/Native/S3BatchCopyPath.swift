import Foundation

extension NativePath {
    /// The S3 Batch Operations path for objects already in an AWS bucket: one job lists the source
    /// (a manifest generator, no inventory needed) and copies every object into the stack's bucket
    /// server-side. Produces `s3-batch-copy-<store>.template.json` (the job's role) and
    /// `s3-batch-copy-job.json` (the `create-job` input).
    ///
    /// - Parameters:
    ///   - store: the logical store name.
    ///   - stackName: the deployed application stack.
    ///   - sourceBucket: the bucket holding the objects; `sourcePrefix` narrows it to one key prefix.
    ///   - targetBucket: the stack's bucket; it also receives the failure report.
    public static func s3BatchCopy(store: String, stackName: String, sourceBucket: String, sourcePrefix: String? = nil,
                                   targetBucket: String) -> NativePlan {
        let slug = NativeShell.slug(store)
        let templateFile = "s3-batch-copy-\(slug).template.json"
        let jobFile = "s3-batch-copy-job.json"
        let stack = "\(stackName)-s3-batch-copy-\(slug)"
        let prefix = sourcePrefix.flatMap { $0.isEmpty ? nil : $0 }
        let template = S3BatchCopyTemplate(store: store, stackName: stackName, sourceBucket: sourceBucket, sourcePrefix: prefix, targetBucket: targetBucket)
        let job = S3BatchCopyJob(stackName: stackName, store: slug, sourceBucket: sourceBucket, sourcePrefix: prefix, targetBucket: targetBucket)
        let account = "\"$(aws sts get-caller-identity --query Account --output text)\""

        var overrides = [NativeShell.quote("SourceBucket=\(sourceBucket)"), NativeShell.quote("TargetBucket=\(targetBucket)")]
        if let prefix { overrides.insert(NativeShell.quote("SourcePrefix=\(prefix)"), at: 1) }
        let listLarge = "aws s3api list-objects-v2 --bucket \(NativeShell.quote(sourceBucket))"
            + (prefix.map { " --prefix \(NativeShell.quote($0))" } ?? "")
            + " --query 'Contents[?Size > `\(S3BatchCopyJob.copyLimit)`].Key' --output text"
        let commands = [
            NativeShell.deploy(template: templateFile, stack: stack, capabilities: "CAPABILITY_IAM", overrides: overrides),
            // Command-line values take precedence over the file's placeholders.
            "JOB_ID=\"$(aws s3control create-job --cli-input-json file://\(jobFile) --account-id \(account) --role-arn \(NativeShell.stackOutput(stack, "RoleArn")) --query JobId --output text)\"",
            "aws s3control describe-job --account-id \(account) --job-id \"$JOB_ID\" --query 'Job.{Status: Status, Progress: ProgressSummary, Failure: FailureReasons}'",
            // Objects over 5 GB are skipped by the job's filter; the CLI copies them with multipart copy.
            "\(listLarge) | tr '\\t' '\\n' | while read -r key; do [ -z \"$key\" ] || [ \"$key\" = None ] || aws s3 cp \"s3://\(sourceBucket)/$key\" \"s3://\(targetBucket)/$key\" --copy-props metadata-directive; done",
        ]
        let notes = [
            "Run the commands with the credentials of the account that owns \(targetBucket), in its Region: Batch Operations copy jobs run in the destination Region.",
            "The job copies each object's current version with its metadata (MetadataDirective COPY) and tags, and asks S3 to compute a CRC32C checksum for every copy; object ACLs are not copied and the copies are owned by the target bucket's account.",
            "CopyObject handles objects up to 5 GB, so the job's manifest filter leaves larger ones out and the last command copies them with aws s3 cp, which uses multipart copy.",
            "Keys are copied unchanged\(prefix.map { " (they keep the prefix \($0))" } ?? ""); an object already in the target bucket under the same key is overwritten unless the bucket is versioned.",
            "The report lists failed tasks only, under s3://\(targetBucket)/\(S3BatchCopyJob.reportPrefix)/; a job that completes with failures needs a second job over the failed keys (a CSV manifest of the report's bucket and key columns).",
            "Batch Operations bills per job and per million objects processed (in us-east-1 0.25 USD per job and 1.00 USD per million objects) on top of the COPY requests and any cross-Region transfer.",
            "A source bucket in another account must grant the role s3:ListBucket, s3:GetObject, s3:GetObjectVersion and s3:GetObjectTagging in its bucket policy.",
        ]
        return NativePlan(
            kind: "objects",
            service: "S3 Batch Operations",
            artifacts: [
                NativeArtifact(fileName: templateFile, contents: template.json().rendered()),
                NativeArtifact(fileName: jobFile, contents: job.json().rendered()),
            ],
            commands: commands,
            notes: notes
        )
    }
}
