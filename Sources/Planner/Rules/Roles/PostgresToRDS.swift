import Blueprint

/// PostgreSQL (`postgres`, `postgis/postgis`, `bitnami/postgresql`, timescale, pgvector…) →
/// RDS for PostgreSQL, or Aurora PostgreSQL at the prod tier or with `x-ferry.engine: aurora`.
struct PostgresToRDS: RoleRule {
    let name = "PostgresToRDS"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard f.technology?.technology == .postgres else { return nil }
        let aurora = f.overrides.engine.map { $0.contains("aurora") } ?? ctx.defaults.relationalUsesAurora
        let why = f.overrides.engine != nil ? "x-ferry.engine: \(f.overrides.engine ?? "")"
            : aurora ? "prod tier: Aurora's Multi-AZ storage and fast failover"
            : "\(ctx.tier.rawValue) tier: a single RDS instance with backups costs a fraction of Aurora; prod tier uses Aurora"
        var extra: [String] = []
        if let img = f.image, img.matches("timescale/timescaledb*") {
            extra.append("TimescaleDB is not available on RDS: use plain PostgreSQL partitioning or Timescale Cloud")
        }
        return DataStoreRules.verdict(f, rule: name, target: aurora ? .auroraPostgresql : .rdsPostgresql,
                                      managed: aurora ? "Aurora PostgreSQL" : "Amazon RDS for PostgreSQL", why: why,
                                      alternatives: [aurora ? Alternative(choice: "rds-postgresql", whyNot: "prod tier wants Aurora's failover; set x-ferry.engine: rds")
                                                     : Alternative(choice: "aurora-postgresql", whyNot: "costs more at this tier; set x-ferry.engine: aurora or use --tier prod")],
                                      extra: extra)
    }
}
