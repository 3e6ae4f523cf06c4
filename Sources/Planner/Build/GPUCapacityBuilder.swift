import ComposeKit
import Blueprint

/// A service that reserves GPUs (`deploy.resources.reservations.devices` with capability `gpu`, or
/// `gpus:`) cannot run on Fargate, which has none. It becomes an ECS service (`ecs-ec2`) on EC2 GPU
/// instances of its own capacity provider, sized from the reservation, with per-tier bounds. Jobs that
/// reserve GPUs run on AWS Batch instead (`TrainingJobs`).
/// `run` follows `WorkloadBuilder`; `attach` follows `IdentityBuilder`, which writes the network
/// and the roles afresh, to add the instances' security group and role.
enum GPUCapacityBuilder {
    static let rule = "GPUCapacityBuilder"

    static func run(_ ctx: PlanningContext) {
        var providers: [EC2CapacityProvider] = []
        for i in ctx.blueprint.workloads.indices {
            let w = ctx.blueprint.workloads[i]
            guard let f = ctx.facts(w.name), w.target != .batch else { continue }
            guard let request = GPURequest(f) else {
                if w.target == .ecsEc2 { fallBackToFargate(&ctx.blueprint.workloads[i], f, ctx) }
                continue
            }
            providers.append(place(&ctx.blueprint.workloads[i], f, request, ctx))
        }
        if !providers.isEmpty { ctx.blueprint.capacityProviders = providers.sorted { $0.name < $1.name } }
    }

    /// The instances' security group (egress only: the ECS agent, ECR and CloudWatch) and role.
    static func attach(_ ctx: PlanningContext) {
        guard let first = ctx.blueprint.ec2CapacityProviders.first else { return }
        if !ctx.blueprint.network.securityGroups.contains(where: { $0.name == first.securityGroup }) {
            ctx.blueprint.network.securityGroups.append(SecurityGroup(name: first.securityGroup, description: "GPU container instances: no inbound, egress to the ECS and ECR APIs"))
        }
        if ctx.blueprint.role(named: first.instanceRole) == nil {
            ctx.blueprint.roles.append(IAMRole(name: first.instanceRole, kind: .service, assumedBy: "ec2.amazonaws.com",
                                               managedPolicies: ["service-role/AmazonEC2ContainerServiceforEC2Role"],
                                               decisions: [Decision(topic: "instanceRole", choice: "AmazonEC2ContainerServiceforEC2Role",
                                                                    reason: "the ECS agent on the GPU instances registers them with the cluster and pulls task images; the tasks keep their own roles",
                                                                    rule: rule)]))
        }
    }

    // MARK: placement

    private static func place(_ w: inout Workload, _ f: ServiceFacts, _ request: GPURequest, _ ctx: PlanningContext) -> EC2CapacityProvider {
        let (instance, task, sizeDecision) = size(f, request, ctx)
        w.target = .ecsEc2
        w.gpuCount = request.count
        w.size = task
        let name = "gpu-\(w.shortName)"
        w.capacityProvider = name
        let target = Decision(topic: "target", choice: DeploymentTarget.ecsEc2.rawValue,
                              reason: "reserves \(request.countText): Fargate has no GPUs, so the service runs on EC2 GPU instances of its own ECS capacity provider",
                              evidence: [request.evidence], alternatives: [
                                Alternative(choice: "sagemaker-endpoint", whyNot: "a SageMaker real-time endpoint suits model serving, but the model must be packaged for a SageMaker container and callers must use InvokeEndpoint"),
                                Alternative(choice: "bedrock", whyNot: "a hosted model API (Bedrock) suits LLM inference with no GPUs to run, but the app must call it instead of its own model"),
                                Alternative(choice: DeploymentTarget.ecsFargate.rawValue, whyNot: "impossible: Fargate has no GPUs"),
                              ], overrideKey: "x-ferry.instance", rule: rule)
        replace("target", with: target, in: &w.decisions)
        replace("size", with: sizeDecision, in: &w.decisions)
        if var v = ctx.verdicts[f.name] {
            v.target = .ecsEc2
            replace("target", with: target, in: &v.decisions)
            v.reasons.append(target.reason)
            ctx.verdicts[f.name] = v
        }

        let (minSize, maxSize, capacityDecision) = bounds(&w, f, ctx)
        w.decisions.append(capacityDecision)
        if ctx.overrides.existingCluster != nil {
            ctx.addFinding(Finding(id: "FERRY-PLAN-GPU-EXISTING-CLUSTER", severity: .warning,
                                   message: "\(f.name) runs on the capacity provider \(name), which the template cannot add to the existing cluster without replacing the cluster's providers: ECS refuses to create the service until it is added",
                                   subject: "services.\(f.name)", evidence: [request.evidence],
                                   fix: "drop x-aws-cluster so the template owns the cluster, or add the capacity provider to the cluster by hand (aws ecs put-cluster-capacity-providers, listing the cluster's current providers as well)"),
                           waiverFor: f.name)
        }
        return EC2CapacityProvider(name: name, workload: w.name, instanceType: instance.instanceType, gpusPerInstance: instance.gpus,
                                   minSize: minSize, maxSize: maxSize, securityGroup: "gpu-instances", instanceRole: "gpu-instance",
                                   decisions: [sizeDecision, capacityDecision])
    }

