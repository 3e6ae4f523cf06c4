import ComposeKit
import Blueprint

/// One variable being classified, with what the rules need around it. The name's forms and the
/// hosts its value names are worked out once here, not by each rule.
struct EnvInput {
    let entry: EnvironmentEntry
    let facts: ServiceFacts
    /// Key path, redacted value and position.
    let evidence: Evidence
    let upper: String
    /// The name without a browser prefix (`NEXT_PUBLIC_DEV_BYPASS_AUTH` → `DEV_BYPASS_AUTH`).
    let bareName: String
    let tokens: [String]
    /// Hosts the value names; bare words count when the name says it holds a host (`DB_HOST`).
    let mentions: [HostMention]
    /// What secret variables put into the value (`${PASSWORD}` in `user:${PASSWORD}`).
    let secretParts: [String]

    init(entry: EnvironmentEntry, facts: ServiceFacts, evidence: Evidence) {
        self.entry = entry
        secretParts = SecretTaint.secretParts(entry)
        self.facts = facts
        self.evidence = evidence
        let upper = entry.name.uppercased()
        self.upper = upper
        let bare = BrowserVariables.prefixes.first { upper.hasPrefix($0) }.map { String(upper.dropFirst($0.count)) } ?? upper
        bareName = bare
        tokens = bare.split(separator: "_").map(String.init)
        mentions = entry.value.map { HostScanner.mentions(in: $0, bareWordsAreHosts: HostScanner.nameSuggestsHost(entry.name)) } ?? []
    }

    var name: String { entry.name }
    var value: String? { entry.value }
    /// Hosts written as a URL or `host:port`.
    var explicitMentions: [HostMention] { mentions.filter(\.explicit) }
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
        GoogleCloudLocalSetting(),
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
                                 evidence: Evidence(path: "services.\(f.name).\(key)", value: Redaction.evidenceValue(e),
                                                    position: (e.location ?? f.service.locations[key]).map(SourcePosition.init)))
            for rule in rules {
                if var v = rule.classify(input, ctx) {
                    // A rule that would write a secret variable's part as text does not get the variable.
                    if writesSecret(v, input) { continue }
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

    private static func writesSecret(_ v: EnvVar, _ i: EnvInput) -> Bool {
        switch v.value {
        case .literal(let text), .template(let text, _): return i.secretParts.contains { !$0.isEmpty && text.contains($0) }
        default: return false
        }
    }

    /// Variables of a service that is not deployed: why each goes away.
    static func notDeployed(_ f: ServiceFacts, _ v: RoleVerdict, _ ctx: PlanningContext) -> [EnvVar] {
        f.service.environment.map { e in
            let u = e.name.uppercased()
            let ev = Evidence(path: "services.\(f.name).environment.\(e.name)", value: Redaction.evidenceValue(e),
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
