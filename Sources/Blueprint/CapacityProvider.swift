/// EC2 instances ECS places tasks on, through a capacity provider, for a workload Fargate cannot
/// run (it reserves GPUs). One per workload: the instance type follows that workload's reservation.
/// The renderer writes the launch template, the Auto Scaling group and the capacity provider.
public struct EC2CapacityProvider: Sendable, Codable, Equatable {
    /// Logical name (`gpu-inference`).
    public var name: String
    /// The workload placed on it (`Blueprint.workloads[].name`).
    public var workload: String
    /// `g5.xlarge`.
    public var instanceType: String
    public var gpusPerInstance: Int
    /// Auto Scaling group bounds. No desired count: managed scaling sets it from the tasks waiting.
    public var minSize: Int
    public var maxSize: Int
    /// Public SSM parameter holding the ECS-optimized AMI to boot.
    public var amiParameter: String
    /// Encrypted gp3 root volume, GiB (images of GPU frameworks are large).
    public var rootVolumeGB: Int
    /// Managed scaling target utilisation, percent: 100 keeps no idle instance.
    public var targetCapacity: Int
    /// Security group of the instances (`NetworkPlan.securityGroups[].name`): egress only.
    public var securityGroup: String
    /// Role of the instances (`Blueprint.roles[].name`): the ECS agent's permissions.
    public var instanceRole: String
    public var decisions: [Decision]

    /// The ECS-optimized Amazon Linux 2023 AMI with the NVIDIA driver and container toolkit.
    public static let gpuAMIParameter = "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id"

    public init(name: String, workload: String, instanceType: String, gpusPerInstance: Int, minSize: Int, maxSize: Int,
                amiParameter: String = EC2CapacityProvider.gpuAMIParameter, rootVolumeGB: Int = 100, targetCapacity: Int = 100,
                securityGroup: String, instanceRole: String, decisions: [Decision] = []) {
        self.name = name
        self.workload = workload
        self.instanceType = instanceType
        self.gpusPerInstance = gpusPerInstance
        self.minSize = minSize
        self.maxSize = maxSize
        self.amiParameter = amiParameter
        self.rootVolumeGB = rootVolumeGB
        self.targetCapacity = targetCapacity
        self.securityGroup = securityGroup
        self.instanceRole = instanceRole
        self.decisions = decisions
    }
}

extension Blueprint {
    /// EC2 capacity providers (empty when every workload runs on Fargate).
    public var ec2CapacityProviders: [EC2CapacityProvider] { capacityProviders ?? [] }
    public func capacityProvider(named name: String) -> EC2CapacityProvider? { ec2CapacityProviders.first { $0.name == name } }
}

extension DeploymentTarget {
    /// A long-running ECS service, on Fargate or on EC2 capacity.
    public var isECSService: Bool { self == .ecsFargate || self == .ecsEc2 }
}
