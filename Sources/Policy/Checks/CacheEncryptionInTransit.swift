/// Redis speaks plain text by default; inside a VPC that is still traffic others can read.
struct CacheEncryptionInTransit: PolicyCheck {
    let id = "FERRY-CACHE-002"
    let severity = CheckSeverity.high
    let title = "ElastiCache encrypts data in transit (TLS)"
    let rationale = "Without TLS the auth token and every value cross the network in clear."
    let fix = "Set TransitEncryptionEnabled: true and connect with rediss:// (ferry rewrites REDIS_URL)."
    let related = ["checkov:CKV_AWS_30"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.template != nil else {
            return (c.blueprint?.dataStores ?? []).filter { $0.kind.isCache && !$0.encryptedInTransit }.map {
                c.violation(service: $0.name, subject: "dataStores.\($0.name)", "TLS in transit is off")
            }
        }
        return c.resources("AWS::ElastiCache::ReplicationGroup").filter { $0.properties["TransitEncryptionEnabled"]?.bool != true }
            .map { c.violation($0, "TransitEncryptionEnabled is not true") }
    }
}
