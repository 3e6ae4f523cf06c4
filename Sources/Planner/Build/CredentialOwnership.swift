import Blueprint

/// Decides who owns each relational store's master password, once the workloads' variables are known.
///
/// RDS can create the password itself (`ManageMasterUserPassword`) and rotates it every 7 days. ECS
/// reads a secret only when a task starts, and a connection string that ferry composes at deploy time
/// (`DATABASE_URL=postgresql://user:pass@db/app`) holds the password itself: after a rotation that
/// string is stale and new connections fail. So when a deployed workload reads the password inside a
/// composed value, the template generates the password once (URL-safe characters) and rotation is a
/// deliberate step; otherwise RDS manages it. `x-ferry: {credentials: managed | generated}` decides.
enum CredentialOwnership {
    static func run(_ ctx: PlanningContext) {
        for index in ctx.blueprint.dataStores.indices where ctx.blueprint.dataStores[index].kind.isRelational {
            let store = ctx.blueprint.dataStores[index]
            guard let secretName = store.credentialsSecret else { continue }
            let composedBy = composedConsumers(of: secretName, ctx.blueprint)
            let override = ctx.facts(store.name)?.overrides
            let decision: Decision
            if let chosen = override?.credentials {
                decision = Decision(topic: "credentials", choice: chosen.rawValue, reason: "x-ferry.credentials", source: .override,
                                    evidence: override?.overrideEvidence("credentials") ?? [], overrideKey: "x-ferry.credentials",
                                    rule: "CredentialOwnership")
                if chosen == .service, let first = composedBy.first {
                    ctx.addFinding(Finding(id: "FERRY-PLAN-ROTATION-STALE", severity: .warning,
                                           message: "\(first.variable) of \(first.workload) embeds the master credentials of \(store.name), which RDS rotates every 7 days: the composed value goes stale after the first rotation",
                                           subject: "services.\(store.name).x-ferry.credentials",
                                           fix: "read the credentials from their own variables and restart tasks after each rotation, or set `x-ferry: {credentials: generated}`"),
                                   waiverFor: store.name)
                }
            } else if composedBy.isEmpty {
                decision = Decision(topic: "credentials", choice: StoreCredentials.service.rawValue,
                                    reason: "no workload embeds the master credentials in a composed value: RDS creates them in Secrets Manager and rotates them every 7 days",
                                    alternatives: [Alternative(choice: StoreCredentials.template.rawValue, whyNot: "credentials that never rotate by themselves are weaker")],
                                    overrideKey: "x-ferry.credentials", rule: "CredentialOwnership")
            } else {
                let names = composedBy.map { "\($0.variable) of \($0.workload)" }
                decision = Decision(topic: "credentials", choice: StoreCredentials.template.rawValue,
                                    reason: "\(names.joined(separator: ", ")) embeds the master credentials in a connection string built at deploy time; RDS rotation would leave it stale after 7 days, so the template generates URL-safe credentials that change only when rotated deliberately",
                                    evidence: composedBy.compactMap(\.evidence),
                                    alternatives: [Alternative(choice: StoreCredentials.service.rawValue,
                                                               whyNot: "RDS rotates the credentials every 7 days and the composed connection string would keep the old ones")],
                                    overrideKey: "x-ferry.credentials", rule: "CredentialOwnership")
            }
            let owner = StoreCredentials(rawValue: decision.choice) ?? .service
            ctx.blueprint.dataStores[index].credentials = owner
            ctx.blueprint.dataStores[index].decisions.append(decision)
            if owner == .template, let s = ctx.blueprint.secrets.firstIndex(where: { $0.name == secretName }) {
                ctx.blueprint.secrets[s].description = "Master credentials of \(store.name) (generated at deploy time, not rotated automatically)"
                ctx.blueprint.secrets[s].decisions.append(decision)
            }
        }
    }

    /// Workload variables whose composed secret reads the password of `secret`, sorted.
    private static func composedConsumers(of secret: String, _ b: Blueprint) -> [(workload: String, variable: String, evidence: Evidence?)] {
        let composed = Set(b.secrets.compactMap { spec -> String? in
            guard case .composed(_, let parts) = spec.generation,
                  parts.values.contains(where: { $0.kind == .secret && $0.name == secret && $0.attribute == "password" }) else { return nil }
            return spec.name
        })
        guard !composed.isEmpty else { return [] }
        var out: [(workload: String, variable: String, evidence: Evidence?)] = []
        for w in b.workloads {
            for v in w.environment {
                if case .secret(let name, _) = v.value, composed.contains(name) { out.append((w.name, v.name, v.evidence.first)) }
            }
        }
        return out.sorted { ($0.workload, $0.variable) < ($1.workload, $1.variable) }
    }
}
