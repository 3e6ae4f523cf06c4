import ComposeKit
import Blueprint

/// Training and batch work runs on AWS Batch: a Spot compute environment with an on-demand
/// fallback, scaling from zero, behind one job queue. Two kinds of evidence put a job there:
/// - a job (`role: job`) whose command trains (`train.py`, `torchrun`, `accelerate launch`,
///   `papermill`, `nbconvert --execute`, `dvc repro`), that reserves GPUs, or `x-ferry.target: batch`;
/// - a service that writes a models directory and works in notebooks (a `notebooks` mount, Jupyter
///   in its command): its training ran by hand in the notebooks, so ferry adds `NAME-training`, a job
///   with the service's image, variables and buckets. `x-ferry.training: false` drops it.
/// `run` follows `DataDirectoryBuckets`; `attach` follows `IdentityBuilder` (it writes the roles afresh).
enum TrainingJobs {
    static let rule = "TrainingJobs"
    static let securityGroup = "batch-instances"
    static let instanceRole = "batch-instance"
    static let trainingWords: Set<String> = ["train", "training", "finetune", "fine-tune", "torchrun", "deepspeed", "papermill", "trainer"]

    static func run(_ ctx: PlanningContext) {
        for i in ctx.blueprint.workloads.indices {
            let w = ctx.blueprint.workloads[i]
            guard let f = ctx.facts(w.name) else { continue }
            if w.target == .batch, w.role != .job {
                // Batch runs jobs to completion: a service asking for it stays a service.
                ctx.blueprint.workloads[i].target = .ecsFargate
                ctx.verdicts[f.name]?.target = .ecsFargate
                ctx.addFinding(Finding(id: "FERRY-PLAN-BATCH-SERVICE", severity: .warning,
                                       message: "\(f.name) asks for batch but runs as \(w.role.rawValue): AWS Batch runs jobs that finish, so it stays an ECS service",
                                       subject: "services.\(f.name).x-ferry.target", evidence: f.overrides.overrideEvidence("target"),
                                       fix: "set x-ferry.role: job as well if it runs to completion"), waiverFor: f.name)
                continue
            }
            guard w.role == .job, let why = batchEvidence(f, w) else { continue }
            moveToBatch(&ctx.blueprint.workloads[i], f, why, ctx)
        }
        for w in ctx.blueprint.workloads where w.role != .job {
            guard let f = ctx.facts(w.name), let job = companion(for: w, f, ctx) else { continue }
            ctx.blueprint.workloads.append(job)
        }
        ctx.blueprint.workloads.sort { $0.name < $1.name }
        let jobs = ctx.blueprint.batchJobs
        guard !jobs.isEmpty else { return }
        ctx.blueprint.batch = environment(for: jobs, ctx)
    }

    /// The instances' security group (egress only) and role, once the roles exist.
    static func attach(_ ctx: PlanningContext) {
        guard let env = ctx.blueprint.batch else { return }
        ctx.blueprint.network.securityGroups.removeAll { $0.name == env.securityGroup }
        ctx.blueprint.network.securityGroups.append(SecurityGroup(name: env.securityGroup, description: "AWS Batch instances: no inbound, egress to AWS APIs and the app's data stores"))
        ctx.blueprint.network.securityGroups.sort { $0.name < $1.name }
        if ctx.blueprint.role(named: env.instanceRole) == nil {
            ctx.blueprint.roles.append(IAMRole(name: env.instanceRole, kind: .service, assumedBy: "ec2.amazonaws.com",
                                               managedPolicies: ["service-role/AmazonEC2ContainerServiceforEC2Role"],
                                               decisions: [Decision(topic: "instanceRole", choice: "AmazonEC2ContainerServiceforEC2Role",
                                                                    reason: "the ECS agent on the Batch instances pulls images and reports jobs; each job keeps its own role, scoped to its buckets",
                                                                    rule: rule)]))
        }
    }

    // MARK: evidence

