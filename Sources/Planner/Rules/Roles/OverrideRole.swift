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
        let target = o.target ?? Self.defaultTarget(for: role, f)
        var v = Verdicts.make(role, target, rule: name, reason: "x-ferry.role: \(role.rawValue) set explicitly",
                              evidence: o.overrideEvidence("role") + o.overrideEvidence("target"), isPublic: role == .web)
        for i in v.decisions.indices { v.decisions[i].source = .override }
        return v
    }

    static func role(for target: DeploymentTarget) -> ServiceRole {
        switch target {
        case .ecsFargate, .ecsEc2: return .internal
        case .ecsFargateTask: return .job
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
