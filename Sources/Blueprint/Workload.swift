/// A container workload on ECS (Fargate, or EC2 GPU capacity for `ecs-ec2`): a long-running service (`web`, `internal`,
/// `worker`) or a task that runs to completion (`job`). Everything a renderer needs to
/// write the task definition, service and scaling is here.
public struct Workload: Sendable, Codable, Equatable {
    /// The compose service name.
    public var name: String
    /// Short name used in AWS names and Cloud Map (`svc-auth` for `smartboard-svc-auth`).
    public var shortName: String
    public var role: ServiceRole
    /// `ecs-fargate` (service), `ecs-ec2` (service on GPU instances) or `ecs-fargate-task` (job).
    public var target: DeploymentTarget
    public var image: ImageSource
    public var size: TaskSize
    public var capacity: Capacity
    public var scaling: ScalingPolicy?
    public var ports: [ContainerPort]
    public var healthCheck: ContainerHealthCheck?
    /// Sorted by name.
    public var environment: [EnvVar]
    public var command: [String]?
    public var entrypoint: [String]?
    public var workingDirectory: String?
    public var user: String?
    /// Seconds ECS waits after SIGTERM (compose `stop_grace_period`), capped at 120.
    public var stopTimeout: Int?
    public var readonlyRootFilesystem: Bool
    /// Name of the task role in `Blueprint.roles`.
    public var taskRole: String
    /// Name of the execution role in `Blueprint.roles` (pulls images, reads secrets, writes logs).
    public var executionRole: String
    /// Name of the log group in `Blueprint.logGroups`.
    public var logGroup: String
    /// Security group (`NetworkPlan.securityGroups[].name`).
    public var securityGroup: String?
    /// Jobs: when to run (`rate(1 day)`, `cron(0 3 * * ? *)`); nil runs once per deploy or by hand.
    public var schedule: String?
    /// Reached through the public load balancer.
    public var isPublic: Bool
    /// Cloud Map name inside `Blueprint.serviceDiscovery` (`svc-auth`), when others call it.
    public var discoveryName: String?
    /// Other workloads that must be running first (compose `depends_on` among deployed services).
    public var dependsOn: [String]
    /// Scratch volumes (compose named volumes / tmpfs) mounted as task ephemeral storage.
    public var scratchVolumes: [ScratchVolume]
    /// Named volumes kept on EFS (`Blueprint.fileSystems`), by container path.
    public var fileMounts: [FileMount]
    /// Rolling-deployment settings.
    public var deployment: DeploymentSettings
    /// GPUs the task reserves (ECS `ResourceRequirements` GPU); nil: none.
    public var gpuCount: Int? = nil
    /// The EC2 capacity provider it runs on (`Blueprint.capacityProviders[].name`), for target `ecs-ec2`.
    public var capacityProvider: String? = nil
    public var decisions: [Decision]

    public init(name: String, shortName: String? = nil, role: ServiceRole, target: DeploymentTarget = .ecsFargate,
                image: ImageSource, size: TaskSize = TaskSize(cpu: 256, memory: 512), capacity: Capacity = Capacity(),
                scaling: ScalingPolicy? = nil, ports: [ContainerPort] = [], healthCheck: ContainerHealthCheck? = nil,
                environment: [EnvVar] = [], command: [String]? = nil, entrypoint: [String]? = nil,
                workingDirectory: String? = nil, user: String? = nil, stopTimeout: Int? = nil,
                readonlyRootFilesystem: Bool = false, taskRole: String, executionRole: String, logGroup: String,
                securityGroup: String? = nil, schedule: String? = nil, isPublic: Bool = false,
                discoveryName: String? = nil, dependsOn: [String] = [], scratchVolumes: [ScratchVolume] = [],
                decisions: [Decision] = []) {
        self.name = name
        self.shortName = shortName ?? name
        self.role = role
        self.target = target
        self.image = image
        self.size = size
        self.capacity = capacity
        self.scaling = scaling
        self.ports = ports
        self.healthCheck = healthCheck
        self.environment = environment
        self.command = command
        self.entrypoint = entrypoint
        self.workingDirectory = workingDirectory
        self.user = user
        self.stopTimeout = stopTimeout
        self.readonlyRootFilesystem = readonlyRootFilesystem
        self.taskRole = taskRole
        self.executionRole = executionRole
        self.logGroup = logGroup
        self.securityGroup = securityGroup
        self.schedule = schedule
        self.isPublic = isPublic
        self.discoveryName = discoveryName
        self.dependsOn = dependsOn
        self.scratchVolumes = scratchVolumes
        self.fileMounts = []
        self.deployment = DeploymentSettings()
        self.decisions = decisions
    }

    /// The port the load balancer or Cloud Map sends traffic to (the first port).
    public var primaryPort: Int? { ports.first?.port }
}

/// Where a workload's image comes from: a public/private registry image, or built from
/// source and pushed to an ECR repository (named in `Blueprint.repositories`).
public struct ImageSource: Sendable, Codable, Equatable {
    /// Registry image reference (`nginx:1.27`), when not built.
    public var image: String?
    /// Build recipe, when built from source.
    public var build: BuildRecipe?
    /// ECR repository name (`Blueprint.repositories[].name`) for built images.
    public var repository: String?
    /// Template parameter carrying the image tag of a built image (e.g. `ApiImageTag`).
    public var tagParameter: String?
    /// Secrets Manager ARN with registry credentials for a private registry (`x-aws-pull_credentials`).
    public var pullCredentialsSecret: String?

