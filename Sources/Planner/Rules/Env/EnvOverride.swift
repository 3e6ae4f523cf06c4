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
