import ComposeKit
import Blueprint

/// A role decision for one compose service.
struct RoleVerdict {
    var role: ServiceRole
    var target: DeploymentTarget
    var isPublic = false
    var reasons: [String]
    var decisions: [Decision]
    var rule: String
    /// For dev tools and replaced services: what to use instead (shown in the plan).
    var instead: String? = nil
    /// How strong its evidence is (`EvidenceWeights`); 0: the rule's default weight.
    var weight = 0
}

/// A verdict a rule would have given but weaker evidence lost; the plan shows it.
struct LostEvidence {
    var rule: String
    var role: ServiceRole
    var weight: Int
    var against: Int
    var why: String
    var winner: String

    /// The winner is the decision's first reason; this names what lost and by how much.
    var text: String { "weaker evidence for \(role.rawValue): \(why) (weight \(weight) against \(against))" }
}

/// State shared by the rules while one plan is made. Rules read the project and the
/// facts, and add verdicts, Blueprint elements and findings.
final class PlanningContext {
    let project: Project
    let options: PlanOptions
    let overrides: ProjectOverrides
    let tier: Tier
    let region: String
    let environment: String
    /// Lowercase project name used in AWS names.
    let slug: String
    private(set) var facts: [ServiceFacts]
    let graph: ReferenceGraph
    let defaults: TierDefaults
    /// Routes reverse proxies declare in their own configuration, resolved to services (facts and graph only).
    private(set) lazy var proxyRoutes: [ProxiedRoute] = ProxyRouting.routes(self)
    /// The project's secret values, long enough to recognise inside another value (`SecretValues`).
    private(set) lazy var embeddableSecrets: [String] = SecretValues.of(project).filter { $0.utf8.count >= 8 }.sorted()
    /// Words the project writes openly (`SecretTaint.openValues`).
    private(set) lazy var openValues: Set<String> = SecretTaint.openValues(project)
    var verdicts: [String: RoleVerdict] = [:]
    /// Verdicts that lost to stronger evidence, per service, shown with the winning decision.
    var lostEvidence: [String: [LostEvidence]] = [:]

    func lose(_ service: String, _ e: LostEvidence) { lostEvidence[service, default: []].append(e) }
    var blueprint: Blueprint
    var findings: [Finding] = []
    /// Env classification of services that are not workloads.
    var serviceEnv: [String: [EnvVar]] = [:]
    /// Hosted services found in env (role `external`).
    var externalPlans: [ServicePlan] = []
    /// Blueprint element per compose service (`dataStores.db`, `buckets.uploads`).
    var elements: [String: String] = [:]
    /// Bind mounts (`service/volumes[i]`) whose host directory became an S3 bucket, by bucket name.
    var directoryBuckets: [String: String] = [:]
    /// Cloud Map DNS label per deployed service other services call.
    var discoveryNames: [String: String] = [:]
    /// Cloud Map namespace (`smartboard.internal`).
    var namespace: String { overrides.namespace ?? "\(slug).internal" }
    /// Load balancer routing per public service.
    var routes: [String: RoutePlan] = [:]
    /// Secret values seen per logical secret name, to share one secret between services
    /// that use the same value, never written out.
    private var secretFingerprints: [String: String] = [:]

    init(project: Project, options: PlanOptions) {
        self.project = project
        self.options = options
        overrides = ProjectOverrides(project: project)
        tier = options.tierIsExplicit ? options.tier : (overrides.tier ?? options.tier)
        region = options.regionIsExplicit ? options.region : (overrides.region ?? options.region)
        slug = Naming.kebab(project.name)
        environment = Naming.kebab(options.environment ?? overrides.environment ?? tier.rawValue)
        facts = project.services.sorted { $0.name < $1.name }.map { ServiceFacts(service: $0, projectName: project.name) }
        graph = ReferenceGraph(facts: facts)
        for i in facts.indices {
            for r in graph.callers(of: facts[i].name) where !r.viaHostPort {
                if let port = r.mention?.port { facts[i].learnPort(port, evidence: r.evidence) }
            }
        }
        defaults = TierDefaults(tier: tier)
        blueprint = Blueprint(project: slug, environment: environment, tier: tier, region: region)
    }

    func facts(_ name: String) -> ServiceFacts? { facts.first { $0.name == name } }

