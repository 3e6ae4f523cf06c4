import Blueprint

/// Shared helpers for checks that read the rendered template.
extension PolicyContext {
    /// Resources of `type` in the template (empty when there is no template).
    func resources(_ type: String) -> [TemplateDocument.Resource] { template?.resources(ofType: type) ?? [] }

    /// A violation on a template resource, attributed to the compose service it was rendered for.
    func violation(_ r: TemplateDocument.Resource, _ message: String, evidence: [Evidence] = []) -> Violation {
        let service = serviceName(forLogicalID: r.logicalID)
        return Violation(subject: "template.Resources.\(r.logicalID)", message: message,
                         evidence: evidence + (service.map(serviceEvidence) ?? []), service: service)
    }

    /// The compose service a logical ID was rendered for: the renderer's `Metadata` tag when present,
    /// else the longest service name whose letters and digits begin the ID (`SvcAuthTaskDefinition` → `svc-auth`).
    func serviceName(forLogicalID id: String) -> String? {
        if let r = template?.resource(id), let s = r.metadata["ferry:service"]?.string ?? r.metadata["Ferry"]?["service"]?.string {
            return s
        }
        let lowered = id.lowercased()
        return logicalPrefixes.first { lowered.hasPrefix($0.prefix) }?.service
    }

    static func alnum(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }

    /// Where a service is declared in the compose files, as evidence.
    func serviceEvidence(_ service: String) -> [Evidence] {
        guard let position = servicePositions[service] else { return [] }
        return [Evidence(path: "services.\(service)", position: position)]
    }

    /// `Tier` is at least mvp: data protection settings are expected.
    var protectsData: Bool { tier >= .mvp }
}

/// IAM statements in a template, with the resource they belong to.
struct IAMStatement {
    var resource: TemplateDocument.Resource
    var policyName: String
    var effect: String
    var actions: [String]
    var notActions: Bool
    var resources: [String]
}

extension PolicyContext {
    /// Every permission statement (not trust policies) in roles, inline and managed policies.
    var iamStatements: [IAMStatement] {
        var out: [IAMStatement] = []
        func collect(_ r: TemplateDocument.Resource, _ name: String, _ document: TemplateValue?) {
            guard let document else { return }
            let statements: [TemplateValue]
            if case .array(let a)? = document["Statement"] { statements = a } else if let s = document["Statement"] { statements = [s] } else { return }
            for s in statements {
                let notAction = s["NotAction"] != nil
                out.append(IAMStatement(resource: r, policyName: name, effect: s["Effect"]?.string ?? "Allow",
                                        actions: (s["Action"] ?? s["NotAction"])?.stringList ?? [],
                                        notActions: notAction,
                                        resources: (s["Resource"] ?? s["NotResource"])?.stringList ?? []))
            }
        }
        for r in resources("AWS::IAM::Role") {
            for p in r.properties["Policies"]?.array ?? [] {
                collect(r, p["PolicyName"]?.string ?? "inline", p["PolicyDocument"])
            }
        }
        for type in ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"] {
            for r in resources(type) {
                collect(r, r.properties["PolicyName"]?.string ?? r.properties["ManagedPolicyName"]?.string ?? r.logicalID,
                        r.properties["PolicyDocument"])
            }
        }
        return out
    }

    /// Container definitions of every task definition.
    var containers: [(task: TemplateDocument.Resource, container: TemplateValue)] {
        resources("AWS::ECS::TaskDefinition").flatMap { t in
            (t.properties["ContainerDefinitions"]?.array ?? []).map { (t, $0) }
        }
    }
}

extension PolicyContext {
    /// Where an environment variable of a service was written in the compose files.
    func envEvidence(service: String?, name: String) -> [Evidence] {
        guard let service, let bp = blueprint else { return [] }
        let vars = (bp.workload(named: service)?.environment ?? []) + (bp.servicePlan(named: service)?.environment ?? [])
        guard let v = vars.first(where: { $0.name == name }) else { return [] }
        // Evidence values are already redacted by the planner for secrets; drop them anyway.
        return v.evidence.map { Evidence(path: $0.path, value: nil, position: $0.position) }.prefix(1).map { $0 }
    }

    /// Workloads ferry deploys (Blueprint view), for checks that also work without a template.
    var deployedWorkloads: [Workload] {
        (blueprint?.workloads ?? []).filter { $0.target.isECSService || $0.target == .ecsFargateTask }
    }

    /// A violation on a Blueprint element of a service.
    func violation(service: String, subject: String, _ message: String, evidence: [Evidence] = []) -> Violation {
        Violation(subject: subject, message: message, evidence: evidence.isEmpty ? serviceEvidence(service) : evidence, service: service)
    }
}
