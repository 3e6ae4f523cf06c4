import Blueprint

/// `data_stores.tf` (the rest): DocumentDB, Amazon MQ, MSK and OpenSearch for the stacks that use them,
/// with the encryption, private subnets and protection of the CloudFormation output.
enum OtherDataStoreLayer {
    static let file = DataStoreLayer.file

    static func groups(_ c: TFContext, _ store: DataStore) -> HCLValue {
        guard let group = store.securityGroup else {
            c.problem("data store \(store.name) has no security group")
            return .list([])
        }
        return .list([.ref("aws_security_group.\(c.label(group)).id")])
    }

    /// The generated password of the store's credentials secret.
    static func password(_ c: TFContext, _ store: DataStore) -> HCLValue? {
        guard let name = store.credentialsSecret, let spec = c.blueprint.secret(named: name) else {
            c.problem("data store \(store.name) needs a credentials secret")
            return nil
        }
        return .ref(ConfigurationLayer.passwordExpression(c, spec))
    }

    static func renderDocumentDB(_ c: TFContext, _ store: DataStore) {
        let l = c.label(store.name)
        let id = DataStoreLayer.identifier(c, store, limit: 63)
        let subnets = NetworkLayer.dataSubnets(c)
        c.resource(file, "aws_docdb_subnet_group", l) {
            $0["name"] = .string(id)
            $0["description"] = .string("Private subnets for \(store.name)")
            $0["subnet_ids"] = subnets
        }
        let groups = groups(c, store)
        let password = password(c, store)
        c.resource(file, "aws_docdb_cluster", l) {
            $0["cluster_identifier"] = .string(id)
            $0["engine"] = "docdb"
            $0["engine_version"] = .string(store.engineVersion)
            $0["master_username"] = .string(store.masterUsername ?? "app")
            if let password { $0["master_password"] = password }
            $0["port"] = .int(store.port)
            $0["storage_encrypted"] = .bool(store.encryptedAtRest)
            $0["db_subnet_group_name"] = .ref("aws_docdb_subnet_group.\(l).name")
            $0["vpc_security_group_ids"] = groups
            $0["deletion_protection"] = .bool(store.deletionProtection)
            $0["backup_retention_period"] = .int(AWSRules.clamp(store.backupRetentionDays, 1, 35))
            $0["skip_final_snapshot"] = false
            $0["final_snapshot_identifier"] = .string(String(id.prefix(54)) + "-final")
        }
        for index in 0..<max(1, store.instanceCount) {
            c.resource(file, "aws_docdb_cluster_instance", "\(l)_\(index + 1)") {
                $0["identifier"] = .string(String(id.prefix(60)) + "-\(index + 1)")
                $0["cluster_identifier"] = .ref("aws_docdb_cluster.\(l).id")
                $0["instance_class"] = .string(store.instanceClass)
                $0["auto_minor_version_upgrade"] = true
            }
        }
    }

    static func renderBroker(_ c: TFContext, _ store: DataStore) {
        let multi = store.multiAZ && store.instanceCount > 1
        let rabbit = store.engine.uppercased().contains("RABBIT")
        var subnets = NetworkLayer.subnetIDs(c, .private, onePerAZ: true)
        if !multi { subnets = Array(subnets.prefix(1)) }
        let groups = groups(c, store)
        let password = password(c, store)
        c.resource(file, "aws_mq_broker", c.label(store.name)) {
            $0["broker_name"] = c.scoped(store.name)
            $0["engine_type"] = rabbit ? "RabbitMQ" : "ActiveMQ"
            $0["engine_version"] = .string(store.engineVersion)
            $0["host_instance_type"] = .string(store.instanceClass)
            $0["deployment_mode"] = .string(multi ? (rabbit ? "CLUSTER_MULTI_AZ" : "ACTIVE_STANDBY_MULTI_AZ") : "SINGLE_INSTANCE")
            $0["publicly_accessible"] = false
            $0["auto_minor_version_upgrade"] = true
            $0["subnet_ids"] = .list(subnets.map { .expression($0) })
            $0["security_groups"] = groups
            $0.nested("user") {
                $0["username"] = .string(store.masterUsername ?? "app")
                if let password { $0["password"] = password }
            }
            $0.nested("logs") {
                $0["general"] = true
                if !rabbit { $0["audit"] = true }
            }
        }
    }

