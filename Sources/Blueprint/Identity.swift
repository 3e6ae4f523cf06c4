/// An IAM role with inline statements: a task execution role, a task role per workload,
/// or another service's role.
public struct IAMRole: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable {
        /// ECS agent: pulls images, reads the task's secrets, writes logs.
        case taskExecution = "task-execution"
        /// What the application's code may do.
        case task
        /// Any other service principal (scheduler, flow logs, CI).
        case service
    }
    /// Logical name (`api-task`, `execution`).
    public var name: String
    public var kind: Kind
    /// Principal service (`ecs-tasks.amazonaws.com`).
    public var assumedBy: String
    /// AWS managed policies by ARN suffix (`service-role/AmazonECSTaskExecutionRolePolicy`).
    public var managedPolicies: [String]
    public var statements: [PolicyStatement]
    /// The workload it belongs to, if one.
    public var workload: String?
    public var decisions: [Decision]

    public init(name: String, kind: Kind, assumedBy: String = "ecs-tasks.amazonaws.com", managedPolicies: [String] = [],
                statements: [PolicyStatement] = [], workload: String? = nil, decisions: [Decision] = []) {
        self.name = name
        self.kind = kind
        self.assumedBy = assumedBy
        self.managedPolicies = managedPolicies
        self.statements = statements
        self.workload = workload
        self.decisions = decisions
    }
}

/// One IAM policy statement. Resources are references so renderers emit `GetAtt`/`Sub`.
public struct PolicyStatement: Sendable, Codable, Equatable {
    public var sid: String
    /// `Allow` or `Deny`.
    public var effect: String
    /// Sorted actions (`s3:GetObject`).
    public var actions: [String]
    public var resources: [ResourceReference]
    /// Narrows the statement (e.g. EFS access only through the workload's access points).
    public var condition: PolicyCondition?
    public var decisions: [Decision]

    public init(sid: String, effect: String = "Allow", actions: [String], resources: [ResourceReference],
                condition: PolicyCondition? = nil, decisions: [Decision] = []) {
        self.sid = sid
        self.effect = effect
        self.actions = actions.sorted()
        self.resources = resources
        self.condition = condition
        self.decisions = decisions
    }
}

/// One IAM condition: `test` (`StringEquals`) on `key` against the values the references stand for.
public struct PolicyCondition: Sendable, Codable, Equatable {
    public var test: String
    public var key: String
    public var values: [ResourceReference]
    public init(test: String = "StringEquals", key: String, values: [ResourceReference]) {
        self.test = test
        self.key = key
        self.values = values
    }
}

/// An ECR repository for a built image: scan on push, keep the last `keepImages` images.
public struct ImageRepository: Sendable, Codable, Equatable {
    /// Repository name (`smartboard-gateway`).
    public var name: String
    public var workload: String
    public var scanOnPush: Bool
    public var keepImages: Int
    /// `MUTABLE` or `IMMUTABLE`.
    public var tagMutability: String
    public init(name: String, workload: String, scanOnPush: Bool = true, keepImages: Int = 10,
                tagMutability: String = "MUTABLE") {
        self.name = name
        self.workload = workload
        self.scanOnPush = scanOnPush
        self.keepImages = keepImages
        self.tagMutability = tagMutability
    }
}

/// The ECS cluster.
public struct ClusterSpec: Sendable, Codable, Equatable {
    public var name: String
    public var containerInsights: Bool
    /// Use Fargate Spot for workers and jobs.
    public var spotForWorkers: Bool
    /// An existing cluster to deploy into (`x-aws-cluster`), instead of creating one.
    public var existingClusterName: String?
    public init(name: String, containerInsights: Bool = true, spotForWorkers: Bool = false) {
        self.name = name
        self.containerInsights = containerInsights
        self.spotForWorkers = spotForWorkers
        self.existingClusterName = nil
    }
}
