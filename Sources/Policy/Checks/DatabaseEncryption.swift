/// Storage encryption can only be chosen at creation; a later fix means a snapshot-and-restore migration.
struct DatabaseEncryption: PolicyCheck {
    let id = "FERRY-DB-002"
    let severity = CheckSeverity.high
    let title = "Database storage is encrypted at rest"
    let rationale = "RDS, Aurora and DocumentDB storage cannot be encrypted after creation, and snapshots inherit the setting."
    let fix = "Set StorageEncrypted: true (optionally KmsKeyId) on the DB instance or cluster."
    let related = ["checkov:CKV_AWS_16", "checkov:CKV_AWS_96", "cfn_nag:F26"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        var out: [Violation] = []
        guard c.template != nil else {
            return (c.blueprint?.dataStores ?? []).filter { $0.kind.isRelational && !$0.encryptedAtRest }.map {
                c.violation(service: $0.name, subject: "dataStores.\($0.name)", "storage encryption is off")
            }
        }
        for r in c.resources("AWS::RDS::DBInstance") where r.properties["DBClusterIdentifier"] == nil {
            if r.properties["StorageEncrypted"]?.bool != true { out.append(c.violation(r, "StorageEncrypted is not true")) }
        }
        for r in c.resources("AWS::RDS::DBCluster") + c.resources("AWS::DocDB::DBCluster")
        where r.properties["StorageEncrypted"]?.bool != true {
            out.append(c.violation(r, "StorageEncrypted is not true"))
        }
        return out
    }
}
