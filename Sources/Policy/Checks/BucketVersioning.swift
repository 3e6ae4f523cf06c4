import Blueprint
/// Versioning turns an overwrite or delete into something recoverable.
struct BucketVersioning: PolicyCheck {
    let id = "FERRY-S3-003"
    let severity = CheckSeverity.low
    let title = "S3 buckets holding data are versioned"
    let rationale = "Without versioning an application bug or a stolen credential can overwrite or delete objects for good."
    let fix = "Set VersioningConfiguration: {Status: Enabled} and a lifecycle rule expiring noncurrent versions."
    let related = ["checkov:CKV_AWS_21"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.protectsData else { return [] }
        return c.resources("AWS::S3::Bucket").filter { $0.properties["VersioningConfiguration"]?["Status"]?.string != "Enabled" }
            .filter { !Self.isLogBucket($0) }
            .map { c.violation($0, "versioning is not enabled") }
    }

    /// Access-log buckets are written by AWS services and expire; versioning them only adds cost.
    static func isLogBucket(_ r: TemplateDocument.Resource) -> Bool {
        r.logicalID.lowercased().contains("log")
    }
}
