import Blueprint

/// One role rule: looks at one service (and what is known of the others) and either
/// decides its role and target with reasons, or passes.
protocol RoleRule: Sendable {
    var name: String { get }
    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict?
}

/// Runs the role rules in order; the first verdict wins. Rules that depend on other
/// services' roles (web, internal, worker) run after every service got its first-pass verdict.
enum RolePhase {
    static let firstPass: [any RoleRule] = [
        OverrideRole(),
        InitJobRole(),
        PostgresToRDS(), MySQLToRDS(), RedisToElastiCache(), MemcachedToElastiCache(), MinioToS3(),
        MosquittoToIoTCore(), DynamoDBLocalToDynamoDB(), MongoToDocumentDB(), BrokerToAmazonMQ(), KafkaToMSK(),
        SearchToOpenSearch(), StatefulServerRole(),
        DevToolRole(),
        StaticSiteRole(),
        ReverseProxyRole(),
    ]
    static let secondPass: [any RoleRule] = [
        BehindKeptProxyRole(),
        PublicWebRole(),
        InternalServiceRole(),
        WorkerRole(),
        EntryPointWebRole(),
    ]

    /// The weight of a rule's verdict when the rule did not set one.
    static let defaultWeights: [String: Int] = [
        "OverrideRole": EvidenceWeights.override, "ReverseProxyRole": EvidenceWeights.reverseProxy,
        "StaticSiteRole": EvidenceWeights.staticSite, "DevToolRole": EvidenceWeights.devtoolImage,
    ]

    static func weight(_ v: RoleVerdict) -> Int { v.weight > 0 ? v.weight : (defaultWeights[v.rule] ?? EvidenceWeights.technologyImage) }

    static func run(_ ctx: PlanningContext) {
        ctx.learnRoutedPorts()
        for f in ctx.facts {
            // Every rule speaks; the strongest evidence wins, the rule order breaks ties.
            var candidates: [RoleVerdict] = []
            for rule in firstPass {
                if let v = rule.decide(f, ctx) { candidates.append(v) }
                if candidates.last?.rule == "OverrideRole" { break }
            }
            guard var best = candidates.first else { continue }
            for c in candidates.dropFirst() where weight(c) > weight(best) { best = c }
            for c in candidates where c.rule != best.rule || c.role != best.role {
                ctx.lose(f.name, LostEvidence(rule: c.rule, role: c.role, weight: weight(c), against: weight(best),
                                              why: c.reasons.first ?? c.rule, winner: best.reasons.first ?? best.rule))
            }
            ctx.verdicts[f.name] = best
        }
        for f in ctx.facts where ctx.verdicts[f.name] == nil {
            for rule in secondPass {
                if let v = rule.decide(f, ctx) {
                    ctx.verdicts[f.name] = v
                    break
                }
            }
            if ctx.verdicts[f.name] == nil {
                ctx.verdicts[f.name] = RoleVerdict(role: .worker, target: .ecsFargate, reasons: ["no evidence of inbound traffic"],
                                                   decisions: [], rule: "WorkerRole")
            }
        }
        PublicOverride.apply(ctx)
        ExternalServices.run(ctx)
        attachLostEvidence(ctx)
    }

    /// The evidence that lost is shown beside the decision that won: as alternatives of the role
    /// decision and as the last reasons.
    private static func attachLostEvidence(_ ctx: PlanningContext) {
        for (name, lost) in ctx.lostEvidence where ctx.verdicts[name] != nil {
            var v = ctx.verdicts[name]!
            for l in lost where l.role != v.role {
                v.reasons.append(l.text)
                if let i = v.decisions.firstIndex(where: { $0.topic == "role" }) {
                    v.decisions[i].alternatives.append(Alternative(choice: l.role.rawValue, whyNot: l.text))
                }
            }
            ctx.verdicts[name] = v
        }
    }
}

/// Shared construction of verdicts.
enum Verdicts {
    static func decision(_ topic: String, _ choice: String, _ reason: String, rule: String, evidence: [Evidence],
                         alternatives: [Alternative] = [], key: String? = "x-ferry.role", source: DecisionSource = .inferred) -> Decision {
        Decision(topic: topic, choice: choice, reason: reason, source: source, evidence: evidence, alternatives: alternatives,
                 overrideKey: key, rule: rule)
    }

    static func make(_ role: ServiceRole, _ target: DeploymentTarget, rule: String, reason: String, evidence: [Evidence],
                     alternatives: [Alternative] = [], isPublic: Bool = false, extra: [String] = [], instead: String? = nil) -> RoleVerdict {
        var decisions = [decision("role", role.rawValue, reason, rule: rule, evidence: evidence, alternatives: alternatives)]
        decisions.append(decision("target", target.rawValue, reason, rule: rule, evidence: evidence, key: "x-ferry.target"))
        return RoleVerdict(role: role, target: target, isPublic: isPublic, reasons: [reason] + extra, decisions: decisions, rule: rule,
                           instead: instead)
    }
}
