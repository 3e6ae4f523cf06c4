import Blueprint

/// Secrets, by name (`*_PASSWORD`, `*_SECRET`, `*_TOKEN`, `*_API_KEY`, `*_KEY_V1`…; `*_AUTH` with a
/// value that is not public), by value (URLs with credentials, `user:pass`, PEM blocks, JWTs, known
/// key prefixes, high entropy) or by origin (built from a secret variable: `${USER}/${PASSWORD}`):
/// stored in Secrets Manager and injected with `valueFrom`. Placeholders and development defaults
/// (`change-me…`) become generated secrets; real values are supplied before the first deploy
/// (`aws secretsmanager put-secret-value`). A value is never stored.
struct SecretEnvVar: EnvRule {
    let name = "SecretEnvVar"

    func classify(_ i: EnvInput, _ ctx: PlanningContext) -> EnvVar? {
        let value = i.value ?? ""
        let byName = SecretSignals.nameLooksSecret(i.name)
            || (SecretSignals.nameSuggestsSecret(i.name) && !SecretSignals.valueIsPublic(value))
        let byValue = SecretSignals.valueLooksSecret(value)
            || SecretSignals.looksLikeBasicAuth(value, credentialsName: SecretSignals.nameSuggestsCredentials(i.name))
        // Another variable's secret written into this value (`…;Password=<SA_PASSWORD>`).
        let byOrigin = !i.secretParts.isEmpty || (!byName && !byValue && ctx.embeddableSecrets.contains { value.contains($0) })
        guard byName || byValue || byOrigin else { return nil }
        let why = byName ? "the name \(i.name) marks a secret" : byValue ? "the value looks like a credential" : "the value is built from a secret variable"
        let generation: SecretGeneration
        let how: String
        if value.isEmpty {
            generation = .provided
            how = "no value locally: supply it before the first deploy"
            ctx.addFinding(Finding(id: "FERRY-PLAN-SECRET-MISSING", severity: .info,
                                   message: "\(i.name) in \(i.facts.name) has no value locally: its secret must be set before the first deploy",
                                   subject: i.evidence.path, evidence: [i.evidence],
                                   fix: "put the value into Secrets Manager (aws secretsmanager put-secret-value) before the first deploy"),
                           waiverFor: i.facts.name)
        } else if Self.looksLikeFilePath(value) && !byValue && !byOrigin {
            return nil
        } else if byOrigin && !SecretTaint.coversWhole(value, i.secretParts) {
            // A random value could not keep the rest of it (`user:` in `user:${PASS}`).
            generation = .provided
            how = "supply the whole value before the first deploy (a generated value could not keep its other parts)"
        } else if Self.issuedByOthers(i, ctx) {
            generation = .provided
            how = SecretSignals.isInsecureDefault(value)
                ? "issued by another service and only a placeholder locally: supply the real value before the first deploy"
                : "issued by another service: copy the real value into Secrets Manager before the first deploy"
        } else if SecretSignals.isInsecureDefault(value) || (i.usesTemplateDefault && !SecretSignals.highEntropy(value)) {
            generation = .generated(length: 48, excludePunctuation: true, jsonKey: nil)
            how = "the local value is a development default: a random value is generated at deploy"
        } else {
            generation = .provided
            how = "copy the real value into Secrets Manager before the first deploy"
        }
        if SecretSignals.isPlaceholder(value) { placeholderFinding(i, ctx, generation) }
        let decision = Decision(topic: "generation", choice: {
            if case .generated = generation { return "generated" }
            return "provided"
        }(), reason: how, evidence: [i.evidence], overrideKey: "x-ferry.env.\(i.name)", rule: name)
        let s = ctx.secret(forEnv: i.name, value: i.value, service: i.facts.name, description: "\(i.name) (\(how))",
                           generation: generation, decisions: [decision])
        return EnvVar(name: i.name, disposition: .secret, value: .secret(name: s, key: nil), reason: "\(why): Secrets Manager; \(how)")
    }

    /// A placeholder is not a secret anyone chose: say what replaces it.
    private func placeholderFinding(_ i: EnvInput, _ ctx: PlanningContext, _ generation: SecretGeneration) {
        let generated: Bool = { if case .generated = generation { return true }; return false }()
        ctx.addFinding(Finding(id: "FERRY-PLAN-SECRET-PLACEHOLDER", severity: .info,
                               message: "\(i.name) in \(i.facts.name) holds a placeholder, not a secret: "
                                   + (generated ? "the template generates a random value" : "its real value must be set before the first deploy"),
                               subject: i.evidence.path, evidence: [i.evidence],
                               fix: generated ? "nothing to do; set x-ferry.env.\(i.name) to supply your own" : "put the value into Secrets Manager (aws secretsmanager put-secret-value) before the first deploy"),
                       waiverFor: i.facts.name)
    }

    static func looksLikeFilePath(_ v: String) -> Bool {
        (v.hasPrefix("/") || v.hasPrefix("./") || v.hasPrefix("~/")) && !v.contains(" ") && !v.contains("://")
    }

    /// Keys and client secrets another party issues (API keys of hosted services, OAuth client
    /// secrets, DSNs) cannot be generated; the app's own secrets (JWT/session secrets, passwords,
    /// internal tokens, its own API keys) can.
    static func issuedByOthers(_ i: EnvInput, _ ctx: PlanningContext) -> Bool {
        let n = i.bareName
        let t = Set(i.tokens)
        if ExternalServices.providers.contains(where: { p in p.envPrefixes.contains { n.hasPrefix($0) } }) { return true }
        if n.contains("CLIENT_SECRET") || n.hasSuffix("_DSN") || n.contains("SERVICE_ROLE") || n.contains("WEBHOOK") { return true }
        let own = ["JWT", "SESSION", "COOKIE", "SIGNING", "ENCRYPTION", "SALT", "PASSWORD", "PASS", "PWD", "INTERNAL", "APP", "SECRET"]
        if !t.isDisjoint(with: own) && !t.contains("API") { return false }
        // `<PROJECT>_API_KEY`: the app's own key.
        let first = (i.tokens.first ?? "").lowercased()
        if !first.isEmpty && (ctx.slug.contains(first) || i.facts.shortName.contains(first)) { return false }
        return t.contains("API") || t.contains("KEY") || t.contains("ACCESS") || t.contains("CREDENTIALS")
    }
}
