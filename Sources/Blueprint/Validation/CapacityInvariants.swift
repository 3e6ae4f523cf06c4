extension BlueprintValidator {
    /// EC2 capacity: an `ecs-ec2` workload names a capacity provider that exists and reserves GPUs;
    /// a provider places an existing workload, with a security group and an instance role that exist.
    static func capacity(_ b: Blueprint, _ out: inout [Violation]) {
        for w in b.workloads where w.target == .ecsEc2 {
            let path = "workloads[\(w.name)]"
            if w.capacityProvider.flatMap({ b.capacityProvider(named: $0) }) == nil {
                out.append(Violation(invariant: "ec2-workload-capacity", path: path + ".capacityProvider",
                                     message: "runs on ecs-ec2 but names no capacity provider of the Blueprint"))
            }
            if (w.gpuCount ?? 0) < 1 {
                out.append(Violation(invariant: "ec2-workload-capacity", path: path + ".gpuCount", message: "runs on ecs-ec2 but reserves no GPU"))
            }
        }
        for p in b.ec2CapacityProviders {
            let path = "capacityProviders[\(p.name)]"
            if b.workload(named: p.workload)?.capacityProvider != p.name {
                out.append(Violation(invariant: "capacity-provider-parts", path: path + ".workload", message: "places \(p.workload), which does not run on it"))
            }
            if !b.network.securityGroups.contains(where: { $0.name == p.securityGroup }) {
                out.append(Violation(invariant: "capacity-provider-parts", path: path + ".securityGroup", message: "security group \(p.securityGroup) is not defined"))
            }
            if b.role(named: p.instanceRole) == nil {
                out.append(Violation(invariant: "capacity-provider-parts", path: path + ".instanceRole", message: "role \(p.instanceRole) is not defined"))
            }
            if p.minSize < 0 || p.maxSize < max(1, p.minSize) {
                out.append(Violation(invariant: "capacity-provider-parts", path: path, message: "instance bounds \(p.minSize)–\(p.maxSize) hold no instance"))
            }
        }
    }
}
