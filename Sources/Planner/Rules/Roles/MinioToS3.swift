import Blueprint

/// MinIO and other S3-compatible stores → Amazon S3 buckets; clients use their task role
/// instead of the MinIO root credentials.
struct MinioToS3: RoleRule {
    let name = "MinioToS3"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard f.technology?.technology == .minio else { return nil }
        return DataStoreRules.verdict(f, rule: name, target: .s3, managed: "Amazon S3",
                                      why: "buckets with encryption and versioning; task roles replace access keys")
    }
}
