import Blueprint

/// `data_stores.tf`: RDS and Aurora (RDS-managed or generated master password as the plan chose,
/// encryption, isolated subnets, deletion protection, a final snapshot on destroy) and ElastiCache
/// (TLS and an auth token from Secrets Manager).
enum DataStoreLayer {
    static let file = "data_stores.tf"

    static func render(_ c: TFContext) {
        for store in c.blueprint.dataStores {
            switch store.kind {
            case .auroraPostgresql, .auroraMysql: renderAurora(c, store)
            case .rdsPostgresql, .rdsMysql: renderRDS(c, store)
            case .elasticacheRedis, .elasticacheValkey: renderReplicationGroup(c, store)
            case .elasticacheMemcached: renderMemcached(c, store)
            case .documentdb: OtherDataStoreLayer.renderDocumentDB(c, store)
            case .amazonMQ: OtherDataStoreLayer.renderBroker(c, store)
            case .msk: OtherDataStoreLayer.renderMSK(c, store)
            case .opensearch: OtherDataStoreLayer.renderOpenSearch(c, store)
            }
        }
    }

    /// The resource type whose attributes clients read.
    static func resourceType(_ store: DataStore) -> String {
        switch store.kind {
        case .auroraPostgresql, .auroraMysql: return "aws_rds_cluster"
        case .rdsPostgresql, .rdsMysql: return "aws_db_instance"
        case .elasticacheRedis, .elasticacheValkey: return "aws_elasticache_replication_group"
        case .elasticacheMemcached: return "aws_elasticache_cluster"
        case .documentdb: return "aws_docdb_cluster"
        case .amazonMQ: return "aws_mq_broker"
        case .msk: return "aws_msk_cluster"
        case .opensearch: return "aws_opensearch_domain"
        }
    }

    static func address(_ store: DataStore, _ ref: String) -> String {
        switch store.kind {
        case .auroraPostgresql, .auroraMysql: return "\(ref).endpoint"
        case .rdsPostgresql, .rdsMysql: return "\(ref).address"
        case .elasticacheRedis, .elasticacheValkey: return "\(ref).primary_endpoint_address"
        case .elasticacheMemcached: return "\(ref).cluster_address"
        case .documentdb: return "\(ref).endpoint"
        case .amazonMQ: return "\(ref).instances[0].endpoints[0]"
        case .msk: return "\(ref).bootstrap_brokers_tls"
        case .opensearch: return "\(ref).endpoint"
        }
    }

    /// A physical identifier: `project-environment-name`, lowercase, within `limit` characters.
    static func identifier(_ c: TFContext, _ store: DataStore, limit: Int) -> String {
        let raw = (c.namePrefix + "-" + store.name).lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        var id = String(String(raw).prefix(limit))
        while id.hasSuffix("-") { id.removeLast() }
        if id.first?.isLetter != true { id = "db" + id.prefix(limit - 2) }
        return id
    }

    private static func securityGroups(_ c: TFContext, _ store: DataStore) -> HCLValue {
        guard let group = store.securityGroup else {
            c.problem("data store \(store.name) has no security group")
            return .list([])
        }
        return .list([.ref("aws_security_group.\(c.label(group)).id")])
    }

    private static func subnetGroup(_ c: TFContext, _ store: DataStore, cache: Bool) -> String {
        let l = c.label(store.name)
        let type = cache ? "aws_elasticache_subnet_group" : "aws_db_subnet_group"
        let subnets = NetworkLayer.dataSubnets(c)
        let name = identifier(c, store, limit: 255)
        c.resource(file, type, l) {
            $0["name"] = .string(name)
            $0["description"] = .string("Private subnets for \(store.name)")
            $0["subnet_ids"] = subnets
        }
        return "\(type).\(l).name"
    }

