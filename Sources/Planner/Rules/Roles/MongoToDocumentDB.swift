import Blueprint

/// MongoDB → Amazon DocumentDB (MongoDB-compatible) with TLS.
struct MongoToDocumentDB: RoleRule {
    let name = "MongoToDocumentDB"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard f.technology?.technology == .mongo else { return nil }
        return DataStoreRules.verdict(f, rule: name, target: .documentdb, managed: "Amazon DocumentDB",
                                      why: "MongoDB-compatible API; check driver features against DocumentDB's compatibility list",
                                      alternatives: [Alternative(choice: "MongoDB Atlas", whyNot: "not an AWS resource ferry can create")])
    }
}
