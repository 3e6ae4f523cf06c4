/// S3 encrypts new objects by default since 2023, but an explicit configuration survives account defaults
/// and lets a KMS key be chosen.
struct BucketEncryption: PolicyCheck {
    let id = "FERRY-S3-001"
    let severity = CheckSeverity.medium
    let title = "S3 buckets declare default encryption"
    let rationale = "An explicit BucketEncryption states the key used and keeps the setting reviewable in the template."
    let fix = "Add BucketEncryption with SSE-S3 (AES256) or SSE-KMS."
    let related = ["checkov:CKV_AWS_19", "cfn_nag:W41"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.resources("AWS::S3::Bucket").filter {
            ($0.properties["BucketEncryption"]?["ServerSideEncryptionConfiguration"]?.array ?? []).isEmpty
        }.map { c.violation($0, "no BucketEncryption") }
    }
}
