/// AWS Batch capacity for training and batch jobs (`target: batch`): a Spot compute environment
/// first and an on-demand one when Spot has no capacity, both scaling from zero, behind one job
/// queue. Each job is a job definition (`Blueprint.workloads` with target `batch`).
public struct BatchEnvironment: Sendable, Codable, Equatable {
    /// Logical name (`jobs`).
    public var name: String
    /// Instance families Batch may choose from (`c6i`, `m6i`, `r6i`; `g5` for GPUs): several
    /// families widen the Spot pools and cut interruptions.
    public var instanceTypes: [String]
    /// Upper bound of the vCPUs running at once, per compute environment.
    public var maxvCpus: Int
    /// Spot first with an on-demand fallback; false: on-demand only.
    public var spot: Bool
    /// GPU instances (the ECS GPU-optimized AMI).
    public var gpu: Bool
    /// Security group of the instances (`NetworkPlan.securityGroups[].name`): egress only.
    public var securityGroup: String
    /// Role of the instances (`Blueprint.roles[].name`): the ECS agent's permissions; jobs keep their own roles.
    public var instanceRole: String
    /// Encrypted root volume, GiB (framework images are large).
    public var rootVolumeGB: Int
    /// A job attempt is stopped after this long.
    public var attemptTimeoutSeconds: Int
    /// Attempts per job: Spot reclaims are retried, application failures are not.
    public var attempts: Int
    public var decisions: [Decision]

    public init(name: String = "jobs", instanceTypes: [String], maxvCpus: Int, spot: Bool = true, gpu: Bool = false,
                securityGroup: String = "batch-instances", instanceRole: String = "batch-instance", rootVolumeGB: Int = 100,
                attemptTimeoutSeconds: Int = 86_400, attempts: Int = 3, decisions: [Decision] = []) {
        self.name = name
        self.instanceTypes = instanceTypes
        self.maxvCpus = maxvCpus
        self.spot = spot
        self.gpu = gpu
        self.securityGroup = securityGroup
        self.instanceRole = instanceRole
        self.rootVolumeGB = rootVolumeGB
        self.attemptTimeoutSeconds = attemptTimeoutSeconds
        self.attempts = attempts
        self.decisions = decisions
    }
}

extension Blueprint {
    /// Workloads run as AWS Batch jobs.
    public var batchJobs: [Workload] { workloads.filter { $0.target == .batch } }
}
