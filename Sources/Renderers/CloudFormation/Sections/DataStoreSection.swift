import Blueprint

/// Managed data stores: RDS and Aurora (managed master password, encryption, private subnets, deletion
/// protection, snapshot on delete/replace), ElastiCache (TLS and an auth token from Secrets Manager),
/// and DocumentDB, Amazon MQ, MSK and OpenSearch for the stacks that use them.
enum DataStoreSection {
    static func render(_ c: inout CFNContext) {
        for store in c.blueprint.dataStores {
            switch store.kind {
            case .auroraPostgresql, .auroraMysql: renderAurora(&c, store)
            case .rdsPostgresql, .rdsMysql: renderRDS(&c, store)
            case .elasticacheRedis, .elasticacheValkey: renderReplicationGroup(&c, store)
            case .elasticacheMemcached: renderMemcached(&c, store)
            case .documentdb: renderDocumentDB(&c, store)
            case .amazonMQ: renderBroker(&c, store)
            case .msk: renderMSK(&c, store)
            case .opensearch: renderOpenSearch(&c, store)
            }
        }
    }

    private static func securityGroups(_ c: inout CFNContext, _ store: DataStore) -> CFNValue {
        guard let group = store.securityGroup else {
            c.problem("data store \(store.name) has no security group")
            return []
        }
        return [.getAtt(c.names.securityGroup(group), "GroupId")]
    }

    /// RDS-managed (`ManageMasterUserPassword`, rotated by RDS) or the template's generated secret by
    /// dynamic reference, as the plan decided (`DataStore.credentials`).
    private static func masterPassword(_ c: inout CFNContext, _ store: DataStore, into properties: inout [String: CFNValue]) {
        switch store.credentials {
        case .service: properties["ManageMasterUserPassword"] = true
        case .template:
            if let password = secretValue(&c, store, key: "password") { properties["MasterUserPassword"] = password }
        }
    }

    /// `{{resolve:secretsmanager:…}}`: CloudFormation reads the secret at deploy time, the template never holds it.
    private static func secretValue(_ c: inout CFNContext, _ store: DataStore, key: String?) -> CFNValue? {
        guard let name = store.credentialsSecret, let spec = c.blueprint.secret(named: name) else {
            c.problem("data store \(store.name) needs a credentials secret")
            return nil
        }
        var jsonKey = key
        if case .generated(_, _, let generatedKey) = spec.generation { jsonKey = generatedKey ?? key }
        let suffix = jsonKey.map { ":SecretString:\($0)" } ?? ":SecretString"
        return .sub("{{resolve:secretsmanager:${Secret}\(suffix)}}", ["Secret": c.secretARN(spec)])
    }

    /// `15.4` → `15` for PostgreSQL, `8.0.35` → `8.0` for MySQL: the parameter-group family suffix.
    static func family(_ store: DataStore) -> String { AWSRules.parameterGroupFamily(store) }

    private static func subnetGroup(_ c: inout CFNContext, _ store: DataStore, type: String, descriptionKey: String) -> String {
        let id = c.names.id(store.name, store.kind.isCache ? "CacheSubnetGroup" : "DatabaseSubnetGroup")
        c.add(id, CFNResource(type, [
            descriptionKey: .string("Private subnets for \(store.name)"),
            "SubnetIds": NetworkSection.dataSubnetRefs(c),
        ]))
        return id
    }

    private static func parameterGroup(_ c: inout CFNContext, _ store: DataStore, cluster: Bool) -> String? {
        guard !store.parameters.isEmpty else { return nil }
        let id = c.names.id(store.name, "DatabaseParameterGroup")
        c.add(id, CFNResource(cluster ? "AWS::RDS::DBClusterParameterGroup" : "AWS::RDS::DBParameterGroup", [
            "Description": .string("Engine parameters for \(store.name)"),
            "Family": .string(family(store)),
            "Parameters": .map(store.parameters.mapValues { .string($0) }),
        ]))
        return id
    }

