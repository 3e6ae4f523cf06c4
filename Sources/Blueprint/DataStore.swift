/// The kind of managed data service replacing a compose datastore container.
/// Raw values are the plan's target vocabulary.
public enum DataStoreKind: String, Sendable, Codable, Equatable, CaseIterable {
    case rdsPostgresql = "rds-postgresql"
    case rdsMysql = "rds-mysql"
    case auroraPostgresql = "aurora-postgresql"
    case auroraMysql = "aurora-mysql"
    case elasticacheRedis = "elasticache-redis"
    case elasticacheValkey = "elasticache-valkey"
    case elasticacheMemcached = "elasticache-memcached"
    case documentdb
    case amazonMQ = "amazon-mq"
    case msk
    case opensearch

    public var target: DeploymentTarget { DeploymentTarget(rawValue: rawValue) ?? .none }
    public var isRelational: Bool {
        [.rdsPostgresql, .rdsMysql, .auroraPostgresql, .auroraMysql].contains(self)
    }
    public var isAurora: Bool { self == .auroraPostgresql || self == .auroraMysql }
    public var isCache: Bool { [.elasticacheRedis, .elasticacheValkey, .elasticacheMemcached].contains(self) }
}

/// Who owns a relational store's master password. ECS reads secrets when a task starts, and a
/// connection string composed at deploy time holds the password itself: both go stale when the
/// service rotates the password, so the plan decides per store (see `CredentialOwnership`).
public enum StoreCredentials: String, Sendable, Codable, Equatable {
    /// RDS creates the password (`ManageMasterUserPassword`) and rotates it every 7 days.
    case service = "rds-managed"
    /// The template generates the password once, with URL-safe characters; it changes only when
    /// someone rotates it deliberately (new secret value, stack update, new deployment).
    case template = "generated"
}

/// A managed database, cache, broker or search domain. Sizes and protection come from
/// the tier; `clients` are the workloads that connect (security-group rules, env rewrites).
public struct DataStore: Sendable, Codable, Equatable {
    /// The compose service it replaces.
    public var name: String
    public var kind: DataStoreKind
    /// Engine as the AWS API names it: `postgres`, `aurora-postgresql`, `mysql`, `redis`,
    /// `valkey`, `memcached`, `docdb`, `RabbitMQ`, `kafka`, `OpenSearch`.
    public var engine: String
    public var engineVersion: String
    /// `db.t4g.micro`, `cache.t4g.small`, `mq.t3.micro`, `kafka.t3.small`, `t3.small.search`.
    public var instanceClass: String
    /// Instances / cache nodes / brokers.
    public var instanceCount: Int
    /// Allocated storage in GiB (RDS, OpenSearch, MSK); nil where storage grows by itself.
    public var storageGB: Int?
    public var multiAZ: Bool
    public var backupRetentionDays: Int
    public var deletionProtection: Bool
    public var encryptedAtRest: Bool
    public var encryptedInTransit: Bool
    public var port: Int
    /// Initial database name (relational stores).
    public var databaseName: String?
    public var masterUsername: String?
    /// The secret holding credentials or the auth token (`Blueprint.secrets[].name`); for RDS
    /// with `ManageMasterUserPassword` it names the RDS-managed secret.
    public var credentialsSecret: String?
    /// Who creates (and rotates) the master password of a relational store.
    public var credentials: StoreCredentials
    /// Workloads that connect (`Blueprint.workloads[].name`), sorted.
    public var clients: [String]
    /// Security group (`NetworkPlan.securityGroups[].name`).
    public var securityGroup: String?
    /// Engine parameters (e.g. `shared_preload_libraries`), sorted by key.
    public var parameters: [String: String]
    public var decisions: [Decision]

    public init(name: String, kind: DataStoreKind, engine: String, engineVersion: String, instanceClass: String,
                instanceCount: Int = 1, storageGB: Int? = nil, multiAZ: Bool = false, backupRetentionDays: Int = 7,
                deletionProtection: Bool = true, encryptedAtRest: Bool = true, encryptedInTransit: Bool = true,
                port: Int, databaseName: String? = nil, masterUsername: String? = nil,
                credentialsSecret: String? = nil, credentials: StoreCredentials = .service, clients: [String] = [], securityGroup: String? = nil,
                parameters: [String: String] = [:], decisions: [Decision] = []) {
        self.name = name
        self.kind = kind
        self.engine = engine
        self.engineVersion = engineVersion
        self.instanceClass = instanceClass
        self.instanceCount = instanceCount
        self.storageGB = storageGB
        self.multiAZ = multiAZ
        self.backupRetentionDays = backupRetentionDays
        self.deletionProtection = deletionProtection
        self.encryptedAtRest = encryptedAtRest
        self.encryptedInTransit = encryptedInTransit
        self.port = port
        self.databaseName = databaseName
        self.masterUsername = masterUsername
        self.credentialsSecret = credentialsSecret
        self.credentials = credentials
        self.clients = clients
        self.securityGroup = securityGroup
        self.parameters = parameters
        self.decisions = decisions
    }
}