    /// Why a job belongs on Batch, or nil.
    static func batchEvidence(_ f: ServiceFacts, _ w: Workload) -> (reason: String, evidence: [Evidence], source: DecisionSource)? {
        if f.overrides.target == .batch {
            return ("x-ferry.target: batch", f.overrides.overrideEvidence("target"), .override)
        }
        if let gpu = GPURequest(f) {
            return ("reserves \(gpu.countText): Fargate has no GPUs", [gpu.evidence], .inferred)
        }
        let words = (f.service.entrypoint ?? []) + (f.service.command ?? [])
        let text = words.joined(separator: " ").lowercased()
        let tokens = Set(text.split(whereSeparator: { " \t\n;&|/.=:\"'()".contains($0) || $0 == "_" }).map(String.init))
        let found = trainingWords.intersection(tokens).sorted()
        let notebook = text.contains("nbconvert") && text.contains("--execute")
        let pipeline = text.contains("dvc repro") || (tokens.contains("accelerate") && tokens.contains("launch"))
        guard !found.isEmpty || notebook || pipeline else { return nil }
        let what = notebook ? "executes a notebook" : pipeline ? "runs a training pipeline" : "trains (\(found.joined(separator: ", ")))"
        return ("its command \(what)", [f.evidence(f.service.command != nil ? "command" : "entrypoint", words.joined(separator: " "))], .inferred)
    }

    private static func moveToBatch(_ w: inout Workload, _ f: ServiceFacts, _ why: (reason: String, evidence: [Evidence], source: DecisionSource), _ ctx: PlanningContext) {
        w.target = .batch
        w.securityGroup = securityGroup
        if let gpu = GPURequest(f) { w.gpuCount = gpu.count }
        let (size, sizeDecision) = jobSize(f, vcpus: nil, memory: nil, gpus: w.gpuCount, fallback: w.size)
        w.size = size
        w.capacity = Capacity(desired: 0, minimum: 0, maximum: 0)
        w.scaling = nil
        let decision = targetDecision(reason: "\(why.reason): a job on AWS Batch, on EC2 Spot with an on-demand fallback, from zero instances", evidence: why.evidence, source: why.source)
        w.decisions.removeAll { $0.topic == "target" || $0.topic == "size" }
        w.decisions += [decision, sizeDecision]
        if var v = ctx.verdicts[f.name] {
            v.target = .batch
            v.decisions.removeAll { $0.topic == "target" }
            v.decisions.append(decision)
            v.reasons.append(decision.reason)
            ctx.verdicts[f.name] = v
        }
    }

    // MARK: the training job beside a notebook service

