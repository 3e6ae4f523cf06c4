import Blueprint
/// Stateful resources need a way back: a final snapshot on delete/replace and automated backups.
struct DataSnapshotPolicy: PolicyCheck {
    let id = "FERRY-DB-004"
    let severity = CheckSeverity.medium
    let title = "Data stores keep a snapshot on deletion and take backups"
    let rationale = "CloudFormation deletes a resource without DeletionPolicy when the stack is deleted or the resource is replaced."
    let fix = "Set DeletionPolicy and UpdateReplacePolicy to Snapshot (Retain for buckets, tables and file systems) and BackupRetentionPeriod ≥ 7 days (1 at dev); EFS BackupPolicy ENABLED."
    let related = ["cfn-lint:I3011", "checkov:CKV_AWS_133"]

    static let snapshotTypes: Set<String> = ["AWS::RDS::DBCluster", "AWS::ElastiCache::ReplicationGroup", "AWS::DocDB::DBCluster"]
    static let retainTypes: Set<String> = ["AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::EFS::FileSystem"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard let t = c.template else { return [] }
        var out: [Violation] = []
        for r in t.resources {
            let standaloneDB = r.type == "AWS::RDS::DBInstance" && r.properties["DBClusterIdentifier"] == nil
            if standaloneDB || Self.snapshotTypes.contains(r.type) {
                if c.protectsData && !["Snapshot", "Retain", "RetainExceptOnCreate"].contains(r.deletionPolicy ?? "") {
                    out.append(c.violation(r, "DeletionPolicy is \(r.deletionPolicy ?? "unset (Delete)"); want Snapshot"))
                }
                if c.protectsData && r.updateReplacePolicy == nil {
                    out.append(c.violation(r, "UpdateReplacePolicy is unset: a replacement deletes the data"))
                }
                if r.type.hasPrefix("AWS::RDS") || r.type.hasPrefix("AWS::DocDB") {
                    let days = r.properties["BackupRetentionPeriod"]?.number ?? 1
                    let want: Double = c.tier >= .mvp ? 7 : 1
                    if days < want { out.append(c.violation(r, "BackupRetentionPeriod is \(Int(days)) day(s); want ≥ \(Int(want))")) }
                } else if r.type == "AWS::ElastiCache::ReplicationGroup", c.tier == .prod,
                          (r.properties["SnapshotRetentionLimit"]?.number ?? 0) < 1 {
                    out.append(c.violation(r, "SnapshotRetentionLimit is 0 at tier prod: the cache keeps no daily snapshot"))
                }
            } else if Self.retainTypes.contains(r.type), c.protectsData,
                      !["Retain", "RetainExceptOnCreate", "Snapshot"].contains(r.deletionPolicy ?? "") {
                out.append(c.violation(r, "DeletionPolicy is \(r.deletionPolicy ?? "unset (Delete)"); want Retain"))
            }
            if r.type == "AWS::EFS::FileSystem", c.protectsData, r.properties["BackupPolicy"]?["Status"]?.string != "ENABLED" {
                out.append(c.violation(r, "BackupPolicy is not ENABLED: no daily backup of the files"))
            }
        }
        return out
    }
}
