/// An S3 bucket (replacing MinIO or a local object store, or holding static files).
/// Public access is always blocked; static sites are served through CloudFront.
public struct Bucket: Sendable, Codable, Equatable {
    /// Logical name (`datasets`).
    public var name: String
    /// Name prefix hint from the compose files (`smartboard-datasets`); the renderer adds
    /// account/region/environment to make it unique, or lets CloudFormation name it.
    public var bucketNameHint: String?
    public var versioning: Bool
    /// `AES256` (SSE-S3) or `aws:kms`.
    public var encryption: String
    public var lifecycle: [LifecycleRule]
    public var cors: [CORSRule]
    /// Workloads with read access / write access (sorted).
    public var readers: [String]
    public var writers: [String]
    /// The compose service it replaces, if any.
    public var replaces: String?
    /// Served through CloudFront (role `static`).
    public var cloudFront: Bool
    /// The host directory it replaces (`./data`), when it holds what a service bind-mounted:
    /// `ferry migrate objects --from` copies it.
    public var sourceDirectory: String?
    public var decisions: [Decision]

    public init(name: String, bucketNameHint: String? = nil, versioning: Bool = true, encryption: String = "AES256",
                lifecycle: [LifecycleRule] = [], cors: [CORSRule] = [], readers: [String] = [], writers: [String] = [],
                replaces: String? = nil, cloudFront: Bool = false, sourceDirectory: String? = nil, decisions: [Decision] = []) {
        self.name = name
        self.bucketNameHint = bucketNameHint
        self.versioning = versioning
        self.encryption = encryption
        self.lifecycle = lifecycle
        self.cors = cors
        self.readers = readers
        self.writers = writers
        self.replaces = replaces
        self.cloudFront = cloudFront
        self.sourceDirectory = sourceDirectory
        self.decisions = decisions
    }
}

/// One S3 lifecycle rule.
public struct LifecycleRule: Sendable, Codable, Equatable {
    public var id: String
    public var prefix: String?
    /// Move objects to `transitionStorageClass` after this many days.
    public var transitionDays: Int?
    public var transitionStorageClass: String?
    /// Delete objects after this many days.
    public var expirationDays: Int?
    /// Delete noncurrent versions after this many days.
    public var noncurrentExpirationDays: Int?
    /// Abort incomplete multipart uploads after this many days.
    public var abortIncompleteUploadDays: Int?

    public init(id: String, prefix: String? = nil, transitionDays: Int? = nil, transitionStorageClass: String? = nil,
                expirationDays: Int? = nil, noncurrentExpirationDays: Int? = nil, abortIncompleteUploadDays: Int? = nil) {
        self.id = id
        self.prefix = prefix
        self.transitionDays = transitionDays
        self.transitionStorageClass = transitionStorageClass
        self.expirationDays = expirationDays
        self.noncurrentExpirationDays = noncurrentExpirationDays
        self.abortIncompleteUploadDays = abortIncompleteUploadDays
    }
}

/// One CORS rule (browsers uploading with presigned URLs).
public struct CORSRule: Sendable, Codable, Equatable {
    public var allowedOrigins: [String]
    public var allowedMethods: [String]
    public var allowedHeaders: [String]
    public var maxAgeSeconds: Int
    public init(allowedOrigins: [String], allowedMethods: [String], allowedHeaders: [String] = ["*"], maxAgeSeconds: Int = 3600) {
        self.allowedOrigins = allowedOrigins
        self.allowedMethods = allowedMethods
        self.allowedHeaders = allowedHeaders
        self.maxAgeSeconds = maxAgeSeconds
    }
}

/// A DynamoDB table. Keys come from `x-ferry.dynamodb.tables` or a flagged default
/// (`keysAreDefault`), which the plan reports as a finding.
public struct DynamoDBTable: Sendable, Codable, Equatable {
    /// Logical name.
    public var name: String
    /// Table name the app uses (from env such as `DYNAMODB_TABLE`), nil to let CloudFormation name it.
    public var tableName: String?
    public var partitionKey: KeyAttribute
    public var sortKey: KeyAttribute?
    /// `PAY_PER_REQUEST` or `PROVISIONED`.
    public var billingMode: String
    public var pointInTimeRecovery: Bool
    public var deletionProtection: Bool
    /// True when the keys are ferry's guess, not the user's.
    public var keysAreDefault: Bool
    /// TTL attribute name, if any.
    public var ttlAttribute: String?
    /// Workloads that read and write it (sorted).
    public var clients: [String]
    /// The compose service it replaces (`dynamodb-local`).
    public var replaces: String?
    public var decisions: [Decision]

    public init(name: String, tableName: String? = nil, partitionKey: KeyAttribute, sortKey: KeyAttribute? = nil,
                billingMode: String = "PAY_PER_REQUEST", pointInTimeRecovery: Bool = true, deletionProtection: Bool = true,
                keysAreDefault: Bool = false, ttlAttribute: String? = nil, clients: [String] = [], replaces: String? = nil,
                decisions: [Decision] = []) {
        self.name = name
        self.tableName = tableName
        self.partitionKey = partitionKey
        self.sortKey = sortKey
        self.billingMode = billingMode
        self.pointInTimeRecovery = pointInTimeRecovery
        self.deletionProtection = deletionProtection
        self.keysAreDefault = keysAreDefault
        self.ttlAttribute = ttlAttribute
        self.clients = clients
        self.replaces = replaces
        self.decisions = decisions
    }
}

/// A key attribute: name and DynamoDB type (`S`, `N`, `B`).
public struct KeyAttribute: Sendable, Codable, Equatable {
    public var name: String
    public var type: String
    public init(name: String, type: String = "S") {
        self.name = name
        self.type = type
    }
}

/// AWS IoT Core replacing an MQTT broker: a thing type for devices and a policy that lets
/// each device connect as itself and use only its own topics.
public struct IoTCoreSetup: Sendable, Codable, Equatable {
    /// The compose service it replaces (`mosquitto`).
    public var replaces: String
    public var thingTypeName: String
    public var policyName: String
    /// Topic filters devices may publish/subscribe to; `${iot:Connection.Thing.ThingName}`
    /// scopes them to the device's own thing.
    public var topics: [String]
    /// Workloads that talk to the broker (they get `iot:Publish`/`Subscribe`/`Receive` in their task role).
    public var clients: [String]
    /// MQTT over TLS on 8883 (and WebSockets on 443); plaintext 1883 does not exist on IoT Core.
    public var port: Int
    /// From the broker's ACL, when it tells reading from writing: what devices may publish, and what
    /// they may subscribe to and receive. Empty: `topics` serves both.
    public var publishTopics: [String]
    public var subscribeTopics: [String]
    /// Device names the broker knew (password file, ACL `user` lines): each becomes a thing with
    /// `ferry iot add-device NAME`.
    public var devices: [String]
    /// Where device messages go: one rule per service that read them from the broker.
    public var rules: [IoTTopicRule]
    public var decisions: [Decision]

    public init(replaces: String, thingTypeName: String, policyName: String, topics: [String] = [],
                clients: [String] = [], port: Int = 8883, publishTopics: [String] = [], subscribeTopics: [String] = [],
                devices: [String] = [], rules: [IoTTopicRule] = [], decisions: [Decision] = []) {
        self.rules = rules
        self.publishTopics = publishTopics
        self.subscribeTopics = subscribeTopics
        self.devices = devices
        self.replaces = replaces
        self.thingTypeName = thingTypeName
        self.policyName = policyName
        self.topics = topics
        self.clients = clients
        self.port = port
        self.decisions = decisions
    }
}
