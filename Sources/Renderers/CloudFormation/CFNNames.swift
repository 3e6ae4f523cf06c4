import Blueprint

/// Logical IDs for every Blueprint element, decided once for the whole Blueprint so that an element's ID
/// depends only on its own name and the set of names (see `LogicalIDs`).
struct CFNNames {
    /// IDs the renderer uses for its own singletons; an element whose ID would equal one gets a hash suffix.
    static let fixed: Set<String> = [
        "Vpc", "InternetGateway", "GatewayAttachment", "PublicRouteTable", "PublicDefaultRoute", "Cluster",
        "LoadBalancer", "HttpsListener", "HttpListener", "Certificate", "ServiceDiscoveryNamespace",
        "AlarmTopic", "AlarmTopicKey", "AlarmTopicEmailSubscription", "Dashboard", "Budget", "IoTThingType", "IoTDevicePolicy",
        "FlowLogGroup", "FlowLogRole", "FlowLog", "WebAcl", "WebAclAssociation", "EndpointSecurityGroup",
        "LoadBalancerLogsBucket", "LoadBalancerLogsBucketPolicy", "EventsRole",
    ]

    /// Every suffix appended to an element stem below.
    static let suffixes = [
        "Service", "TaskDefinition", "LogGroup", "TargetGroup", "SecurityGroup", "Role", "Alarm", "Secret",
        "Parameter", "Bucket", "BucketPolicy", "Table", "Database", "DatabaseCluster", "DatabaseInstance",
        "DatabaseSubnetGroup", "DatabaseParameterGroup", "Cache", "CacheSubnetGroup", "Repository",
        "DiscoveryService", "ScalableTarget", "ScalingPolicy", "ListenerRule", "Schedule", "ImageTag",
        "Broker", "Domain", "Endpoint", "NatGateway", "NatEip", "PrivateRouteTable", "PrivateDefaultRoute",
        "RouteTableAssociation", "Ingress", "Policy",
    ]

    let ids: LogicalIDs

    init(_ b: Blueprint) {
        var names: [String] = []
        names += b.workloads.map(\.name)
        names += b.dataStores.map(\.name)
        names += b.buckets.map(\.name)
        names += b.tables.map(\.name)
        names += b.secrets.map(\.name)
        names += b.parameters.map(\.name)
        names += b.roles.map(\.name)
        names += b.logGroups.map(\.name)
        names += b.alarms.map(\.name)
        names += b.repositories.map(\.name)
        names += b.network.securityGroups.map(\.name)
        names += b.network.subnets.map(\.name)
        names += b.network.endpoints.map(\.service)
        names += b.loadBalancer?.targetGroups.map(\.name) ?? []
        names += b.serviceDiscovery?.services.map(\.name) ?? []
        ids = LogicalIDs(names: names, suffixes: CFNNames.suffixes, reserved: CFNNames.fixed)
    }

    func id(_ name: String, _ suffix: String) -> String { ids[name] + suffix }

    func service(_ workload: String) -> String { id(workload, "Service") }
    func taskDefinition(_ workload: String) -> String { id(workload, "TaskDefinition") }
    func logGroup(_ name: String) -> String { id(name, "LogGroup") }
    func targetGroup(_ name: String) -> String { id(name, "TargetGroup") }
    func securityGroup(_ name: String) -> String { id(name, "SecurityGroup") }
    func role(_ name: String) -> String { id(name, "Role") }
    func alarm(_ name: String) -> String { id(name, "Alarm") }
    func secret(_ name: String) -> String { id(name, "Secret") }
    func parameter(_ name: String) -> String { id(name, "Parameter") }
    func bucket(_ name: String) -> String { id(name, "Bucket") }
    func table(_ name: String) -> String { id(name, "Table") }
    func repository(_ name: String) -> String { id(name, "Repository") }
    func discoveryService(_ name: String) -> String { id(name, "DiscoveryService") }
    func subnet(_ name: String) -> String { ids[name] }
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
