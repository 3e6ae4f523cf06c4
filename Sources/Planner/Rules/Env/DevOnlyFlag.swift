import Blueprint

/// Development-only switches (`DEV_BYPASS_AUTH`, `*_DEMO_MODE`, `SKIP_AUTH`, `DEBUG`…) must be
/// absent in production: removed, and reported as a finding.
struct DevOnlyFlag: EnvRule {
    let name = "DevOnlyFlag"

    static func isDevFlag(_ tokens: [String]) -> Bool {
        let t = Set(tokens)
        if t.contains("BYPASS") || t.contains("INSECURE") { return true }
        if tokens.first == "DEV" || tokens.first == "DEVELOPMENT" { return true }
        if t.contains("DEMO") && (t.contains("MODE") || t.contains("ENABLED")) { return true }
        if t.contains("MOCK") || t.contains("MOCKS") || t.contains("FAKE") || t.contains("STUB") { return true }
        if (t.contains("SKIP") || t.contains("DISABLE") || t.contains("DISABLED") || t.contains("NO")) &&
            (t.contains("AUTH") || t.contains("AUTHENTICATION") || t.contains("VERIFY") || t.contains("VERIFICATION") || t.contains("CSRF") || t.contains("SSL") || t.contains("TLS")) { return true }
        if tokens == ["NODE", "TLS", "REJECT", "UNAUTHORIZED"] || tokens == ["PYTHONHTTPSVERIFY"] { return true }
        if ["CHOKIDAR", "WATCHPACK"].contains(tokens.first ?? "") { return true }
        return false
    }

    static func isDebug(_ tokens: [String]) -> Bool {
        tokens == ["DEBUG"] || tokens.last == "DEBUG" && tokens.count == 2 && ["FLASK", "DJANGO", "APP", "APPLICATION"].contains(tokens[0])
    }

    func classify(_ i: EnvInput, _ ctx: PlanningContext) -> EnvVar? {
        let tokens = i.tokens
        let flag = Self.isDevFlag(tokens)
        let debug = Self.isDebug(tokens)
        guard flag || debug else { return nil }
        let value = (i.value ?? "").lowercased()
        let on = !["", "false", "0", "no", "off", "none"].contains(value)
        let shown = SecretSignals.nameLooksSecret(i.name) ? "" : " (value \(i.value ?? ""))"
        ctx.addFinding(Finding(id: debug ? "FERRY-PLAN-DEBUG" : "FERRY-PLAN-DEV-FLAG", severity: on && flag ? .warning : .info,
                               message: "\(i.name) in \(i.facts.name) is a development-only \(debug ? "debug switch" : "flag")\(shown): removed, it must be absent in production",
                               subject: i.evidence.path, evidence: [i.evidence],
                               fix: "keep it out of the production environment; if the code reads it, make sure its default is the safe one"),
                       waiverFor: i.facts.name)
        return EnvVar(name: i.name, disposition: .removed, value: .unset,
                      reason: "development-only \(debug ? "debug switch" : "flag"): must be absent in production", evidence: [i.evidence])
    }
}