    private static func protect(_ resource: inout CFNResource) {
        resource.deletionPolicy = "Snapshot"
        resource.updateReplacePolicy = "Snapshot"
    }

    /// What an RDS instance and an Aurora cluster share: engine, credentials, encryption, network,
    /// protection, backups and logs. The two spell the rest differently (`VpcSecurityGroupIds` vs
    /// `VPCSecurityGroups`, `DatabaseName` vs `DBName`, an integer port vs a string).
    private static func relationalProperties(_ c: inout CFNContext, _ store: DataStore) -> [String: CFNValue] {
        let subnets = subnetGroup(&c, store, type: "AWS::RDS::DBSubnetGroup", descriptionKey: "DBSubnetGroupDescription")
        var properties: [String: CFNValue] = [
            "Engine": .string(store.engine),
            "EngineVersion": .string(store.engineVersion),
            "MasterUsername": .string(store.masterUsername ?? "app"),
            "StorageEncrypted": .bool(store.encryptedAtRest),
            "DBSubnetGroupName": .ref(subnets),
            "DeletionProtection": .bool(store.deletionProtection),
            "BackupRetentionPeriod": .int(WorkloadSection.clamp(store.backupRetentionDays, 1, 35)),
            "CopyTagsToSnapshot": true,
        ]
        masterPassword(&c, store, into: &properties)
        if store.engine.contains("postgres") { properties["EnableCloudwatchLogsExports"] = ["postgresql"] }
        return properties
    }

    static func renderAurora(_ c: inout CFNContext, _ store: DataStore) {
        let clusterID = c.names.dataStore(store)
        var properties = relationalProperties(&c, store)
        properties["VpcSecurityGroupIds"] = securityGroups(&c, store)
        properties["Port"] = .int(store.port)
        if let database = store.databaseName, !database.isEmpty { properties["DatabaseName"] = .string(database) }
        if let group = parameterGroup(&c, store, cluster: true) { properties["DBClusterParameterGroupName"] = .ref(group) }
        var cluster = CFNResource("AWS::RDS::DBCluster", properties)
        protect(&cluster)
        c.add(clusterID, cluster)
        for index in 0..<max(1, store.instanceCount) {
            c.add(c.names.id(store.name, "DatabaseInstance") + "\(index + 1)", CFNResource("AWS::RDS::DBInstance", [
                "Engine": .string(store.engine),
                "DBClusterIdentifier": .ref(clusterID),
                "DBInstanceClass": .string(store.instanceClass),
                "PubliclyAccessible": false,
                "AutoMinorVersionUpgrade": true,
            ]))
        }
    }

    static func renderRDS(_ c: inout CFNContext, _ store: DataStore) {
        let storage = max(20, store.storageGB ?? 20)
        var properties = relationalProperties(&c, store)
        properties.merge([
            "DBInstanceClass": .string(store.instanceClass),
            "AllocatedStorage": .string(String(storage)),
            "MaxAllocatedStorage": .int(max(storage * 5, 100)),
            "StorageType": "gp3",
            "MultiAZ": .bool(store.multiAZ),
            "VPCSecurityGroups": securityGroups(&c, store),
            "PubliclyAccessible": false,
            "AutoMinorVersionUpgrade": true,
            "Port": .string(String(store.port)),
        ]) { _, new in new }
        if let database = store.databaseName, !database.isEmpty { properties["DBName"] = .string(database) }
        if let group = parameterGroup(&c, store, cluster: false) { properties["DBParameterGroupName"] = .ref(group) }
        var instance = CFNResource("AWS::RDS::DBInstance", properties)
        protect(&instance)
        c.add(c.names.dataStore(store), instance)
    }