    private static func companion(for w: Workload, _ f: ServiceFacts, _ ctx: PlanningContext) -> Workload? {
        let override = f.overrides.training
        if override?.enabled == false { return nil }
        let models = ctx.blueprint.buckets.filter { $0.writers.contains(w.name) && $0.sourceDirectory != nil && isModels($0) }
        let words = ((f.service.entrypoint ?? []) + (f.service.command ?? [])).joined(separator: " ").lowercased()
        let notebookMount = f.service.volumes.enumerated().first { _, m in
            (m.target.split(separator: "/").last.map { $0.lowercased() }) == "notebooks"
        }
        let jupyter = words.contains("jupyter") || words.contains("notebook")
        guard override != nil || (!models.isEmpty && (notebookMount != nil || jupyter)) else { return nil }
        var evidence = models.flatMap(\.decisions).filter { $0.topic == "bucket" }.flatMap(\.evidence).filter { $0.path.hasPrefix("services.\(w.name).") }
        if let mount = notebookMount { evidence.append(f.evidence("volumes[\(mount.offset)]", "\(mount.element.source ?? ""):\(mount.element.target)")) }
        if jupyter { evidence.append(f.evidence("command", "jupyter")) }
        if override != nil { evidence += f.overrides.overrideEvidence("training") }

        var job = w
        job.name = "\(w.name)-training"
        job.shortName = "\(w.shortName)-training"
        job.role = .job
        job.target = .batch
        job.ports = []
        job.healthCheck = nil
        job.scaling = nil
        job.capacity = Capacity(desired: 0, minimum: 0, maximum: 0)
        job.isPublic = false
        job.discoveryName = nil
        job.dependsOn = []
        job.scratchVolumes = []
        job.fileMounts = []
        job.schedule = nil
        job.capacityProvider = nil
        job.command = override?.command
        job.taskRole = "\(job.shortName)-task"
        job.securityGroup = securityGroup
        job.gpuCount = override?.gpus.flatMap { $0 > 0 ? $0 : nil }
        let (size, sizeDecision) = jobSize(f, vcpus: override?.vcpus, memory: override?.memory, gpus: job.gpuCount,
                                           fallback: TaskSize(cpu: 4 * 1024, memory: 16_384), defaultReason: "training default: 4 vCPU, 16 GiB")
        job.size = size
        let models_ = models.map(\.name).joined(separator: ", ")
        job.decisions = [
            targetDecision(reason: "\(w.name) writes \(models.isEmpty ? "models" : "the \(models_) bucket") and trains in notebooks: a training job with its image, variables and buckets, on AWS Batch (EC2 Spot, on-demand fallback, from zero instances)",
                           evidence: evidence, source: override != nil ? .override : .inferred),
            sizeDecision,
            Decision(topic: "command", choice: job.command.map { $0.joined(separator: " ") } ?? "given at run time",
                     reason: job.command == nil ? "no training command in the compose files: `ferry run \(job.name) -- python train.py` names it; x-ferry.training.command sets a default" : "x-ferry.training.command",
                     source: job.command == nil ? .default : .override, evidence: f.overrides.overrideEvidence("training"), overrideKey: "x-ferry.training.command", rule: rule),
        ]
        // The job reads and writes what the service does, through a role of its own.
        for b in ctx.blueprint.buckets.indices {
            if ctx.blueprint.buckets[b].readers.contains(w.name) { ctx.blueprint.buckets[b].readers = (ctx.blueprint.buckets[b].readers + [job.name]).sorted() }
            if ctx.blueprint.buckets[b].writers.contains(w.name) { ctx.blueprint.buckets[b].writers = (ctx.blueprint.buckets[b].writers + [job.name]).sorted() }
        }
        for d in ctx.blueprint.dataStores.indices where ctx.blueprint.dataStores[d].clients.contains(w.name) {
            ctx.blueprint.dataStores[d].clients = (ctx.blueprint.dataStores[d].clients + [job.name]).sorted()
        }
        for t in ctx.blueprint.tables.indices where ctx.blueprint.tables[t].clients.contains(w.name) {
            ctx.blueprint.tables[t].clients = (ctx.blueprint.tables[t].clients + [job.name]).sorted()
        }
        ctx.addFinding(Finding(id: "FERRY-PLAN-TRAINING-JOB", severity: .info,
                               message: "\(job.name): a training job on AWS Batch with \(w.name)'s image, variables and buckets (\(size.cpu / 1024) vCPU, \(size.memory / 1024) GiB\(job.gpuCount.map { ", \($0) GPU" } ?? ""), Spot first)",
                               subject: "services.\(w.name)", evidence: evidence,
                               fix: job.command == nil ? "start it with `ferry run \(job.name) -- python train.py`; set x-ferry.training.command for a default, or x-ferry.training: false to drop it"
                                                       : "start it with `ferry run \(job.name)`; x-ferry.training: false drops it"),
                       waiverFor: w.name)
        return job
    }

    private static func isModels(_ b: Bucket) -> Bool {
        DataDirectoryBuckets.Kind(directory: b.sourceDirectory ?? "") == .models
    }

    // MARK: sizing and capacity

