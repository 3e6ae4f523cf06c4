import Blueprint

/// Finds which replaced datastore a variable is about: by the host it names, or by its
/// name's prefix (`REDIS_PORT`, `MINIO_USE_SSL`) among the stores the service talks to.
enum StoreLookup {
    enum Family: Equatable { case relational, redis, memcached, objectStore, mqtt, mongo, broker, kafka, search, dynamodb }

    static func family(of target: DeploymentTarget) -> Family? {
        switch target {
        case .rdsPostgresql, .rdsMysql, .auroraPostgresql, .auroraMysql: return .relational
        case .elasticacheRedis, .elasticacheValkey: return .redis
        case .elasticacheMemcached: return .memcached
        case .s3: return .objectStore
        case .iotCore: return .mqtt
        case .documentdb: return .mongo
        case .amazonMQ: return .broker
        case .msk: return .kafka
        case .opensearch: return .search
        case .dynamodb: return .dynamodb
        default: return nil
        }
    }

    static func family(ofPrefix token: String) -> Family? {
        switch token {
        case "POSTGRES", "POSTGRESQL", "PG", "PGSQL", "DB", "DATABASE", "MYSQL", "MARIADB", "SQL", "RDS": return .relational
        case "REDIS", "CACHE", "VALKEY", "KEYDB": return .redis
        case "MEMCACHED", "MEMCACHE": return .memcached
        case "MINIO", "S3", "STORAGE", "OBJECT": return .objectStore
        case "MQTT", "BROKER", "MOSQUITTO": return .mqtt
        case "MONGO", "MONGODB": return .mongo
        case "RABBITMQ", "RABBIT", "AMQP", "ACTIVEMQ": return .broker
        case "KAFKA": return .kafka
        case "ELASTICSEARCH", "ELASTIC", "ES", "OPENSEARCH", "SEARCH": return .search
        case "DYNAMO", "DYNAMODB", "DDB": return .dynamodb
        default: return nil
        }
    }

    /// The replaced store a host names.
    static func store(host: String, _ ctx: PlanningContext) -> (facts: ServiceFacts, verdict: RoleVerdict)? {
        guard let name = ctx.graph.hostIndex[host], let v = ctx.verdicts[name], v.role == .datastore, let f = ctx.facts(name) else { return nil }
        return (f, v)
    }

    /// The replaced store of `family` that `service` talks to (the first by name).
    static func store(family: Family, for service: String, _ ctx: PlanningContext) -> (facts: ServiceFacts, verdict: RoleVerdict)? {
        let callees = Set(ctx.graph.callees(of: service).map(\.callee))
        for f in ctx.facts where callees.contains(f.name) {
            if let v = ctx.verdicts[f.name], v.role == .datastore, Self.family(of: v.target) == family { return (f, v) }
        }
        return nil
    }

    /// The managed port clients use.
    static func managedPort(_ target: DeploymentTarget, store: DataStore?) -> Int? {
        switch target {
        case .s3, .opensearch: return 443
        case .iotCore: return 8883
        default: return store?.port
        }
    }
}