    /// The instance type (override, else the smallest G5 with the GPUs and the memory/CPU asked for) and the
    /// task size: what `deploy.resources` asks, at least what the instance gives one task.
    private static func size(_ f: ServiceFacts, _ request: GPURequest, _ ctx: PlanningContext) -> (GPUInstanceSizes.Size, TaskSize, Decision) {
        let limits = f.service.deploy?.limits
        let reservations = f.service.deploy?.reservations
        let cpu = (limits?.cpus ?? reservations?.cpus).map { Int(($0 * 1024).rounded()) } ?? f.overrides.cpu ?? 0
        let memory = (limits?.memoryBytes ?? reservations?.memoryBytes).map { Int($0 / 1_048_576) } ?? f.overrides.memory ?? 0
        let asked = [cpu > 0 ? "\(cpu) CPU units" : nil, memory > 0 ? "\(memory) MiB" : nil].compactMap { $0 }.joined(separator: ", ")
        if let typed = f.overrides.instanceClass {
            if let chosen = GPUInstanceSizes.size(typed), chosen.gpus >= request.count {
                let task = GPUInstanceSizes.taskSize(chosen)
                return (chosen, task, Decision(topic: "size", choice: "\(chosen.instanceType) (task \(task.cpu)/\(task.memory))",
                                              reason: "x-ferry.instance: \(chosen.instanceType), \(chosen.gpus) GPU, \(chosen.vcpus) vCPU, \(chosen.memoryMiB / 1024) GiB; the task takes every vCPU and 90% of the memory",
                                              source: .override, evidence: f.overrides.overrideEvidence("instance"), overrideKey: "x-ferry.instance", rule: rule))
            }
            ctx.addFinding(Finding(id: "FERRY-PLAN-GPU-INSTANCE", severity: .warning,
                                   message: "x-ferry.instance \(typed) on \(f.name) is not a G5 type with \(request.count) GPU(s): sized from the reservation instead",
                                   subject: "services.\(f.name).x-ferry.instance", evidence: f.overrides.overrideEvidence("instance"),
                                   fix: "use one of \(GPUInstanceSizes.table.filter { $0.gpus >= request.count }.map(\.instanceType).joined(separator: ", "))"),
                           waiverFor: f.name)
        }
        let chosen = GPUInstanceSizes.fit(gpus: request.count, cpu: cpu, memory: memory)
        let task = GPUInstanceSizes.taskSize(chosen)
        let why = asked.isEmpty ? "" : " and \(asked)"
        return (chosen, task, Decision(topic: "size", choice: "\(chosen.instanceType) (task \(task.cpu)/\(task.memory))",
                                      reason: "the smallest G5 type with \(request.count) GPU\(request.count == 1 ? "" : "s")\(why): \(chosen.vcpus) vCPU, \(chosen.memoryMiB / 1024) GiB; the task takes every vCPU and 90% of the memory",
                                      evidence: [request.evidence], alternatives: GPUInstanceSizes.table.filter { $0.gpus >= request.count && $0.instanceType != chosen.instanceType }.prefix(2).map {
                                          Alternative(choice: $0.instanceType, whyNot: "\($0.gpus) GPU, \($0.vcpus) vCPU, \($0.memoryMiB / 1024) GiB: more than asked, costs more")
                                      }, overrideKey: "x-ferry.instance", rule: rule))
    }

