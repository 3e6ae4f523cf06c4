import Blueprint

/// Redis, KeyDB, Dragonfly and Valkey → an ElastiCache replication group with TLS and an auth token.
struct RedisToElastiCache: RoleRule {
    let name = "RedisToElastiCache"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard let t = f.technology?.technology, t == .redis || t == .valkey else { return nil }
        let valkey = t == .valkey || f.overrides.engine == "valkey"
        return DataStoreRules.verdict(f, rule: name, target: valkey ? .elasticacheValkey : .elasticacheRedis,
                                      managed: valkey ? "ElastiCache for Valkey" : "ElastiCache for Redis OSS",
                                      why: "TLS in transit and an auth token",
                                      alternatives: [Alternative(choice: valkey ? "elasticache-redis" : "elasticache-valkey",
                                                                 whyNot: valkey ? "the image is Valkey" : "Redis OSS matches the image; Valkey is compatible and cheaper: set x-ferry.engine: valkey")])
    }
}