    static func renderReplicationGroup(_ c: inout CFNContext, _ store: DataStore) {
        let subnets = subnetGroup(&c, store, type: "AWS::ElastiCache::SubnetGroup", descriptionKey: "Description")
        let nodes = max(store.multiAZ ? 2 : 1, store.instanceCount)
        let failover = store.multiAZ && nodes >= 2
        var properties: [String: CFNValue] = [
            "ReplicationGroupDescription": .string("\(store.engine) replacing the \(store.name) container"),
            "Engine": .string(store.engine),
            "EngineVersion": .string(store.engineVersion),
            "CacheNodeType": .string(store.instanceClass),
            "NumCacheClusters": .int(nodes),
            "AutomaticFailoverEnabled": .bool(failover),
            "MultiAZEnabled": .bool(failover),
            "AtRestEncryptionEnabled": .bool(store.encryptedAtRest),
            "TransitEncryptionEnabled": .bool(store.encryptedInTransit),
            "CacheSubnetGroupName": .ref(subnets),
            "SecurityGroupIds": securityGroups(&c, store),
            "Port": .int(store.port),
            "SnapshotRetentionLimit": .int(WorkloadSection.clamp(store.backupRetentionDays, 0, 35)),
            "AutoMinorVersionUpgrade": true,
        ]
        if store.encryptedInTransit, let token = secretValue(&c, store, key: nil) { properties["AuthToken"] = token }
        var group = CFNResource("AWS::ElastiCache::ReplicationGroup", properties)
        if store.backupRetentionDays > 0 {
            group.deletionPolicy = "Snapshot"
            group.updateReplacePolicy = "Snapshot"
        }
        c.add(c.names.dataStore(store), group)
    }

    static func renderMemcached(_ c: inout CFNContext, _ store: DataStore) {
        let subnets = subnetGroup(&c, store, type: "AWS::ElastiCache::SubnetGroup", descriptionKey: "Description")
        c.add(c.names.dataStore(store), CFNResource("AWS::ElastiCache::CacheCluster", [
            "Engine": "memcached",
            "EngineVersion": .string(store.engineVersion),
            "CacheNodeType": .string(store.instanceClass),
            "NumCacheNodes": .int(max(1, store.instanceCount)),
            "CacheSubnetGroupName": .ref(subnets),
            "VpcSecurityGroupIds": securityGroups(&c, store),
            "Port": .int(store.port),
            "TransitEncryptionEnabled": .bool(store.encryptedInTransit),
            "AZMode": store.instanceCount > 1 ? "cross-az" : "single-az",
        ]))
    }

    static func renderDocumentDB(_ c: inout CFNContext, _ store: DataStore) {
        let subnets = subnetGroup(&c, store, type: "AWS::DocDB::DBSubnetGroup", descriptionKey: "DBSubnetGroupDescription")
        let clusterID = c.names.dataStore(store)
        var properties: [String: CFNValue] = [
            "EngineVersion": .string(store.engineVersion),
            "MasterUsername": .string(store.masterUsername ?? "app"),
            "StorageEncrypted": .bool(store.encryptedAtRest),
            "DBSubnetGroupName": .ref(subnets),
            "VpcSecurityGroupIds": securityGroups(&c, store),
            "DeletionProtection": .bool(store.deletionProtection),
            "BackupRetentionPeriod": .int(WorkloadSection.clamp(store.backupRetentionDays, 1, 35)),
            "Port": .int(store.port),
        ]
        if let password = secretValue(&c, store, key: "password") { properties["MasterUserPassword"] = password }
        var cluster = CFNResource("AWS::DocDB::DBCluster", properties)
        protect(&cluster)
        c.add(clusterID, cluster)
        for index in 0..<max(1, store.instanceCount) {
            c.add(c.names.id(store.name, "DatabaseInstance") + "\(index + 1)", CFNResource("AWS::DocDB::DBInstance", [
                "DBClusterIdentifier": .ref(clusterID),
                "DBInstanceClass": .string(store.instanceClass),
                "AutoMinorVersionUpgrade": true,
            ]))
        }
    }