    private static func parameterGroup(_ c: TFContext, _ store: DataStore, cluster: Bool) -> String? {
        guard !store.parameters.isEmpty else { return nil }
        let l = c.label(store.name)
        let type = cluster ? "aws_rds_cluster_parameter_group" : "aws_db_parameter_group"
        c.resource(file, type, l) {
            $0["name"] = .string(identifier(c, store, limit: 255))
            $0["description"] = .string("Engine parameters for \(store.name)")
            $0["family"] = .string(AWSRules.parameterGroupFamily(store))
            for (key, value) in store.parameters.sorted(by: { $0.key < $1.key }) {
                $0.nested("parameter") {
                    $0["name"] = .string(key)
                    $0["value"] = .string(value)
                }
            }
        }
        return "\(type).\(l).name"
    }

    /// RDS-managed (`manage_master_user_password`, rotated by RDS) or the generated password of the
    /// store's credentials secret, as the plan decided; never a value in the configuration.
    private static func masterPassword(_ c: TFContext, _ store: DataStore, key: String, into block: inout HCLBlock) {
        switch store.credentials {
        case .service: block["manage_master_user_password"] = true
        case .template:
            guard let name = store.credentialsSecret, let spec = c.blueprint.secret(named: name) else {
                c.problem("data store \(store.name) needs a credentials secret")
                return
            }
            block[key] = .ref(ConfigurationLayer.passwordExpression(c, spec))
        }
    }

    static func renderAurora(_ c: TFContext, _ store: DataStore) {
        let l = c.label(store.name)
        let subnets = subnetGroup(c, store, cache: false)
        let groups = securityGroups(c, store)
        let parameters = parameterGroup(c, store, cluster: true)
        let id = identifier(c, store, limit: 63)
        var block = HCLBlock("resource", ["aws_rds_cluster", l])
        block["cluster_identifier"] = .string(id)
        block["engine"] = .string(store.engine)
        block["engine_version"] = .string(store.engineVersion)
        block["master_username"] = .string(store.masterUsername ?? "app")
        masterPassword(c, store, key: "master_password", into: &block)
        if let database = store.databaseName, !database.isEmpty { block["database_name"] = .string(database) }
        block["port"] = .int(store.port)
        block["db_subnet_group_name"] = .ref(subnets)
        block["vpc_security_group_ids"] = groups
        if let parameters { block["db_cluster_parameter_group_name"] = .ref(parameters) }
        relational(&block, store, id: id)
        c.add(file, block)
        for index in 0..<max(1, store.instanceCount) {
            c.resource(file, "aws_rds_cluster_instance", "\(l)_\(index + 1)") {
                $0["identifier"] = .string(String(id.prefix(60)) + "-\(index + 1)")
                $0["cluster_identifier"] = .ref("aws_rds_cluster.\(l).id")
                $0["engine"] = .ref("aws_rds_cluster.\(l).engine")
                $0["instance_class"] = .string(store.instanceClass)
                $0["publicly_accessible"] = false
                $0["auto_minor_version_upgrade"] = true
            }
        }
    }

    /// What an RDS instance and an Aurora cluster share: encryption, protection, backups and logs.
    private static func relational(_ block: inout HCLBlock, _ store: DataStore, id: String) {
        block["storage_encrypted"] = .bool(store.encryptedAtRest)
        block["deletion_protection"] = .bool(store.deletionProtection)
        block["backup_retention_period"] = .int(AWSRules.clamp(store.backupRetentionDays, 1, 35))
        block["copy_tags_to_snapshot"] = true
        // A snapshot before the database goes, as the CloudFormation output's `DeletionPolicy: Snapshot`.
        block["skip_final_snapshot"] = false
        block["final_snapshot_identifier"] = .string(String(id.prefix(54)) + "-final")
        if store.engine.contains("postgres") { block["enabled_cloudwatch_logs_exports"] = .strings(["postgresql"]) }
    }

