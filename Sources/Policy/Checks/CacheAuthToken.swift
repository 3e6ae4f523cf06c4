/// A Redis without a password accepts every client that can reach its port.
struct CacheAuthToken: PolicyCheck {
    let id = "FERRY-CACHE-003"
    let severity = CheckSeverity.medium
    let title = "Redis/Valkey caches require authentication"
    let rationale = "Security groups limit who can connect; an auth token (or RBAC user group) limits who can act."
    let fix = "Set AuthToken from a Secrets Manager dynamic reference (requires TransitEncryptionEnabled) or UserGroupIds."
    let related = ["checkov:CKV_AWS_31"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.resources("AWS::ElastiCache::ReplicationGroup").filter {
            let engine = $0.properties["Engine"]?.string?.lowercased() ?? "redis"
            return engine != "memcached" && $0.properties["AuthToken"] == nil && $0.properties["UserGroupIds"] == nil
        }.map { c.violation($0, "neither AuthToken nor UserGroupIds is set") }
    }
}