    static func renderBroker(_ c: inout CFNContext, _ store: DataStore) {
        let multi = store.multiAZ && store.instanceCount > 1
        var user: [String: CFNValue] = ["Username": .string(store.masterUsername ?? "app")]
        if let password = secretValue(&c, store, key: "password") { user["Password"] = password }
        let rabbit = store.engine.uppercased().contains("RABBIT")
        var subnets = NetworkSection.subnetRefs(c, .private, onePerAZ: true)
        if !multi, case .list(let all) = subnets, let first = all.first { subnets = [first] }
        c.add(c.names.dataStore(store), CFNResource("AWS::AmazonMQ::Broker", [
            "BrokerName": c.stackScoped(store.name),
            "EngineType": rabbit ? "RABBITMQ" : "ACTIVEMQ",
            "EngineVersion": .string(store.engineVersion),
            "HostInstanceType": .string(store.instanceClass),
            "DeploymentMode": .string(multi ? (rabbit ? "CLUSTER_MULTI_AZ" : "ACTIVE_STANDBY_MULTI_AZ") : "SINGLE_INSTANCE"),
            "PubliclyAccessible": false,
            "AutoMinorVersionUpgrade": true,
            "SubnetIds": subnets,
            "SecurityGroups": securityGroups(&c, store),
            "Users": [.map(user)],
            "Logs": rabbit ? ["General": true] : ["General": true, "Audit": true],
        ]))
    }

    static func renderMSK(_ c: inout CFNContext, _ store: DataStore) {
        let subnets = NetworkSection.subnetRefs(c, .private, onePerAZ: true)
        let zones: Int
        if case .list(let items) = subnets { zones = max(1, items.count) } else { zones = 1 }
        let brokers = max(zones, (store.instanceCount + zones - 1) / zones * zones)
        c.add(c.names.dataStore(store), CFNResource("AWS::MSK::Cluster", [
            "ClusterName": c.stackScoped(store.name),
            "KafkaVersion": .string(store.engineVersion),
            "NumberOfBrokerNodes": .int(brokers),
            "BrokerNodeGroupInfo": [
                "InstanceType": .string(store.instanceClass),
                "ClientSubnets": subnets,
                "SecurityGroups": securityGroups(&c, store),
                "StorageInfo": ["EBSStorageInfo": ["VolumeSize": .int(max(1, store.storageGB ?? 100))]],
            ],
            "EncryptionInfo": ["EncryptionInTransit": ["ClientBroker": "TLS", "InCluster": true]],
            "ClientAuthentication": ["Sasl": ["Iam": ["Enabled": true]]],
        ]))
    }

    static func renderOpenSearch(_ c: inout CFNContext, _ store: DataStore) {
        let count = max(1, store.instanceCount)
        var subnets = NetworkSection.subnetRefs(c, .private, onePerAZ: true)
        let zoneAware = count > 1 && store.multiAZ
        if !zoneAware, case .list(let all) = subnets, let first = all.first { subnets = [first] }
        var cluster: [String: CFNValue] = ["InstanceType": .string(store.instanceClass), "InstanceCount": .int(count)]
        if zoneAware { cluster["ZoneAwarenessEnabled"] = true }
        let id = c.names.dataStore(store)
        c.add(id, CFNResource("AWS::OpenSearchService::Domain", [
            "EngineVersion": .string(store.engineVersion),
            "ClusterConfig": .map(cluster),
            "EBSOptions": ["EBSEnabled": true, "VolumeType": "gp3", "VolumeSize": .int(max(10, store.storageGB ?? 10))],
            "VPCOptions": ["SubnetIds": subnets, "SecurityGroupIds": securityGroups(&c, store)],
            "EncryptionAtRestOptions": ["Enabled": true],
            "NodeToNodeEncryptionOptions": ["Enabled": true],
            "DomainEndpointOptions": ["EnforceHTTPS": true, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"],
            "AccessPolicies": IdentitySection.document([[
                "Effect": "Allow",
                "Principal": ["AWS": .sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root", [:])],
                "Action": "es:ESHttp*",
                "Resource": .sub("arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/*", [:]),
            ]]),
        ]))
    }
}
