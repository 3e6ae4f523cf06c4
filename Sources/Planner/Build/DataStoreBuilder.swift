import Foundation
import ComposeKit
import Blueprint

/// Creates the managed element for every `datastore` verdict: databases, caches, brokers and
/// search domains here; buckets, tables and IoT Core in their own builders.
enum DataStoreBuilder {
    static func run(_ ctx: PlanningContext) {
        for f in ctx.facts {
            guard let v = ctx.verdicts[f.name], v.role == .datastore else { continue }
            switch v.target {
            case .rdsPostgresql, .rdsMysql, .auroraPostgresql, .auroraMysql: relational(f, v, ctx)
            case .elasticacheRedis, .elasticacheValkey, .elasticacheMemcached: cache(f, v, ctx)
            case .documentdb, .amazonMQ, .msk, .opensearch: other(f, v, ctx)
            default: break
            }
        }
        ObjectStorageBuilder.run(ctx)
        TableBuilder.run(ctx)
        IoTBuilder.run(ctx)
        StaticSiteBuilder.run(ctx)
    }

    static func securityGroupName(_ f: ServiceFacts) -> String { "data-\(f.shortName)" }

    private static func relational(_ f: ServiceFacts, _ v: RoleVerdict, _ ctx: PlanningContext) {
        let d = ctx.defaults
        let isPostgres = v.target == .rdsPostgresql || v.target == .auroraPostgresql
        let aurora = v.target == .auroraPostgresql || v.target == .auroraMysql
        let mariadb = f.technology?.technology == .mariadb && !aurora
        let kind = DataStoreKind(rawValue: v.target.rawValue) ?? .rdsPostgresql
        let engine = aurora ? (isPostgres ? "aurora-postgresql" : "aurora-mysql") : (isPostgres ? "postgres" : (mariadb ? "mariadb" : "mysql"))
        let (version, versionReason) = EngineVersions.relational(engine: engine, image: f.image, override: f.overrides.engineVersion)
        let env = { (names: [String]) in names.lazy.compactMap { f.service.env($0) }.first { !$0.isEmpty } }
        let dbName = env(isPostgres ? ["POSTGRES_DB", "POSTGRESQL_DATABASE", "POSTGRES_DATABASE"]
                                                            : ["MYSQL_DATABASE", "MARIADB_DATABASE"])
        let user = env(isPostgres ? ["POSTGRES_USER", "POSTGRESQL_USERNAME"] : ["MYSQL_USER", "MARIADB_USER"])
        var decisions = v.decisions
        decisions.append(Decision(topic: "engineVersion", choice: version, reason: versionReason, source: f.overrides.engineVersion != nil ? .override : .inferred,
                                  evidence: f.image != nil ? [f.evidence("image", f.service.image)] : [], overrideKey: "x-ferry.version", rule: "EngineVersions"))
        let instanceClass = f.overrides.instanceClass ?? d.dbInstanceClass
        decisions.append(f.overrides.instanceClass != nil
                         ? Decision(topic: "instanceClass", choice: instanceClass, reason: "x-ferry.instance_class", source: .override, evidence: f.overrides.overrideEvidence("instance"), overrideKey: "x-ferry.instance_class")
                         : d.decision("instanceClass", instanceClass, "smallest burstable class that suits the tier", key: "x-ferry.instance_class"))
        decisions.append(d.decision("multiAZ", String(aurora ? d.auroraInstances > 1 : d.dbMultiAZ),
                                    aurora ? "\(d.auroraInstances) instance(s) in the cluster" : (d.dbMultiAZ ? "standby in a second AZ" : "single AZ with automated backups")))
        decisions.append(d.decision("backupRetentionDays", String(d.backupDays), "automated backups kept \(d.backupDays) day(s)"))
        decisions.append(d.decision("deletionProtection", String(d.deletionProtection),
                                    d.deletionProtection ? "deletion protection and a final snapshot guard the data" : "dev data is disposable"))
        let secretName = "\(f.shortName)-master"
        ctx.blueprint.secrets.append(SecretSpec(name: secretName, secretName: "\(ctx.slug)/\(ctx.environment)/\(secretName)",
                                                description: "Master credentials of \(f.name) (created and rotated by RDS)",
                                                generation: .managed(by: f.name), consumers: ctx.clients(of: f.name)))
        let store = DataStore(name: f.name, kind: kind, engine: engine, engineVersion: version, instanceClass: instanceClass,
                              instanceCount: aurora ? d.auroraInstances : 1,
                              storageGB: aurora ? nil : (f.overrides.storageGB ?? d.dbStorageGB),
                              multiAZ: aurora ? d.auroraInstances > 1 : d.dbMultiAZ, backupRetentionDays: d.backupDays,
                              deletionProtection: d.deletionProtection, port: isPostgres ? 5432 : 3306,
                              databaseName: sanitizedDatabaseName(dbName ?? ctx.slug),
                              masterUsername: sanitizedUsername(user, mysql: !isPostgres),
                              credentialsSecret: secretName, clients: ctx.clients(of: f.name),
                              securityGroup: securityGroupName(f), decisions: decisions)
        ctx.blueprint.dataStores.append(store)
        ctx.elements[f.name] = "dataStores.\(f.name)"
    }

