/// Cache contents (sessions, queues) are as sensitive as the database rows they mirror.
struct CacheEncryptionAtRest: PolicyCheck {
    let id = "FERRY-CACHE-001"
    let severity = CheckSeverity.high
    let title = "ElastiCache encrypts data at rest"
    let rationale = "Snapshots and swap of an unencrypted cache hold session tokens and queued jobs in clear."
    let fix = "Set AtRestEncryptionEnabled: true on the replication group (only at creation)."
    let related = ["checkov:CKV_AWS_29"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.template != nil else {
            return (c.blueprint?.dataStores ?? []).filter { $0.kind.isCache && !$0.encryptedAtRest }.map {
                c.violation(service: $0.name, subject: "dataStores.\($0.name)", "encryption at rest is off")
            }
        }
        return c.resources("AWS::ElastiCache::ReplicationGroup").filter { $0.properties["AtRestEncryptionEnabled"]?.bool != true }
            .map { c.violation($0, "AtRestEncryptionEnabled is not true") }
    }
}
