import Blueprint

/// What the datastore rules share: the verdict text, and the target a technology maps to.
enum DataStoreRules {
    static func inferredTarget(_ f: ServiceFacts) -> DeploymentTarget? {
        switch f.technology?.technology {
        case .postgres?: return f.overrides.engine?.contains("aurora") == true ? .auroraPostgresql : .rdsPostgresql
        case .mysql?, .mariadb?: return f.overrides.engine?.contains("aurora") == true ? .auroraMysql : .rdsMysql
        case .redis?: return .elasticacheRedis
        case .valkey?: return .elasticacheValkey
        case .memcached?: return .elasticacheMemcached
        case .minio?: return .s3
        case .dynamodbLocal?: return .dynamodb
        case .mqttBroker?: return .iotCore
        case .mongo?: return .documentdb
        case .rabbitmq?, .activemq?: return .amazonMQ
        case .kafka?, .zookeeper?: return .msk
        case .elasticsearch?, .opensearch?: return .opensearch
        default: return nil
        }
    }

    /// How sure the recognition is: the image says most, a healthcheck tool less, a name least. The
    /// image running something else (`minio/minio` with an `mc mb` entrypoint) counts for less.
    static func weight(_ f: ServiceFacts) -> Int {
        let path = f.technologyEvidence?.path ?? ""
        var w = path.hasSuffix(".image") ? EvidenceWeights.technologyImage
            : (path.hasSuffix("healthcheck.test") ? EvidenceWeights.technologyHealthcheck : EvidenceWeights.technologyName)
        if InitJobRole.setupWords.contains(where: { f.commandText.contains($0) }) || InitJobRole.migrationWords.contains(where: { f.commandText.contains($0) }) {
            w = min(w, EvidenceWeights.technologyName - 10)
        }
        return w
    }

    /// A datastore verdict: "image postgres:16 is PostgreSQL → Amazon RDS for PostgreSQL".
    static func verdict(_ f: ServiceFacts, rule: String, target: DeploymentTarget, managed: String, why: String? = nil,
                        alternatives: [Alternative] = [], extra: [String] = []) -> RoleVerdict {
        let product = f.technology?.product ?? "datastore"
        let seen = f.technologyEvidence.map { e in
            e.path.hasSuffix(".image") ? "image \(e.value ?? "")" : (e.path.hasSuffix("healthcheck.test") ? "healthcheck runs \(e.value ?? "")" : e.value ?? "")
        } ?? "the compose file"
        let reason = "\(seen) is \(product) → \(managed)" + (why.map { " (\($0))" } ?? "")
        var v = Verdicts.make(.datastore, target, rule: rule, reason: reason, evidence: f.technologyEvidence.map { [$0] } ?? [],
                              alternatives: alternatives + [Alternative(choice: "ecs-fargate",
                                                                        whyNot: "a database container on Fargate has no durable disk, backups or failover")],
                              extra: extra)
        v.decisions[1].overrideKey = "x-ferry.target"
        v.weight = weight(f)
        return v
    }
}
