import Blueprint

/// Databases and stateful servers ferry has no managed target for (SQL Server, Cassandra, Neo4j,
/// ClickHouse, vector stores, search engines such as Meilisearch): a private container, never
/// public, reached through Cloud Map; its named volumes are kept on EFS.
struct StatefulServerRole: RoleRule {
    let name = "StatefulServerRole"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard let tech = f.technology, tech.technology == .statefulServer else { return nil }
        let seen = f.technologyEvidence.map { $0.path.hasSuffix(".image") ? "image \($0.value ?? "")" : ($0.value ?? f.name) } ?? f.name
        var v = Verdicts.make(.internal, .ecsFargate, rule: name,
                              reason: "\(seen) is \(tech.product), a stateful server with no managed equivalent here: a private container reached through Cloud Map, never public",
                              evidence: f.technologyEvidence.map { [$0] } ?? [],
                              alternatives: [Alternative(choice: "web", whyNot: "a database's port is never made public"),
                                             Alternative(choice: "managed service", whyNot: "no managed \(tech.product) target is generated; a hosted offering can replace it through x-ferry.role: external")])
        v.weight = DataStoreRules.weight(f)
        return v
    }
}