    private static func cache(_ f: ServiceFacts, _ v: RoleVerdict, _ ctx: PlanningContext) {
        let d = ctx.defaults
        let kind = DataStoreKind(rawValue: v.target.rawValue) ?? .elasticacheRedis
        let engine = kind == .elasticacheMemcached ? "memcached" : (kind == .elasticacheValkey ? "valkey" : "redis")
        let (version, versionReason) = EngineVersions.cache(engine: engine, image: f.image, override: f.overrides.engineVersion)
        var decisions = v.decisions
        decisions.append(Decision(topic: "engineVersion", choice: version, reason: versionReason, evidence: f.image != nil ? [f.evidence("image", f.service.image)] : [],
                                  overrideKey: "x-ferry.version", rule: "EngineVersions"))
        let nodeType = f.overrides.instanceClass ?? d.cacheNodeType
        decisions.append(d.decision("instanceClass", nodeType, "burstable node sized for the tier", key: "x-ferry.instance_class"))
        decisions.append(d.decision("nodes", String(d.cacheNodes), d.cacheNodes > 1 ? "a replica in a second AZ with automatic failover" : "one node; data is a cache"))
        var secret: String?
        if engine != "memcached" {
            let name = "\(f.shortName)-auth-token"
            secret = name
            ctx.blueprint.secrets.append(SecretSpec(name: name, secretName: "\(ctx.slug)/\(ctx.environment)/\(name)",
                                                    description: "AUTH token of \(f.name) (generated; TLS is required)",
                                                    generation: .generated(length: 32, excludePunctuation: true, jsonKey: "token"),
                                                    consumers: ctx.clients(of: f.name),
                                                    decisions: [Decision(topic: "generation", choice: "generated",
                                                                         reason: "ElastiCache AUTH needs a token of 16–128 printable characters; generated at deploy",
                                                                         rule: "RedisToElastiCache")]))
            if f.commandText.contains("--requirepass") {
                decisions.append(Decision(topic: "auth", choice: "auth-token", reason: "the compose command sets --requirepass; a generated AUTH token replaces it",
                                          evidence: [f.evidence("command", "--requirepass <redacted>")], rule: "RedisToElastiCache"))
            }
        }
        ctx.blueprint.dataStores.append(DataStore(name: f.name, kind: kind, engine: engine, engineVersion: version, instanceClass: nodeType,
                                                  instanceCount: d.cacheNodes, multiAZ: d.cacheNodes > 1, backupRetentionDays: engine == "memcached" ? 0 : (ctx.tier == .dev ? 0 : 1),
                                                  deletionProtection: false, port: engine == "memcached" ? 11211 : 6379,
                                                  credentialsSecret: secret, clients: ctx.clients(of: f.name),
                                                  securityGroup: securityGroupName(f), decisions: decisions))
        ctx.elements[f.name] = "dataStores.\(f.name)"
    }

    private static func other(_ f: ServiceFacts, _ v: RoleVerdict, _ ctx: PlanningContext) {
        let d = ctx.defaults
        guard let kind = DataStoreKind(rawValue: v.target.rawValue) else { return }
        if f.technology?.technology == .zookeeper { return }
        var store: DataStore
        var secret: String? = "\(f.shortName)-credentials"
        switch kind {
        case .documentdb:
            secret = "\(f.shortName)-master"
            ctx.blueprint.secrets.append(SecretSpec(name: secret ?? "", secretName: "\(ctx.slug)/\(ctx.environment)/\(secret ?? "")",
                                                    description: "Master password of \(f.name) (generated)",
                                                    generation: .generated(length: 32, excludePunctuation: true, jsonKey: "password"), consumers: ctx.clients(of: f.name)))
            store = DataStore(name: f.name, kind: kind, engine: "docdb", engineVersion: "5.0.0", instanceClass: d.docdbInstance,
                              instanceCount: ctx.tier == .prod ? 2 : 1, multiAZ: ctx.tier == .prod, backupRetentionDays: d.backupDays,
                              deletionProtection: d.deletionProtection, port: 27017,
                              masterUsername: sanitizedUsername(f.service.env("MONGO_INITDB_ROOT_USERNAME"), mysql: false),
                              credentialsSecret: secret)
        case .amazonMQ:
            let rabbit = f.technology?.technology == .rabbitmq
            ctx.blueprint.secrets.append(SecretSpec(name: secret ?? "", secretName: "\(ctx.slug)/\(ctx.environment)/\(secret ?? "")",
                                                    description: "Broker user of \(f.name) (generated)",
                                                    generation: .generated(length: 24, excludePunctuation: true, jsonKey: "password"),
                                                    consumers: ctx.clients(of: f.name)))
            store = DataStore(name: f.name, kind: kind, engine: rabbit ? "RabbitMQ" : "ActiveMQ", engineVersion: rabbit ? "3.13" : "5.18",
                              instanceClass: d.brokerInstance, instanceCount: ctx.tier == .prod ? (rabbit ? 3 : 2) : 1,
                              multiAZ: ctx.tier == .prod, backupRetentionDays: 0, deletionProtection: false, port: rabbit ? 5671 : 61617,
                              masterUsername: "app", credentialsSecret: secret)
        case .msk:
            secret = nil
            store = DataStore(name: f.name, kind: kind, engine: "kafka", engineVersion: "3.6.0", instanceClass: d.kafkaInstance,
                              instanceCount: ctx.defaults.azCount, storageGB: ctx.tier == .prod ? 500 : 100, multiAZ: true,
                              backupRetentionDays: 0, deletionProtection: false, port: 9098)
        case .opensearch:
            secret = nil
            store = DataStore(name: f.name, kind: kind, engine: "OpenSearch", engineVersion: "OpenSearch_2.13", instanceClass: d.searchInstance,
                              instanceCount: ctx.tier == .prod ? 2 : 1, storageGB: ctx.tier == .prod ? 100 : 20, multiAZ: ctx.tier == .prod,
                              backupRetentionDays: 0, deletionProtection: false, port: 443)
        default:
            return
        }
        store.clients = ctx.clients(of: f.name)
        store.securityGroup = securityGroupName(f)
        store.decisions = v.decisions + [d.decision("instanceClass", store.instanceClass, "sized for the tier", key: "x-ferry.instance_class")]
        if let c = f.overrides.instanceClass { store.instanceClass = c }
        ctx.blueprint.dataStores.append(store)
        ctx.elements[f.name] = "dataStores.\(f.name)"
    }

