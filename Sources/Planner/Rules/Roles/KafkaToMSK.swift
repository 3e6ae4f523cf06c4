import Blueprint

/// Kafka and Redpanda → Amazon MSK; ZooKeeper is part of what MSK manages.
struct KafkaToMSK: RoleRule {
    let name = "KafkaToMSK"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        switch f.technology?.technology {
        case .kafka?:
            return DataStoreRules.verdict(f, rule: name, target: .msk, managed: "Amazon MSK", why: "TLS between clients and brokers")
        case .zookeeper?:
            // ZooKeeper folds into MSK only beside Kafka; coordinating something else (ClickHouse, Solr), it stays a container.
            guard ctx.facts.contains(where: { $0.technology?.technology == .kafka }) else { return nil }
            var v = DataStoreRules.verdict(f, rule: name, target: .msk, managed: "part of Amazon MSK",
                                           why: "MSK runs its own coordination (ZooKeeper or KRaft); nothing to deploy")
            v.instead = "MSK manages it"
            return v
        default:
            return nil
        }
    }
}
