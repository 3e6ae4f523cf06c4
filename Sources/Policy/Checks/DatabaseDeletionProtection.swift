/// One mistyped `delete-stack` should not take the data with it.
struct DatabaseDeletionProtection: PolicyCheck {
    let id = "FERRY-DB-003"
    let severity = CheckSeverity.medium
    let title = "Databases have deletion protection (mvp and prod tiers)"
    let rationale = "Without DeletionProtection a stack deletion or replacement removes the database at once."
    let fix = "Set DeletionProtection: true on the DB instance or cluster (ferry does so from the mvp tier up)."
    let related = ["checkov:CKV_AWS_293", "checkov:CKV_AWS_139"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.protectsData else { return [] }
        guard c.template != nil else {
            return (c.blueprint?.dataStores ?? []).filter { $0.kind.isRelational && !$0.deletionProtection }.map {
                c.violation(service: $0.name, subject: "dataStores.\($0.name)", "deletion protection is off at tier \(c.tier.rawValue)")
            }
        }
        let standalone = c.resources("AWS::RDS::DBInstance").filter { $0.properties["DBClusterIdentifier"] == nil }
        return (standalone + c.resources("AWS::RDS::DBCluster") + c.resources("AWS::DocDB::DBCluster"))
            .filter { $0.properties["DeletionProtection"]?.bool != true }
            .map { c.violation($0, "DeletionProtection is not true at tier \(c.tier.rawValue)") }
    }
}
