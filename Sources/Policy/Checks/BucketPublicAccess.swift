/// Most S3 leaks are a bucket made public by an ACL or policy someone added later.
struct BucketPublicAccess: PolicyCheck {
    let id = "FERRY-S3-002"
    let severity = CheckSeverity.high
    let title = "S3 buckets block all public access"
    let rationale = "The four public-access-block flags stop ACLs and bucket policies from ever making objects public; CloudFront reads through origin access control instead."
    let fix = "Set PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets all true."
    let related = ["checkov:CKV_AWS_53", "checkov:CKV_AWS_54", "checkov:CKV_AWS_55", "checkov:CKV_AWS_56"]

    static let flags = ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.resources("AWS::S3::Bucket").compactMap { r in
            let block = r.properties["PublicAccessBlockConfiguration"]
            let missing = Self.flags.filter { block?[$0]?.bool != true }
            return missing.isEmpty ? nil : c.violation(r, "public access not blocked: \(missing.joined(separator: ", "))")
        }
    }
}