    /// The ports a proxy's routes forward to become ports of their targets (read once, before roles).
    func learnRoutedPorts() {
        for r in proxyRoutes {
            guard let port = r.route.upstreamPort, let i = facts.firstIndex(where: { $0.name == r.target }) else { continue }
            facts[i].learnPort(port, evidence: r.evidence)
        }
    }
    func role(of name: String) -> ServiceRole? { verdicts[name]?.role }

    /// Services that run as containers on AWS.
    func isDeployedApp(_ name: String) -> Bool {
        guard let v = verdicts[name] else { return true }  // not yet decided: an application
        return [.web, .internal, .worker, .job].contains(v.role)
    }

    /// Deployed services that reach `name` over the network (not browsers, not dev tools).
    func appCallers(of name: String) -> [Reference] {
        graph.callers(of: name).filter { $0.isNetworkCall && !$0.viaHostPort && !$0.fromBrowser && isDeployedApp($0.caller) && $0.caller != name }
    }

    /// Workloads that talk to a replaced service (datastore): network references or `depends_on`.
    func clients(of name: String) -> [String] {
        let names = graph.callers(of: name).filter { !$0.asOrigin && isDeployedApp($0.caller) }.map(\.caller)
        return Array(Set(names)).sorted()
    }

    /// Host names of services defined but not enabled (other profiles).
    lazy var disabledHosts: [String: String] = {
        var out: [String: String] = [:]
        for s in project.disabledServices {
            for n in [s.name, s.containerName, s.hostname].compactMap({ $0 }) where !n.isEmpty { out[n.lowercased()] = s.name }
        }
        return out
    }()

    /// AWS name prefix: `project-environment`.
    var prefix: String { "\(slug)-\(environment)" }

    /// No domain and no certificate, and HTTP is acceptable (the dev tier, or `--allow-http`): the load
    /// balancer serves HTTP on its own DNS name instead of asking for a certificate parameter.
    var servesHTTPOnly: Bool {
        overrides.certificateArn == nil && overrides.domain == nil && (tier == .dev || options.allowHTTP)
    }

    /// The scheme of the application's public URL, for the env rules that write it.
    var publicScheme: String { servesHTTPOnly ? "http" : "https" }

    func addFinding(_ f: Finding, waiverFor service: String? = nil) {
        var f = f
        if let reason = overrides.waivers[f.id] ?? service.flatMap({ facts($0)?.overrides.waivers[f.id] }) { f.waiver = reason }
        findings.append(f)
    }

    /// Registers (or reuses) a secret for an env var. Two services share a secret when the
    /// variable name and value are the same; otherwise the second gets a service suffix.
    func secret(forEnv name: String, value: String?, service: String, description: String, generation: SecretGeneration,
                decisions: [Decision]) -> String {
        var logical = Naming.fromEnv(name)
        let fingerprint = value ?? "\u{0}unset"
        if let existing = secretFingerprints[logical], existing != fingerprint {
            logical = "\(Naming.shortName(service, project: project.name))-\(logical)"
        }
        secretFingerprints[logical] = fingerprint
        if let i = blueprint.secrets.firstIndex(where: { $0.name == logical }) {
            if !blueprint.secrets[i].consumers.contains(service) {
                blueprint.secrets[i].consumers.append(service)
                blueprint.secrets[i].consumers.sort()
            }
            return logical
        }
        blueprint.secrets.append(SecretSpec(name: logical, secretName: "\(slug)/\(environment)/\(logical)", description: description,
                                            generation: generation, consumers: [service], decisions: decisions))
        return logical
    }

    /// Registers (or reuses) an SSM parameter.
    func parameter(forEnv name: String, value: String, service: String, description: String, decisions: [Decision]) -> String {
        var logical = Naming.fromEnv(name)
        if let existing = blueprint.parameters.first(where: { $0.name == logical }), existing.value != value {
            logical = "\(Naming.shortName(service, project: project.name))-\(logical)"
        }
        if let i = blueprint.parameters.firstIndex(where: { $0.name == logical }) {
            if !blueprint.parameters[i].consumers.contains(service) {
                blueprint.parameters[i].consumers.append(service)
                blueprint.parameters[i].consumers.sort()
            }
            return logical
        }
        blueprint.parameters.append(ParameterSpec(name: logical, parameterName: "/\(slug)/\(environment)/\(logical)", value: value,
                                                  description: description, consumers: [service], decisions: decisions))
        return logical
    }
}
