import Blueprint

/// `x-ferry.env.NAME: secret|parameter|plain|removed` decides a variable's disposition.
struct EnvOverride: EnvRule {
    let name = "EnvOverride"

    func classify(_ i: EnvInput, _ ctx: PlanningContext) -> EnvVar? {
        guard let d = i.facts.overrides.env[i.name] else { return nil }
        let ev = [i.evidence] + (i.facts.overrides.evidence["env.\(i.name)"].map { [$0] } ?? [])
        let reason = "x-ferry.env.\(i.name): \(d.rawValue)"
        switch d {
        case .secret:
            let generated = i.value.map(SecretSignals.isInsecureDefault) ?? false
            let s = ctx.secret(forEnv: i.name, value: i.value, service: i.facts.name, description: "\(i.name) of \(i.facts.name)",
                               generation: generated ? .generated(length: 48, excludePunctuation: true, jsonKey: nil) : .provided, decisions: [])
            return EnvVar(name: i.name, disposition: .secret, value: .secret(name: s, key: nil), reason: reason, evidence: ev)
        case .parameter:
            // An SSM String parameter is plain text in the template: a secret-shaped value stays a secret.
            if SecretSignals.valueLooksSecret(i.value ?? "") || !i.secretParts.isEmpty {
                ctx.addFinding(Finding(id: "FERRY-PLAN-OVERRIDE-SECRET", severity: .warning,
                                       message: "x-ferry.env.\(i.name): parameter is not applied: the value of \(i.name) in \(i.facts.name) holds credentials, so it stays in Secrets Manager",
                                       subject: i.evidence.path, evidence: ev.map { var e = $0; e.value = e.value.map { _ in Redaction.placeholder }; return e },
                                       fix: "keep the credentials out of the value (a separate secret variable), or drop the override"), waiverFor: i.facts.name)
                return nil
            }
            let p = ctx.parameter(forEnv: i.name, value: i.value ?? "", service: i.facts.name, description: "\(i.name) of \(i.facts.name)", decisions: [])
            return EnvVar(name: i.name, disposition: .parameter, value: .parameter(name: p), reason: reason, evidence: ev)
        case .removed:
            return EnvVar(name: i.name, disposition: .removed, value: .unset, reason: reason, evidence: ev)
        case .plain, .rewritten:
            if SecretSignals.valueLooksSecret(i.value ?? "") { return nil }  // never put a secret-shaped value in plain text
            return EnvVar(name: i.name, disposition: .plain, value: .literal(i.value ?? ""), reason: reason, evidence: ev)
        }
    }
}
