import ComposeKit
import Blueprint

/// One variable being classified, with what the rules need around it.
struct EnvInput {
    let entry: EnvironmentEntry
    let facts: ServiceFacts
    /// Key path, redacted value and position.
    let evidence: Evidence

    var name: String { entry.name }
    var value: String? { entry.value }
    var upper: String { entry.name.uppercased() }
    /// The name without a browser prefix (`NEXT_PUBLIC_DEV_BYPASS_AUTH` → `DEV_BYPASS_AUTH`).
    var bareName: String {
        for p in BrowserVariables.prefixes where upper.hasPrefix(p) { return String(upper.dropFirst(p.count)) }
        return upper
    }
    var tokens: [String] { bareName.split(separator: "_").map(String.init) }
    /// The value came from a default written in the compose file (`${X:-default}`), not the environment.
    var usesTemplateDefault: Bool { entry.references.contains { $0.resolution == .defaultValue } }
}

/// One env rule: classifies a variable or passes. Rules run in order; the first answer wins.
protocol EnvRule: Sendable {
    var name: String { get }
    func classify(_ input: EnvInput, _ ctx: PlanningContext) -> EnvVar?
}

enum EnvClassifier {
    static let rules: [any EnvRule] = [
        EnvOverride(),
        DevOnlyFlag(),
        ReplacedCredential(),
        LocalEmulatorEndpoint(),
        ConnectionStringRewrite(),
        ServiceURLRewrite(),
        PublicURLRewrite(),
        SecretEnvVar(),
        ParameterEnvVar(),
        PlainEnvVar(),
    ]

    static func classify(_ f: ServiceFacts, _ ctx: PlanningContext) -> [EnvVar] {
        f.service.environment.map { e in
            let key = "environment.\(e.name)"
            let input = EnvInput(entry: e, facts: f,
                                 evidence: Evidence(path: "services.\(f.name).\(key)", value: Redaction.evidenceValue(name: e.name, value: e.value),
                                                    position: (e.location ?? f.service.locations[key]).map(SourcePosition.init)))
            for rule in rules {
                if var v = rule.classify(input, ctx) {
                    v.rule = v.rule ?? rule.name
                    if v.evidence.isEmpty { v.evidence = [input.evidence] }
                    if v.disposition == .secret || v.rule == "ReplacedCredential" {
                        // Credentials: the evidence names the key, never the value.
                        for j in v.evidence.indices where v.evidence[j].path == input.evidence.path && v.evidence[j].value != nil {
                            v.evidence[j].value = Redaction.placeholder
                        }
                    }
                    return v
                }
            }
            return EnvVar(name: e.name, disposition: .plain, value: .literal(e.value ?? ""), reason: "plain configuration", evidence: [input.evidence])
        }.sorted { $0.name < $1.name }
    }

    /// Variables of a service that is not deployed: why each goes away.
    static func notDeployed(_ f: ServiceFacts, _ v: RoleVerdict, _ ctx: PlanningContext) -> [EnvVar] {
        f.service.environment.map { e in
            let u = e.name.uppercased()
            let ev = Evidence(path: "services.\(f.name).environment.\(e.name)", value: Redaction.evidenceValue(name: e.name, value: e.value),
                              position: e.location.map(SourcePosition.init))
            var reason: String
            var disposition = EnvDisposition.removed
            switch v.role {
            case .datastore:
                if u.contains("PASSWORD") || u.contains("SECRET") || u.hasSuffix("_KEY") || u.contains("TOKEN") {
                    reason = "credential of the local \(f.technology?.product ?? "container"): the managed service's generated or managed secret replaces it"
                } else if (u.hasSuffix("_DB") || u.hasSuffix("_DATABASE")), ctx.blueprint.dataStore(named: f.name) != nil {
                    disposition = .rewritten
                    reason = "becomes the managed database's initial database name"
                } else if u.hasSuffix("_USER") || u.hasSuffix("_USERNAME"), ctx.blueprint.dataStore(named: f.name)?.masterUsername != nil {
                    disposition = .rewritten
                    reason = "becomes the managed service's master user name"
                } else {
                    reason = "configures the local \(f.technology?.product ?? "container"); the managed service replaces it"
                }
            case .`init`: reason = "setup job replaced by resources declared in the template"
            case .devtool: reason = "development tool, not deployed"
            case .proxy: reason = "the load balancer replaces the proxy"
            case .static: reason = "static files are uploaded to S3; runtime configuration must be built into them"
            default: reason = "not deployed"
            }
            return EnvVar(name: e.name, disposition: disposition, value: .unset, reason: reason, evidence: [ev], rule: "NotDeployed")
        }.sorted { $0.name < $1.name }
    }
}
