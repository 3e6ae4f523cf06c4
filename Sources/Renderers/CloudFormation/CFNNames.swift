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
        "LoadBalancerLogsBucket", "LoadBalancerLogsBucketPolicy", "EventsRole", "DomainRecord", "NetworkLoadBalancer",
        "GpuAmiId", "ClusterCapacityProviders",
    ]

    let ids: ScopedLogicalIDs

    /// Every (name, suffix) pair the renderer turns into a logical ID, by element kind.
    init(_ b: Blueprint) {
        var pairs: [(name: String, suffix: String)] = []
        func add(_ names: [String], _ suffixes: [String]) {
            for name in names { for suffix in suffixes { pairs.append((name, suffix)) } }
        }
        add(b.workloads.map(\.name), ["Service", "TaskDefinition", "ScalableTarget", "ScalingPolicy", "Schedule", "PullCredentials"])
        add(b.dataStores.map(\.name), ["Database", "DatabaseCluster", "DatabaseInstance", "DatabaseSubnetGroup",
                                        "DatabaseParameterGroup", "Cache", "CacheSubnetGroup", "Broker", "Domain"])
        add(b.buckets.map(\.name), ["Bucket", "BucketPolicy"])
        add(b.tables.map(\.name), ["Table"])
        add(b.fileSystems.map(\.name), ["FileSystem", "MountTarget"])
        add(b.fileSystems.flatMap { $0.accessPoints.map(\.name) }, ["AccessPoint"])
        add(b.secrets.map(\.name), ["Secret"])
        add(b.parameters.map(\.name), ["Parameter"])
        add(b.roles.map(\.name), ["Role"])
        add(b.logGroups.map(\.name), ["LogGroup"])
        add(b.alarms.map(\.name), ["Alarm"])
        add(b.repositories.map(\.name), ["Repository"])
        add(b.network.securityGroups.map(\.name), ["SecurityGroup", "Ingress"])
        add(b.network.subnets.map(\.name), ["", "RouteTableAssociation"])
        add(b.network.endpoints.map(\.service), ["Endpoint"])
        add(b.loadBalancer?.targetGroups.map(\.name) ?? [], ["TargetGroup", "ListenerRule"])
        add(b.serviceDiscovery?.services.map(\.name) ?? [], ["DiscoveryService"])
        add(b.networkLoadBalancer?.listeners.map(\.name) ?? [], ["NlbTargetGroup", "NlbListener"])
        add(b.ec2CapacityProviders.map(\.name), ["LaunchTemplate", "AutoScalingGroup", "CapacityProvider"])
        add(Array(Set(b.ec2CapacityProviders.map(\.instanceRole))).sorted(), ["InstanceProfile"])
        ids = ScopedLogicalIDs(pairs: pairs, reserved: CFNNames.fixed)
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