    public init(image: String? = nil, build: BuildRecipe? = nil, repository: String? = nil, tagParameter: String? = nil) {
        self.image = image
        self.build = build
        self.repository = repository
        self.tagParameter = tagParameter
        self.pullCredentialsSecret = nil
    }
}

/// How to build an image (for CI workflows and the guide), paths relative to the project.
public struct BuildRecipe: Sendable, Codable, Equatable {
    public var context: String
    public var dockerfile: String?
    public var target: String?
    /// Build-arg names (values are not kept: they may be secret).
    public var args: [String]
    public var platform: String?
    public init(context: String, dockerfile: String? = nil, target: String? = nil, args: [String] = [], platform: String? = nil) {
        self.context = context
        self.dockerfile = dockerfile
        self.target = target
        self.args = args
        self.platform = platform
    }
}

/// Fargate task size: CPU units and memory MiB, always a valid Fargate pair.
public struct TaskSize: Sendable, Codable, Equatable, Hashable {
    public var cpu: Int
    public var memory: Int
    public init(cpu: Int, memory: Int) {
        self.cpu = cpu
        self.memory = memory
    }
}

/// How many tasks run: desired at deploy, and the autoscaling bounds.
public struct Capacity: Sendable, Codable, Equatable {
    public var desired: Int
    public var minimum: Int
    public var maximum: Int
    public init(desired: Int = 1, minimum: Int = 1, maximum: Int = 1) {
        self.desired = desired
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// A target-tracking scaling policy.
public struct ScalingPolicy: Sendable, Codable, Equatable {
    public enum Metric: String, Sendable, Codable, Equatable {
        /// `ECSServiceAverageCPUUtilization`
        case cpu
        /// `ECSServiceAverageMemoryUtilization`
        case memory
        /// `ALBRequestCountPerTarget`
        case requests
    }
    public var metric: Metric
    /// Target value: percent for cpu/memory, requests per target per minute for requests.
    public var targetValue: Double
    public var scaleInCooldown: Int
    public var scaleOutCooldown: Int
    public init(metric: Metric = .cpu, targetValue: Double = 70, scaleInCooldown: Int = 300, scaleOutCooldown: Int = 60) {
        self.metric = metric
        self.targetValue = targetValue
        self.scaleInCooldown = scaleInCooldown
        self.scaleOutCooldown = scaleOutCooldown
    }
}

/// A container port.
public struct ContainerPort: Sendable, Codable, Equatable {
    public var port: Int
    /// `tcp` or `udp`.
    public var proto: String
    /// `http`, `grpc`, `tcp`... when known.
    public var appProtocol: String?
    public init(port: Int, proto: String = "tcp", appProtocol: String? = nil) {
        self.port = port
        self.proto = proto
        self.appProtocol = appProtocol
    }
}

/// A container health check (ECS `HealthCheck`), from the compose healthcheck.
public struct ContainerHealthCheck: Sendable, Codable, Equatable {
    /// `["CMD", ...]` or `["CMD-SHELL", "..."]`.
    public var command: [String]
    public var interval: Int
    public var timeout: Int
    public var retries: Int
    public var startPeriod: Int
    public init(command: [String], interval: Int = 30, timeout: Int = 5, retries: Int = 3, startPeriod: Int = 0) {
        self.command = command
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.startPeriod = startPeriod
    }
}

/// Task-local scratch space replacing a compose volume that needs no persistence.
public struct ScratchVolume: Sendable, Codable, Equatable {
    public var name: String
    public var containerPath: String
    public var readOnly: Bool
    public init(name: String, containerPath: String, readOnly: Bool = false) {
        self.name = name
        self.containerPath = containerPath
        self.readOnly = readOnly
    }
}

/// ECS rolling-deployment settings (`x-aws-min_percent`, `x-aws-max_percent`).
public struct DeploymentSettings: Sendable, Codable, Equatable {
    public var minimumHealthyPercent: Int
    public var maximumPercent: Int
    /// Deployment circuit breaker with rollback.
    public var circuitBreaker: Bool
    public init(minimumHealthyPercent: Int = 100, maximumPercent: Int = 200, circuitBreaker: Bool = true) {
        self.minimumHealthyPercent = minimumHealthyPercent
        self.maximumPercent = maximumPercent
        self.circuitBreaker = circuitBreaker
    }
}

extension Blueprint {
    /// Services (not one-off jobs) that run an image built from the project's source: they cannot
    /// start before the image is in ECR, so templates let a first deploy hold them at 0 tasks.
    public var hasBuiltServices: Bool {
        workloads.contains { $0.image.repository != nil && ($0.target == .ecsFargate || $0.target == .ecsEc2) }
    }

    /// One workload per ECR repository the project builds (the first by name): workloads that share an
    /// image (a training job beside its service) are built and pushed once.
    public var imageBuilders: [Workload] {
        var seen: Set<String> = []
        return workloads.sorted { $0.name < $1.name }.filter { w in
            guard let repository = w.image.repository else { return false }
            return seen.insert(repository).inserted
        }
    }
}
