import Blueprint

/// MySQL and MariaDB (`mysql`, `mariadb`, bitnami, percona) → RDS for MySQL/MariaDB, or Aurora
/// MySQL at the prod tier (MySQL only) or with `x-ferry.engine: aurora`.
struct MySQLToRDS: RoleRule {
    let name = "MySQLToRDS"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard let t = f.technology?.technology, t == .mysql || t == .mariadb else { return nil }
        let aurora = f.overrides.engine.map { $0.contains("aurora") } ?? (ctx.defaults.relationalUsesAurora && t == .mysql)
        let managed = aurora ? "Aurora MySQL" : (t == .mariadb ? "Amazon RDS for MariaDB" : "Amazon RDS for MySQL")
        return DataStoreRules.verdict(f, rule: name, target: aurora ? .auroraMysql : .rdsMysql, managed: managed,
                                      why: aurora ? "prod tier" : "\(ctx.tier.rawValue) tier",
                                      alternatives: [Alternative(choice: aurora ? "rds-mysql" : "aurora-mysql",
                                                                 whyNot: aurora ? "set x-ferry.engine: rds" : "costs more at this tier; set x-ferry.engine: aurora")])
    }
}