    static func renderMSK(_ c: TFContext, _ store: DataStore) {
        let subnets = NetworkLayer.subnets(c, .private, onePerAZ: true)
        let zones = max(1, NetworkLayer.subnetIDs(c, .private, onePerAZ: true).count)
        let brokers = max(zones, (store.instanceCount + zones - 1) / zones * zones)
        let groups = groups(c, store)
        c.resource(file, "aws_msk_cluster", c.label(store.name)) {
            $0["cluster_name"] = c.scoped(store.name)
            $0["kafka_version"] = .string(store.engineVersion)
            $0["number_of_broker_nodes"] = .int(brokers)
            $0.nested("broker_node_group_info") {
                $0["instance_type"] = .string(store.instanceClass)
                $0["client_subnets"] = subnets
                $0["security_groups"] = groups
                $0.nested("storage_info") {
                    $0.nested("ebs_storage_info") { $0["volume_size"] = .int(max(1, store.storageGB ?? 100)) }
                }
            }
            $0.nested("encryption_info") {
                $0.nested("encryption_in_transit") {
                    $0["client_broker"] = "TLS"
                    $0["in_cluster"] = true
                }
            }
            $0.nested("client_authentication") {
                $0.nested("sasl") { $0["iam"] = true }
            }
        }
    }

    static func renderOpenSearch(_ c: TFContext, _ store: DataStore) {
        let count = max(1, store.instanceCount)
        let zoneAware = count > 1 && store.multiAZ
        var subnets = NetworkLayer.subnetIDs(c, .private, onePerAZ: true)
        if !zoneAware { subnets = Array(subnets.prefix(1)) }
        let groups = groups(c, store)
        let principal = HCLValue.template([.text("arn:"), .interpolation(c.partition), .text(":iam::"), .interpolation(c.accountID), .text(":root")])
        let domains = TFContext.join(c.arnPrefix("es") + [.text("domain/*")])
        let name = String(DataStoreLayer.identifier(c, store, limit: 28))
        c.resource(file, "aws_opensearch_domain", c.label(store.name)) {
            $0["domain_name"] = .string(name)
            $0["engine_version"] = .string(store.engineVersion.contains("_") ? store.engineVersion : "OpenSearch_" + store.engineVersion)
            $0.nested("cluster_config") {
                $0["instance_type"] = .string(store.instanceClass)
                $0["instance_count"] = .int(count)
                if zoneAware { $0["zone_awareness_enabled"] = true }
            }
            $0.nested("ebs_options") {
                $0["ebs_enabled"] = true
                $0["volume_type"] = "gp3"
                $0["volume_size"] = .int(max(10, store.storageGB ?? 10))
            }
            $0.nested("vpc_options") {
                $0["subnet_ids"] = .list(subnets.map { .expression($0) })
                $0["security_group_ids"] = groups
            }
            $0.nested("encrypt_at_rest") { $0["enabled"] = true }
            $0.nested("node_to_node_encryption") { $0["enabled"] = true }
            $0.nested("domain_endpoint_options") {
                $0["enforce_https"] = true
                $0["tls_security_policy"] = "Policy-Min-TLS-1-2-2019-07"
            }
            $0["access_policies"] = IdentityLayer.document([[
                HCLAttribute("Effect", "Allow"), HCLAttribute("Principal", .object([HCLAttribute("AWS", principal)])),
                HCLAttribute("Action", "es:ESHttp*"), HCLAttribute("Resource", domains),
            ]])
        }
    }
}
