import ComposeKit
import Blueprint

/// Task size from `x-ferry.cpu`/`memory`, then `deploy.resources` (limits, else reservations),
/// then what the service evidently runs (ML models, JVMs), rounded up to a valid Fargate pair;
/// capacity and target-tracking scaling from `deploy.replicas`, overrides and the tier.
enum TaskSizing {
    static func size(_ f: ServiceFacts, _ v: RoleVerdict, _ ctx: PlanningContext) -> (TaskSize, Decision) {
        let o = f.overrides
        if o.cpu != nil || o.memory != nil {
            let s = FargateSizes.fit(cpu: o.cpu ?? 256, memory: o.memory ?? 512)
            return (s, Decision(topic: "size", choice: "\(s.cpu)/\(s.memory)", reason: "x-ferry.cpu/memory, rounded up to a valid Fargate size",
                                source: .override, evidence: o.overrideEvidence("cpu") + o.overrideEvidence("memory"), overrideKey: "x-ferry.cpu", rule: "TaskSizing"))
        }
        let limits = f.service.deploy?.limits
        let reservations = f.service.deploy?.reservations
        let cpus = limits?.cpus ?? reservations?.cpus
        let mem = limits?.memoryBytes ?? reservations?.memoryBytes
        if cpus != nil || mem != nil {
            let cpuUnits = Int(((cpus ?? 0.25) * 1024).rounded())
            let memMiB = Int((mem ?? 512 * 1_048_576) / 1_048_576)
            let s = FargateSizes.fit(cpu: cpuUnits, memory: memMiB)
            let src = limits != nil ? "deploy.resources.limits" : "deploy.resources.reservations"
            return (s, Decision(topic: "size", choice: "\(s.cpu)/\(s.memory)",
                                reason: "\(src) (\(cpus.map { "\($0) CPU" } ?? "default CPU"), \(mem.map { "\($0 / 1_048_576) MiB" } ?? "default memory")) rounded up to a valid Fargate size",
                                evidence: [f.evidence(src, nil)], overrideKey: "x-ferry.cpu", rule: "TaskSizing"))
        }
        let mountsModels = f.service.volumes.contains { $0.target.lowercased().contains("model") }
        let mlName = ["inference", "model", "ml", "predict", "embedding", "whisper", "llm"].contains { f.shortName.contains($0) }
        if mountsModels || mlName {
            let s = TaskSize(cpu: 2048, memory: 4096)
            let why = mountsModels ? "it loads ML models (a volume at \(f.service.volumes.first { $0.target.lowercased().contains("model") }?.target ?? "/models"))" : "its name says it serves ML inference"
            return (s, Decision(topic: "size", choice: "2048/4096", reason: "\(why): 2 vCPU / 4 GiB to start; tune from CloudWatch",
                                evidence: [f.evidence(mountsModels ? "volumes" : "", nil)],
                                alternatives: [Alternative(choice: "256/512", whyNot: "model inference needs memory")], overrideKey: "x-ferry.cpu", rule: "TaskSizing"))
        }
        let jvm = ["openjdk", "eclipse-temurin", "amazoncorretto", "java", "tomcat", "jetty", "keycloak", "sonarqube", "jenkins"].contains { f.image?.matches($0) ?? false }
            || ["java -jar", "gradle", "mvn "].contains { f.commandText.contains($0) }
        if jvm {
            let s = TaskSize(cpu: 512, memory: 1024)
            return (s, Decision(topic: "size", choice: "512/1024", reason: "a JVM: 0.5 vCPU / 1 GiB to start", evidence: [f.evidence("image", f.service.image)],
                                overrideKey: "x-ferry.cpu", rule: "TaskSizing"))
        }
        let s = TaskSize(cpu: 256, memory: 512)
        return (s, Decision(topic: "size", choice: "256/512", reason: "no deploy.resources: the smallest Fargate size; tune from CloudWatch metrics",
                            source: .default, overrideKey: "x-ferry.cpu", rule: "TaskSizing"))
    }

    static func capacity(_ f: ServiceFacts, _ v: RoleVerdict, _ ctx: PlanningContext) -> (Capacity, ScalingPolicy?, [Decision]) {
        let o = f.overrides
        let d = ctx.defaults
        if v.role == .job { return (Capacity(desired: 0, minimum: 0, maximum: 0), nil, []) }
        var c: Capacity
        switch v.role {
        case _ where v.rule == "StatefulServerRole": c = Capacity(desired: 1, minimum: 1, maximum: 1)
        case .web: c = d.webCapacity
        case .internal: c = d.internalCapacity
        default: c = Capacity(desired: 1, minimum: 1, maximum: 1)
        }
        var decisions: [Decision] = []
        var source = DecisionSource.tier
        var reason = "\(ctx.tier.rawValue) tier: \(c.minimum)–\(c.maximum) tasks"
        if v.rule == "StatefulServerRole" {
            // A database or search engine owns its data directory: one task, never two writing it at once.
            source = .inferred
            reason = "a stateful server (\(f.technology?.product ?? "database")) runs one task: it owns its data directory"
        }
        if let r = f.service.deploy?.replicas, r > 0 {
            c.desired = r
            c.minimum = max(c.minimum, r)
            c.maximum = max(c.maximum, r)
            source = .inferred
            reason = "deploy.replicas: \(r); scales up to \(c.maximum)"
        }
        if o.desired != nil || o.minimum != nil || o.maximum != nil {
            if let x = o.desired { c.desired = x }
            if let x = o.minimum { c.minimum = x }
            if let x = o.maximum { c.maximum = x }
            c.minimum = min(c.minimum, c.maximum)
            c.desired = min(max(c.desired, c.minimum), c.maximum)
            source = .override
            reason = "x-ferry scaling / x-aws-autoscaling: \(c.minimum)–\(c.maximum) tasks"
        }
        if v.role == .worker, o.maximum == nil { c.maximum = max(c.maximum, c.desired); c.minimum = min(c.minimum, c.desired) }
        var scaling: ScalingPolicy?
        if c.maximum > c.minimum {
            scaling = ScalingPolicy(metric: o.scalingMetric ?? .cpu, targetValue: o.scalingTarget ?? 70)
            reason += "; target tracking on \((o.scalingMetric ?? .cpu).rawValue) at \(Int(o.scalingTarget ?? 70))%"
        }
        decisions.append(Decision(topic: "capacity", choice: "\(c.desired) (\(c.minimum)–\(c.maximum))", reason: reason, source: source,
                                  overrideKey: "x-ferry.scaling", rule: "TaskSizing"))
        return (c, scaling, decisions)
    }
}
