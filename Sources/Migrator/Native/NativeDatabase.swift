/// What ferry knows about a database to move with AWS DMS. Passwords are never part of it: the
/// source password is a NoEcho parameter typed at deploy time, the target's credentials stay in the
/// stack's Secrets Manager secret.
public struct NativeDatabase: Sendable, Equatable {
    public enum Engine: String, Sendable, Equatable, CaseIterable {
        case postgres, mysql, mariadb

        /// The DMS `EngineName`: MariaDB is served by the MySQL engine.
        var dmsEngineName: String { self == .postgres ? "postgres" : "mysql" }
        var defaultPort: Int { self == .postgres ? 5432 : 3306 }
        /// The plan `kind`.
        var kind: String { self == .postgres ? "postgres" : "mysql" }
    }

    /// The Compose side, as far as it is known.
    public struct Source: Sendable, Equatable {
        /// A host name or address the replication instance can reach (public endpoint, VPN, Direct Connect).
        public var host: String?
        public var port: Int?
        public var database: String?
        public var username: String?
        /// Connect with TLS (`SslMode: require`). Off by default: a Compose database rarely has a certificate.
        public var requireTLS: Bool

        public init(host: String? = nil, port: Int? = nil, database: String? = nil, username: String? = nil, requireTLS: Bool = false) {
            self.host = host
            self.port = port
            self.database = database
            self.username = username
            self.requireTLS = requireTLS
        }
    }

    /// The stack's database.
    public struct Target: Sendable, Equatable {
        /// The database name inside the stack's instance; defaults to the source's.
        public var database: String?
        /// The stack output holding the ARN of the database credentials secret (JSON keys
        /// username, password, host, port).
        public var secretOutput: String
        /// The instance's endpoint, when known; used by the post-cutover commands.
        public var host: String?
        public var port: Int?

        /// The stack output holding the instance's endpoint address (when `host` is not given).
        public var endpointOutput: String
        /// Where the replication instance runs: the private subnets and the security group of a service
        /// the database already admits (the stack's `<Store>MigrationNetwork` output), when known.
        public var subnetIds: [String] = []
        public var securityGroupIds: [String] = []

        public init(database: String? = nil, secretOutput: String, endpointOutput: String? = nil, host: String? = nil, port: Int? = nil) {
            self.database = database
            self.secretOutput = secretOutput
            self.endpointOutput = endpointOutput ?? (secretOutput.hasSuffix("CredentialsSecret")
                ? String(secretOutput.dropLast("CredentialsSecret".count)) + "Endpoint" : secretOutput + "Endpoint")
            self.host = host
            self.port = port
        }
    }

    public var engine: Engine
    /// The logical store name, e.g. `db`; names the files and the DMS stack.
    public var store: String
    /// The deployed application stack.
    public var stackName: String
    /// The database size in bytes, when probed; sizes the replication instance.
    public var sizeBytes: Int64?
    public var source: Source
    public var target: Target

    public init(engine: Engine, store: String, stackName: String, sizeBytes: Int64? = nil, source: Source, target: Target) {
        self.engine = engine
        self.store = store
        self.stackName = stackName
        self.sizeBytes = sizeBytes
        self.source = source
        self.target = target
    }
}