    static func renderRDS(_ c: TFContext, _ store: DataStore) {
        let l = c.label(store.name)
        let subnets = subnetGroup(c, store, cache: false)
        let groups = securityGroups(c, store)
        let parameters = parameterGroup(c, store, cluster: false)
        let storage = AWSRules.rdsStorage(store)
        let id = identifier(c, store, limit: 63)
        var block = HCLBlock("resource", ["aws_db_instance", l])
        block["identifier"] = .string(id)
        block["engine"] = .string(store.engine)
        block["engine_version"] = .string(store.engineVersion)
        block["instance_class"] = .string(store.instanceClass)
        block["allocated_storage"] = .int(storage.allocated)
        block["max_allocated_storage"] = .int(storage.maximum)
        block["storage_type"] = "gp3"
        block["multi_az"] = .bool(store.multiAZ)
        block["username"] = .string(store.masterUsername ?? "app")
        masterPassword(c, store, key: "password", into: &block)
        if let database = store.databaseName, !database.isEmpty { block["db_name"] = .string(database) }
        block["port"] = .int(store.port)
        block["db_subnet_group_name"] = .ref(subnets)
        block["vpc_security_group_ids"] = groups
        block["publicly_accessible"] = false
        block["auto_minor_version_upgrade"] = true
        if let parameters { block["parameter_group_name"] = .ref(parameters) }
        relational(&block, store, id: id)
        c.add(file, block)
    }

    static func renderReplicationGroup(_ c: TFContext, _ store: DataStore) {
        let l = c.label(store.name)
        let subnets = subnetGroup(c, store, cache: true)
        let groups = securityGroups(c, store)
        let (nodes, failover) = AWSRules.cacheNodes(store)
        let id = identifier(c, store, limit: 40)
        var block = HCLBlock("resource", ["aws_elasticache_replication_group", l])
        block["replication_group_id"] = .string(id)
        block["description"] = .string("\(store.engine) replacing the \(store.name) container")
        block["engine"] = .string(store.engine)
        block["engine_version"] = .string(store.engineVersion)
        block["node_type"] = .string(store.instanceClass)
        block["num_cache_clusters"] = .int(nodes)
        block["automatic_failover_enabled"] = .bool(failover)
        block["multi_az_enabled"] = .bool(failover)
        block["at_rest_encryption_enabled"] = .string(store.encryptedAtRest ? "true" : "false")
        block["transit_encryption_enabled"] = .bool(store.encryptedInTransit)
        if store.encryptedInTransit {
            if let name = store.credentialsSecret, let spec = c.blueprint.secret(named: name) {
                block["auth_token"] = .ref(ConfigurationLayer.passwordExpression(c, spec))
            } else {
                c.problem("data store \(store.name) needs a credentials secret")
            }
        }
        block["subnet_group_name"] = .ref(subnets)
        block["security_group_ids"] = groups
        block["port"] = .int(store.port)
        block["snapshot_retention_limit"] = .int(AWSRules.clamp(store.backupRetentionDays, 0, 35))
        if store.backupRetentionDays > 0 { block["final_snapshot_identifier"] = .string(id + "-final") }
        block["auto_minor_version_upgrade"] = "true"
        c.add(file, block)
    }

    static func renderMemcached(_ c: TFContext, _ store: DataStore) {
        let l = c.label(store.name)
        let subnets = subnetGroup(c, store, cache: true)
        let groups = securityGroups(c, store)
        let id = identifier(c, store, limit: 40)
        c.resource(file, "aws_elasticache_cluster", l) {
            $0["cluster_id"] = .string(id)
            $0["engine"] = "memcached"
            $0["engine_version"] = .string(store.engineVersion)
            $0["node_type"] = .string(store.instanceClass)
            $0["num_cache_nodes"] = .int(max(1, store.instanceCount))
            $0["az_mode"] = store.instanceCount > 1 ? "cross-az" : "single-az"
            $0["subnet_group_name"] = .ref(subnets)
            $0["security_group_ids"] = groups
            $0["port"] = .int(store.port)
            $0["transit_encryption_enabled"] = .bool(store.encryptedInTransit)
        }
    }
}
