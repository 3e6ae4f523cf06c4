import Blueprint

/// URLs and hosts naming another deployed service (`http://svc-auth:4010`) are rewritten to its
/// Cloud Map name (`http://svc-auth.smartboard.internal:4010`). A reference to a service that is
/// not deployed (a dev tool) is kept as a parameter to set, and reported.
struct ServiceURLRewrite: EnvRule {
    let name = "ServiceURLRewrite"

    func classify(_ i: EnvInput, _ ctx: PlanningContext) -> EnvVar? {
        guard let value = i.value, !value.isEmpty else { return nil }
        var rewritten = value
        var targets: [String] = []
        if value.hasPrefix("/run/secrets/") {
            return EnvVar(name: i.name, disposition: .removed, value: .unset,
                          reason: "path of a compose secret file: on ECS the secret arrives as an environment variable instead")
        }
        // A value that carries credentials is never kept as a parameter (plain text in SSM and the
        // template): it falls through to SecretEnvVar, which keeps it in Secrets Manager.
        let carriesSecret = SecretSignals.valueLooksSecret(value) || !i.secretParts.isEmpty || SecretSignals.nameLooksSecret(i.name)
        for m in i.mentions where !m.isLoopback {
            if ctx.graph.hostIndex[m.host] == nil, let disabled = ctx.disabledHosts[m.host] {
                if carriesSecret { return nil }
                let p = ctx.parameter(forEnv: i.name, value: value, service: i.facts.name, description: "\(i.name) of \(i.facts.name)", decisions: [])
                ctx.addFinding(Finding(id: "FERRY-PLAN-UNDEPLOYED-TARGET", severity: .warning,
                                       message: "\(i.name) in \(i.facts.name) points at \(disabled), which is only in an inactive profile and is not deployed",
                                       subject: i.evidence.path, evidence: [i.evidence], fix: "set the parameter to the production endpoint"),
                               waiverFor: i.facts.name)
                return EnvVar(name: i.name, disposition: .parameter, value: .parameter(name: p),
                              reason: "points at \(disabled), a service of an inactive profile that is not deployed: set the SSM parameter to the production endpoint")
            }
            guard let owner = ctx.graph.hostIndex[m.host], owner != i.facts.name || m.explicit else { continue }
            guard let role = ctx.role(of: owner) else { continue }
            switch role {
            case .web, .internal, .worker, .job:
                guard let dns = ctx.discoveryNames[owner] else { continue }
                rewritten = Self.replaceHost(m.host, with: "\(dns).\(ctx.namespace)", in: rewritten)
                targets.append(owner)
            case .proxy:
                let prefix = "\(ctx.publicScheme)://{publicHost}"
                if m.scheme != nil, !ctx.routes.isEmpty {
                    rewritten = Self.replaceOrigin(of: m, in: rewritten, with: prefix)
                    targets.append(owner)
                }
            case .devtool, .`init`:
                ctx.addFinding(Finding(id: "FERRY-PLAN-UNDEPLOYED-TARGET", severity: .warning,
                                       message: "\(i.name) in \(i.facts.name) points at \(owner), which is not deployed (\(role.rawValue))",
                                       subject: i.evidence.path, evidence: [i.evidence],
                                       fix: ctx.verdicts[owner]?.instead.map { "set the parameter to the production service: \($0)" } ?? "set the parameter to the production endpoint"),
                               waiverFor: i.facts.name)
                if carriesSecret { return nil }
                let p = ctx.parameter(forEnv: i.name, value: value, service: i.facts.name, description: "\(i.name) of \(i.facts.name)", decisions: [])
                return EnvVar(name: i.name, disposition: .parameter, value: .parameter(name: p),
                              reason: "points at \(owner), a \(role.rawValue) that is not deployed: set the SSM parameter to the production endpoint")
            default:
                continue
            }
        }
        guard !targets.isEmpty else { return nil }
        let names = Array(Set(targets)).sorted().joined(separator: ", ")
        if rewritten.contains("{publicHost}") {
            return EnvVar(name: i.name, disposition: .rewritten,
                          value: .template(rewritten, parts: ["publicHost": ResourceReference(kind: .loadBalancer, name: "public", attribute: "host")]),
                          reason: "URL of \(names) (a proxy the load balancer replaces): the public HTTPS URL")
        }
        if carriesSecret {
            // The rewritten URL still holds its credentials: it is a secret whose value is supplied
            // (the template cannot hold it), with the Cloud Map host to use.
            let secret = ctx.secret(forEnv: i.name, value: rewritten, service: i.facts.name,
                                    description: "\(i.name) of \(i.facts.name): its URL with credentials, pointing at \(names) by the Cloud Map name in \(ctx.namespace)",
                                    generation: .provided, decisions: [])
            return EnvVar(name: i.name, disposition: .secret, value: .secret(name: secret, key: nil),
                          reason: "URL of \(names) with credentials: kept in Secrets Manager; supply it with the host \(targets.compactMap { ctx.discoveryNames[$0] }.sorted().first.map { "\($0).\(ctx.namespace)" } ?? ctx.namespace)")
        }
        return EnvVar(name: i.name, disposition: .rewritten, value: .literal(rewritten),
                      reason: "URL of \(names) rewritten to the Cloud Map name in \(ctx.namespace)")
    }

    /// Replaces `host` where it appears as a host: after `://` or `@`, before `:`/`/`, or as the whole value.
    static func replaceHost(_ host: String, with new: String, in text: String) -> String {
        if text.lowercased() == host { return new }
        var out = ""
        var rest = Substring(text)
        while let r = rest.range(of: host, options: .caseInsensitive) {
            let before = rest[..<r.lowerBound]
            let prev = before.last ?? (out.last ?? " ")
            let next = rest[r.upperBound...].first ?? " "
            let boundaryBefore = prev == "/" || prev == "@" || prev == " " || prev == "," || prev == "="
            let boundaryAfter = next == ":" || next == "/" || next == " " || next == "," || next == "?"
            out += before
            out += (boundaryBefore && boundaryAfter) ? new : String(rest[r])
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    /// Replaces `scheme://[user@]host[:port]` of a mention with `origin`.
    static func replaceOrigin(of m: HostMention, in text: String, with origin: String) -> String {
        guard let scheme = m.scheme, let r = text.range(of: "\(scheme)://", options: .caseInsensitive) else { return text }
        let after = text[r.upperBound...]
        let end = after.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == " " || $0 == "," }) ?? after.endIndex
        return String(text[..<r.lowerBound]) + origin + String(after[end...])
    }
}