    /// One task per instance. Tasks: `deploy.replicas` / `x-ferry` scaling when given, else 1 (prod: up to 2).
    /// Instances: one per task plus one for a rolling deployment; dev starts at zero and replaces in place.
    private static func bounds(_ w: inout Workload, _ f: ServiceFacts, _ ctx: PlanningContext) -> (Int, Int, Decision) {
        let o = f.overrides
        let explicit = o.desired != nil || o.minimum != nil || o.maximum != nil || (f.service.deploy?.replicas ?? 0) > 0
        if !explicit {
            w.capacity = ctx.tier == .prod ? Capacity(desired: 1, minimum: 1, maximum: 2) : Capacity(desired: 1, minimum: 1, maximum: 1)
            w.decisions.removeAll { $0.topic == "capacity" }
        }
        w.scaling = w.capacity.maximum > w.capacity.minimum ? (w.scaling ?? ScalingPolicy(metric: o.scalingMetric ?? .cpu, targetValue: o.scalingTarget ?? 70)) : nil
        let tasks = "\(w.capacity.minimum)–\(w.capacity.maximum) task\(w.capacity.maximum == 1 ? "" : "s"), one per instance"
        if let m = o.minimum, m != (ctx.tier == .dev ? 0 : max(1, w.capacity.minimum)) {
            // An explicit minimum sets the group's: 0 scales to zero at any tier, 1 keeps dev's instance on.
            let maxSize = max(m, w.capacity.maximum) + (ctx.tier == .dev ? 0 : 1)
            return (m, max(1, maxSize), Decision(topic: "capacity", choice: "instances \(m)–\(max(1, maxSize))",
                                                 reason: "x-ferry scaling minimum \(m): \(tasks)\(m == 0 ? "; the group scales to zero when the service's desired count is 0" : "")",
                                                 source: .override, evidence: o.overrideEvidence("scaling"), overrideKey: "x-ferry.scaling", rule: rule))
        }
        if ctx.tier == .dev {
            // One instance at most: a deployment stops the old task before starting the new one.
            w.deployment.minimumHealthyPercent = 0
            w.deployment.maximumPercent = 100
            let maxSize = max(1, w.capacity.maximum)
            return (0, maxSize, Decision(topic: "capacity", choice: "instances 0–\(maxSize)",
                                         reason: "dev tier: \(tasks); the group scales to zero when the service's desired count is set to 0 (managed scaling removes idle instances); deployments replace the task in place",
                                         source: explicit ? .inferred : .tier, overrideKey: "x-ferry.scaling", rule: rule))
        }
        let minSize = max(1, w.capacity.minimum)
        let maxSize = max(minSize, w.capacity.maximum) + 1
        return (minSize, maxSize, Decision(topic: "capacity", choice: "instances \(minSize)–\(maxSize)",
                                           reason: "\(ctx.tier.rawValue) tier: \(tasks); one more instance so a rolling deployment starts the new task before stopping the old one",
                                           source: explicit ? .inferred : .tier, overrideKey: "x-ferry.scaling", rule: rule))
    }

    /// `x-ferry.target: ecs-ec2` without a GPU reservation: ferry places only GPU workloads on EC2.
    private static func fallBackToFargate(_ w: inout Workload, _ f: ServiceFacts, _ ctx: PlanningContext) {
        w.target = .ecsFargate
        ctx.verdicts[f.name]?.target = .ecsFargate
        ctx.addFinding(Finding(id: "FERRY-PLAN-EC2-WITHOUT-GPU", severity: .warning,
                               message: "\(f.name) asks for ecs-ec2 but reserves no GPU: planned on Fargate",
                               subject: "services.\(f.name).x-ferry.target", evidence: f.overrides.overrideEvidence("target"),
                               fix: "reserve the GPUs it needs (deploy.resources.reservations.devices with capabilities: [gpu])"),
                       waiverFor: f.name)
    }

    private static func replace(_ topic: String, with decision: Decision, in decisions: inout [Decision]) {
        if let i = decisions.firstIndex(where: { $0.topic == topic }) { decisions[i] = decision } else { decisions.append(decision) }
    }
}

/// The GPUs a service reserves: the sum of its GPU device requests; a request for all devices
/// (`count: all`, `gpus: all`, or no count) counts as one GPU, the smallest instance that has any.
struct GPURequest {
    var count: Int
    var asksAll: Bool
    var evidence: Evidence

    init?(_ f: ServiceFacts) {
        let s = f.service
        let reserved = (s.deploy?.reservations?.devices ?? []).filter { d in
            d.capabilities.contains { $0.lowercased() == "gpu" } || d.driver?.lowercased() == "nvidia"
        }
        let requests = reserved + s.gpus
        guard !requests.isEmpty else { return nil }
        let counts = requests.map(\.requestedCount)
        asksAll = counts.contains(nil)
        count = max(1, counts.reduce(0) { $0 + ($1 ?? 1) })
        let key = reserved.isEmpty ? "gpus" : "deploy.resources.reservations.devices"
        let value = asksAll ? "all" : String(count)
        evidence = f.evidence(key, value)
        if evidence.position == nil, let l = requests.first?.location { evidence.position = SourcePosition(l) }
    }

    var countText: String {
        asksAll ? "every GPU of the host (planned as \(count))" : "\(count) GPU\(count == 1 ? "" : "s")"
    }
}
