/// The intermediate representation every output reads: what to build on AWS for one
/// project, tier and region, with the decisions behind each element. Plain values, no I/O;
/// arrays are kept in a deterministic order (by name) so encodings are byte-stable.
public struct Blueprint: Sendable, Codable, Equatable {
    /// Version of this structure; bumped on incompatible changes.
    public var formatVersion: Int
    /// Project name (lowercase, used as a prefix of AWS names).
    public var project: String
    /// Environment name used in AWS names and tags (`mvp`, `prod`, or `x-ferry.environment`).
    public var environment: String
    public var tier: Tier
    public var region: String
    /// Tags for every resource (Project, Environment, ManagedBy, plus `x-ferry.tags`), sorted by key.
    public var tags: [Tag]
    /// Per compose service: role, target, reasons and dropped keys (sorted by name).
    public var services: [ServicePlan]
    public var network: NetworkPlan
    /// The ECS cluster; nil when nothing runs on ECS.
    public var cluster: ClusterSpec?
    public var workloads: [Workload]
    /// EC2 capacity for workloads Fargate cannot run (GPUs), by name; nil when there is none, so a
    /// plan without any reads as before.
    public var capacityProviders: [EC2CapacityProvider]?
    /// AWS Batch capacity for training and batch jobs; nil when no job runs on Batch.
    public var batch: BatchEnvironment?
    public var repositories: [ImageRepository]
    public var loadBalancer: LoadBalancer?
    /// Public ports that are not HTTP; nil when there are none.
    public var networkLoadBalancer: NetworkLoadBalancer?
    public var serviceDiscovery: ServiceDiscoveryNamespace?
    public var dataStores: [DataStore]
    public var buckets: [Bucket]
    public var tables: [DynamoDBTable]
    /// EFS file systems for the named volumes of container workloads.
    public var fileSystems: [FileSystem]
    public var iot: IoTCoreSetup?
    /// Cognito user pools replacing a hosted identity provider; nil when there are none.
    public var userPools: [UserPool]?
    /// SNS topics with their SQS subscriptions (replacing Cloud Pub/Sub); nil when there are none.
    public var messageTopics: [MessageTopic]?
    /// Code the app must change for services replaced by AWS ones (by service, then `from`); nil when none.
    public var codeChanges: [CodeChange]?
    public var secrets: [SecretSpec]
    public var parameters: [ParameterSpec]
    public var roles: [IAMRole]
    public var logGroups: [LogGroup]
    public var alarms: [Alarm]
    public var alarmTopic: NotificationTopic?
    public var dashboard: Dashboard?
    public var budget: Budget?
    public var outputs: [OutputSpec]
    /// Planner findings (dev-only flags, flagged defaults, dropped keys that matter).
    public var findings: [Finding]
    /// Project-wide decisions (tier, region, environment name).
    public var decisions: [Decision]
    /// Planner notes that are not findings (e.g. "3 services share one log retention").
    public var notes: [String]
    /// A CloudFormation fragment merged over the rendered template (`x-aws-cloudformation`).
    public var templateOverlay: JSONValue?
    /// Overlay resource keys written against Docker's ECS integration (`WebTCP80TargetGroup`) →
    /// the element whose resource they patch; renderers turn it into their own logical ID.
    public var templateOverlayTargets: [String: OverlayTarget]?

    public init(project: String, environment: String? = nil, tier: Tier = .mvp, region: String = "us-east-1",
                tags: [Tag] = [], services: [ServicePlan] = [], network: NetworkPlan = NetworkPlan(),
                cluster: ClusterSpec? = nil, workloads: [Workload] = [], repositories: [ImageRepository] = [],
                loadBalancer: LoadBalancer? = nil, serviceDiscovery: ServiceDiscoveryNamespace? = nil,
                dataStores: [DataStore] = [], buckets: [Bucket] = [], tables: [DynamoDBTable] = [],
                fileSystems: [FileSystem] = [], iot: IoTCoreSetup? = nil, secrets: [SecretSpec] = [], parameters: [ParameterSpec] = [],
                roles: [IAMRole] = [], logGroups: [LogGroup] = [], alarms: [Alarm] = [],
                alarmTopic: NotificationTopic? = nil, dashboard: Dashboard? = nil, budget: Budget? = nil,
                outputs: [OutputSpec] = [], findings: [Finding] = [], decisions: [Decision] = [], notes: [String] = []) {
        self.formatVersion = 1
        self.project = project
        self.environment = environment ?? tier.rawValue
        self.tier = tier
        self.region = region
        self.tags = tags
        self.services = services
        self.network = network
        self.cluster = cluster
        self.workloads = workloads
        self.repositories = repositories
        self.loadBalancer = loadBalancer
        self.serviceDiscovery = serviceDiscovery
        self.dataStores = dataStores
        self.buckets = buckets
        self.tables = tables
        self.fileSystems = fileSystems
        self.iot = iot
        self.secrets = secrets
        self.parameters = parameters
        self.roles = roles
        self.logGroups = logGroups
        self.alarms = alarms
        self.alarmTopic = alarmTopic
        self.dashboard = dashboard
        self.budget = budget
        self.outputs = outputs
        self.findings = findings
        self.decisions = decisions
        self.notes = notes
        self.templateOverlay = nil
        self.templateOverlayTargets = nil
        self.networkLoadBalancer = nil
        self.capacityProviders = nil
        self.batch = nil
        self.userPools = nil
        self.messageTopics = nil
        self.codeChanges = nil
    }

    // Lookups by name for renderers.
    public func workload(named name: String) -> Workload? { workloads.first { $0.name == name } }
    public func dataStore(named name: String) -> DataStore? { dataStores.first { $0.name == name } }
    public func secret(named name: String) -> SecretSpec? { secrets.first { $0.name == name } }
    public func parameter(named name: String) -> ParameterSpec? { parameters.first { $0.name == name } }
    public func role(named name: String) -> IAMRole? { roles.first { $0.name == name } }
    public func bucket(named name: String) -> Bucket? { buckets.first { $0.name == name } }
    public func table(named name: String) -> DynamoDBTable? { tables.first { $0.name == name } }
    public func messageTopic(named name: String) -> MessageTopic? { messageTopics?.first { $0.name == name } }
    /// A subscription by name, with the topic it belongs to.
    public func subscription(named name: String) -> (topic: MessageTopic, subscription: MessageSubscription)? {
        for t in messageTopics ?? [] { if let s = t.subscriptions.first(where: { $0.name == name }) { return (t, s) } }
        return nil
    }
    public func fileSystem(named name: String) -> FileSystem? { fileSystems.first { $0.name == name } }
    public func servicePlan(named name: String) -> ServicePlan? { services.first { $0.name == name } }
}

/// The resource an overlay entry patches: an element's resource (`name` + `suffix`, as the
/// renderer names it: workload `web` + `Service`) or one of the renderer's singletons (`fixed`).
public struct OverlayTarget: Sendable, Codable, Equatable {
    public var name: String
    public var suffix: String
    public var fixed: Bool

    public init(name: String, suffix: String, fixed: Bool = false) {
        self.name = name
        self.suffix = suffix
        self.fixed = fixed
    }
}