    /// vCPUs and memory: the override, else `deploy.resources`, else the fallback. Batch sizes in whole vCPUs.
    static func jobSize(_ f: ServiceFacts, vcpus: Int?, memory: Int?, gpus: Int?, fallback: TaskSize,
                        defaultReason: String? = nil) -> (TaskSize, Decision) {
        let limits = f.service.deploy?.limits
        let reservations = f.service.deploy?.reservations
        let composeCPU = (limits?.cpus ?? reservations?.cpus).map { Int($0.rounded(.up)) }
        let composeMemory = (limits?.memoryBytes ?? reservations?.memoryBytes).map { Int($0 / 1_048_576) }
        let cpu = max(1, vcpus ?? composeCPU ?? Int((Double(fallback.cpu) / 1024).rounded(.up)))
        let mem = max(512, memory ?? composeMemory ?? fallback.memory)
        let source: DecisionSource = vcpus != nil || memory != nil ? .override : (composeCPU != nil || composeMemory != nil ? .inferred : .default)
        let reason: String
        switch source {
        case .override: reason = "x-ferry.training sizes it"
        case .inferred: reason = "deploy.resources asks for it (Batch counts whole vCPUs)"
        default: reason = defaultReason ?? "the job's size on Fargate, in whole vCPUs"
        }
        let gpuText = gpus.map { ", \($0) GPU" } ?? ""
        return (TaskSize(cpu: cpu * 1024, memory: mem),
                Decision(topic: "size", choice: "\(cpu) vCPU, \(mem) MiB\(gpuText)", reason: reason, source: source,
                         alternatives: [Alternative(choice: "larger", whyNot: "Batch picks the instance from the job's vCPUs and memory: ask for more in x-ferry.training or deploy.resources")],
                         overrideKey: "x-ferry.training", rule: rule))
    }

    private static func targetDecision(reason: String, evidence: [Evidence], source: DecisionSource) -> Decision {
        Decision(topic: "target", choice: DeploymentTarget.batch.rawValue, reason: reason, source: source, evidence: evidence, alternatives: [
            Alternative(choice: DeploymentTarget.ecsFargateTask.rawValue, whyNot: "Fargate has no GPUs and no Spot retries for a one-off task; Batch queues jobs, scales from zero and retries Spot reclaims"),
            Alternative(choice: "ecs-ec2", whyNot: "an ECS capacity provider suits long-running services; jobs would wait on an Auto Scaling group kept for them"),
            Alternative(choice: "sagemaker-training", whyNot: "a SageMaker training job needs the code packaged to its container contract (channels under /opt/ml)"),
        ], overrideKey: "x-ferry.target", rule: rule)
    }

    private static func environment(for jobs: [Workload], _ ctx: PlanningContext) -> BatchEnvironment {
        let gpu = jobs.contains { ($0.gpuCount ?? 0) > 0 }
        var families = ["c6i", "m6i", "r6i"]
        if gpu { families.append("g5") }
        let largest = jobs.map { $0.size.cpu / 1024 }.max() ?? 1
        let tierMax: Int = { switch ctx.tier { case .dev: return 16; case .mvp: return 64; case .prod: return 256 } }()
        let maxvCpus = max(tierMax, largest * 2)
        return BatchEnvironment(instanceTypes: families, maxvCpus: maxvCpus, spot: true, gpu: gpu, securityGroup: securityGroup,
                                instanceRole: instanceRole, decisions: [
            Decision(topic: "computeEnvironment", choice: "spot, then on-demand",
                     reason: "jobs go to EC2 Spot first (about a third of the on-demand price) and to on-demand instances when Spot has no capacity; both scale from zero, so nothing runs between jobs",
                     alternatives: [Alternative(choice: "on-demand only", whyNot: "pays the full price for work that tolerates a retry")], rule: rule),
            Decision(topic: "instanceTypes", choice: families.joined(separator: ", "),
                     reason: "several families widen the Spot pools Batch picks from (price-capacity-optimized), so reclaims are rarer\(gpu ? "; g5 for the GPU jobs" : "")", rule: rule),
            Decision(topic: "maxvCpus", choice: String(maxvCpus),
                     reason: "\(ctx.tier.rawValue) tier bound on vCPUs running at once, at least twice the largest job (\(largest) vCPU)", source: .tier, rule: rule),
            Decision(topic: "retries", choice: "3 attempts on Spot reclaims",
                     reason: "an attempt stopped because its host went away (Spot reclaim) is retried; an attempt the application fails is not; each attempt stops after 24 hours", rule: rule),
        ])
    }
}
