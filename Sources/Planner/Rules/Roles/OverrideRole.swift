import Blueprint

/// `x-ferry.role` / `x-ferry.target` / `x-ferry.skip` on a service win over every inference.
struct OverrideRole: RoleRule {
    let name = "OverrideRole"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        let o = f.overrides
        if o.skip {
            return Verdicts.make(.devtool, .none, rule: name, reason: "x-ferry.skip: not deployed on request",
                                 evidence: o.overrideEvidence("skip"))
        }
        guard o.role != nil || o.target != nil else { return nil }
        let role = o.role ?? Self.role(for: o.target ?? .ecsFargate)
        var target = o.target ?? Self.defaultTarget(for: role, f)
        // A role and a target that contradict each other (`role: internal` with `target: s3`): the role
        // wins, since it says what the service does; the target falls back to the role's own.
        if o.role != nil, o.target != nil, Self.role(for: target) != role, !Self.fits(role, target) {
            ctx.addFinding(Finding(id: "FERRY-PLAN-OVERRIDE-CONFLICT", severity: .warning,
                                   message: "\(f.name): x-ferry.target \(target.rawValue) does not fit x-ferry.role \(role.rawValue); the role's target \(Self.defaultTarget(for: role, f).rawValue) is used",
                                   subject: "services.\(f.name).x-ferry", evidence: o.overrideEvidence("target"),
                                   fix: "drop one of the two, or pick a target that runs a \(role.rawValue)"), waiverFor: f.name)
            target = Self.defaultTarget(for: role, f)
        }
        var v = Verdicts.make(role, target, rule: name, reason: "x-ferry.role: \(role.rawValue) set explicitly",
                              evidence: o.overrideEvidence("role") + o.overrideEvidence("target"), isPublic: role == .web)
        for i in v.decisions.indices { v.decisions[i].source = .override }
        return v
    }

    /// Targets that can carry out a role besides the one `role(for:)` names.
    static func fits(_ role: ServiceRole, _ target: DeploymentTarget) -> Bool {
        switch role {
        case .web, .internal, .worker: return [.ecsFargate, .ecsEc2].contains(target)
        case .job: return [.ecsFargateTask, .ecsFargate, .ecsEc2, .batch].contains(target)
        case .`init`, .devtool, .external: return target == .none
        case .static: return [.cloudfrontS3, .s3].contains(target)
        case .proxy: return target == .alb
        case .datastore: return !([.ecsFargate, .ecsFargateTask, .ecsEc2, .batch, .alb, .cloudfrontS3, .none] as [DeploymentTarget]).contains(target)
        }
    }

    static func role(for target: DeploymentTarget) -> ServiceRole {
        switch target {
        case .ecsFargate, .ecsEc2: return .internal
        case .ecsFargateTask, .batch: return .job
        case .cloudfrontS3: return .static
        case .alb: return .proxy
        case .none: return .devtool
        default: return .datastore
        }
    }

    static func defaultTarget(for role: ServiceRole, _ f: ServiceFacts) -> DeploymentTarget {
        switch role {
        case .web, .internal, .worker: return .ecsFargate
        case .job: return .ecsFargateTask
        case .static: return .cloudfrontS3
        case .proxy: return .alb
        case .`init`, .devtool, .external: return .none
        case .datastore: return DataStoreRules.inferredTarget(f) ?? .none
        }
    }
}

/// `x-ferry.public` overrides whether a deployed service is reached from the internet.
enum PublicOverride {
    static func apply(_ ctx: PlanningContext) {
        for f in ctx.facts {
            guard let p = f.overrides.isPublic, var v = ctx.verdicts[f.name], [.web, .internal].contains(v.role) else { continue }
            v.isPublic = p
            v.role = p ? .web : .internal
            v.reasons.insert("x-ferry.public: \(p)", at: 0)
            v.decisions.append(Decision(topic: "public", choice: String(p), reason: "set explicitly", source: .override,
                                        evidence: f.overrides.overrideEvidence("public"), overrideKey: "x-ferry.public", rule: "OverrideRole"))
            ctx.verdicts[f.name] = v
        }
    }
}