    /// RDS database names: letters, digits and underscores, starting with a letter, ≤ 63.
    static func sanitizedDatabaseName(_ raw: String) -> String {
        var s = String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        while s.first.map({ !$0.isLetter }) ?? false { s.removeFirst() }
        if s.isEmpty { s = "app" }
        return String(s.prefix(63))
    }

    /// Master user names: a letter then letters/digits/underscores; not a reserved word.
    static func sanitizedUsername(_ raw: String?, mysql: Bool) -> String {
        let reserved: Set<String> = ["postgres", "rdsadmin", "root", "admin", "mysql", "user", "master", "rdsrepladmin", "sa"]
        var s = String((raw ?? "").map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        while s.first.map({ !$0.isLetter }) ?? false { s.removeFirst() }
        if s.isEmpty || reserved.contains(s.lowercased()) { s = "app_admin" }
        return String(s.prefix(mysql ? 16 : 63))
    }
}

/// Engine versions from image tags, clamped to what the managed service offers.
enum EngineVersions {
    static func relational(engine: String, image: ImageReference?, override: String?) -> (String, String) {
        if let override { return (override, "x-ferry.version") }
        let major = image?.majorVersion.flatMap { Int($0) }
        switch engine {
        case "postgres", "aurora-postgresql":
            // Current minor of each major RDS / Aurora offers (engine_version data of cfn-lint 1.51).
            let full = engine == "postgres"
                ? [13: "13.23", 14: "14.22", 15: "15.17", 16: "16.13", 17: "17.9", 18: "18.3"]
                : [13: "13.23", 14: "14.22", 15: "15.17", 16: "16.13", 17: "17.9"]
            let supported = full.keys.sorted()
            let chosen = major.map { m in supported.contains(m) ? m : (m > (supported.last ?? 16) ? (supported.last ?? 16) : (supported.first ?? 13)) } ?? 16
            let version = full[chosen] ?? "16.13"
            let why = major.map { $0 == chosen ? "image tag major version \($0)" : "image tag \($0) mapped to the nearest supported major \(chosen)" }
                ?? "no version in the image tag: current default major \(chosen)"
            return (version, why)
        case "mariadb":
            if major == 11 { return ("11.8.6", "image tag major version 11: MariaDB 11.8") }
            return ("10.11.16", major.map { "image tag \($0): MariaDB 10.11 LTS" } ?? "no version in the image tag: MariaDB 10.11 LTS")
        case "aurora-mysql":
            return ("8.0.mysql_aurora.3.12.0", "Aurora MySQL 3 (MySQL 8.0 compatible)")
        default:
            if image?.majorMinorVersion == "8.4" || major == 9 { return ("8.4.9", "image tag \(image?.tag ?? ""): MySQL 8.4 LTS") }
            return ("8.0.46", major.map { "image tag \($0): MySQL 8.0" } ?? "no version in the image tag: MySQL 8.0")
        }
    }

    static func cache(engine: String, image: ImageReference?, override: String?) -> (String, String) {
        if let override { return (override, "x-ferry.version") }
        let major = image?.majorVersion.flatMap { Int($0) }
        switch engine {
        case "memcached": return ("1.6.22", "Memcached 1.6 (TLS capable)")
        case "valkey": return (major == 7 ? "7.2" : "8.0", major.map { "image tag major version \($0)" } ?? "no version in the image tag")
        default:
            let v = (major ?? 7) <= 6 ? "6.2" : "7.1"
            return (v, major.map { "image tag major version \($0) → Redis OSS \(v)" } ?? "no version in the image tag: Redis OSS 7.1")
        }
    }
}
