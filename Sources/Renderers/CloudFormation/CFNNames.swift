import Blueprint

/// Logical IDs for every Blueprint element, decided once for the whole Blueprint so that an element's ID
/// depends only on its own name and the set of names (see `LogicalIDs`).
struct CFNNames {
    /// IDs the renderer uses for its own singletons; an element whose ID would equal one gets a hash suffix.
    static let fixed: Set<String> = TemplateResourceNames.singletons

    let ids: ScopedLogicalIDs

    init(_ b: Blueprint) {
        ids = ScopedLogicalIDs(pairs: TemplateResourceNames.pairs(b), reserved: CFNNames.fixed)
    }

    func id(_ name: String, _ suffix: String) -> String { ids[name, suffix] }

    func service(_ workload: String) -> String { id(workload, "Service") }
    func taskDefinition(_ workload: String) -> String { id(workload, "TaskDefinition") }
    func logGroup(_ name: String) -> String { id(name, "LogGroup") }
    func targetGroup(_ name: String) -> String { id(name, "TargetGroup") }
    func securityGroup(_ name: String) -> String { id(name, "SecurityGroup") }
    func role(_ name: String) -> String { id(name, "Role") }
    func instanceProfile(_ role: String) -> String { id(role, "InstanceProfile") }
    func alarm(_ name: String) -> String { id(name, "Alarm") }
    func secret(_ name: String) -> String { id(name, "Secret") }
    func parameter(_ name: String) -> String { id(name, "Parameter") }
    func bucket(_ name: String) -> String { id(name, "Bucket") }
    func table(_ name: String) -> String { id(name, "Table") }
    func repository(_ name: String) -> String { id(name, "Repository") }
    func fileSystem(_ name: String) -> String { id(name, "FileSystem") }
    func accessPoint(_ volume: String) -> String { id(volume, "AccessPoint") }
    func discoveryService(_ name: String) -> String { id(name, "DiscoveryService") }
    func subnet(_ name: String) -> String { ids[name, ""] }
    func endpoint(_ service: String) -> String { id(service, "Endpoint") }

    /// The resource whose `Endpoint.Address` clients use: the cluster for Aurora, the instance for RDS,
    /// the replication group or cache cluster for ElastiCache, and so on.
    func dataStore(_ store: DataStore) -> String {
        switch store.kind {
        case .auroraPostgresql, .auroraMysql, .documentdb: return id(store.name, "DatabaseCluster")
        case .rdsPostgresql, .rdsMysql: return id(store.name, "Database")
        case .elasticacheRedis, .elasticacheValkey, .elasticacheMemcached: return id(store.name, "Cache")
        case .amazonMQ: return id(store.name, "Broker")
        case .msk: return id(store.name, "DatabaseCluster")
        case .opensearch: return id(store.name, "Domain")
        }
    }
}
