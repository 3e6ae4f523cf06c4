import Blueprint

/// Elasticsearch and OpenSearch → an Amazon OpenSearch Service domain.
struct SearchToOpenSearch: RoleRule {
    let name = "SearchToOpenSearch"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard let t = f.technology?.technology, t == .elasticsearch || t == .opensearch else { return nil }
        return DataStoreRules.verdict(f, rule: name, target: .opensearch, managed: "Amazon OpenSearch Service",
                                      why: t == .elasticsearch ? "OpenSearch is API-compatible with Elasticsearch 7.10; newer client features may differ" : nil)
    }
}
