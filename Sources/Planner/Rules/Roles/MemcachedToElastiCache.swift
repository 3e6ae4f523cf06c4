import Blueprint

/// Memcached → an ElastiCache Memcached cluster.
struct MemcachedToElastiCache: RoleRule {
    let name = "MemcachedToElastiCache"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard f.technology?.technology == .memcached else { return nil }
        return DataStoreRules.verdict(f, rule: name, target: .elasticacheMemcached, managed: "ElastiCache for Memcached")
    }
}
