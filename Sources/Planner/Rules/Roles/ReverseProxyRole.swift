import Blueprint

/// A reverse proxy in front of the apps (nginx, traefik, caddy, haproxy, envoy): its job is
/// routing, which the load balancer's listener rules do; the services behind it become public.
struct ReverseProxyRole: RoleRule {
    let name = "ReverseProxyRole"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard f.technology?.technology == .proxy else { return nil }
        let upstreams = Self.upstreams(of: f, ctx)
        let dockerSocket = f.service.volumes.contains { ($0.source ?? "").hasSuffix("docker.sock") }
        guard !upstreams.isEmpty || dockerSocket else { return nil }
        let product = f.technology?.product ?? "proxy"
        // The load balancer can take over only routing it knows: routes read from the proxy's
        // configuration or labels, or a single upstream that gets everything.
        let routed = ctx.proxyRoutes.contains { $0.proxy == f.name }
        // A Docker-socket proxy with no labelled containers routes nothing of the app: nothing to keep.
        if !routed && upstreams.count > 1 { return Self.kept(f, upstreams: upstreams, product: product, ctx) }
        let names = upstreams.isEmpty ? "the containers it discovers through the Docker socket" : upstreams.joined(separator: ", ")
        var v = Verdicts.make(.proxy, .alb, rule: name,
                              reason: "\(product) routes to \(names): the load balancer's listener rules do that job",
                              evidence: (f.technologyEvidence.map { [$0] } ?? []) + Self.evidence(of: f, reaching: upstreams, ctx),
                              alternatives: [Alternative(choice: "ecs-fargate", whyNot: "a proxy task behind the ALB adds a hop, a cost and a failure point; deploy it with x-ferry.role: web if it does more than route")],
                              isPublic: true)
        v.instead = "ALB listener rules"
        return v
    }

    /// A proxy whose routes cannot be read (a template filled at start, a Caddyfile, HAProxy, Traefik
    /// without labels) stays the public entry point in front of its upstreams: never lose the app.
    static func kept(_ f: ServiceFacts, upstreams: [String], product: String, _ ctx: PlanningContext) -> RoleVerdict {
        let names = upstreams.joined(separator: ", ")
        ctx.addFinding(Finding(id: "FERRY-PLAN-PROXY-KEPT", severity: .warning,
                               message: "the routes of \(f.name) (\(product)) cannot be read, so it stays deployed as the public entry point in front of \(names)",
                               subject: "services.\(f.name)", evidence: f.technologyEvidence.map { [$0] } ?? [],
                               fix: "bake its configuration into its image and point it at the Cloud Map names (\(upstreams.map { "\(ctx.facts($0)?.shortName ?? $0).\(ctx.namespace)" }.joined(separator: ", "))); or give x-ferry.path on each upstream and x-ferry.role: proxy to let the load balancer route"),
                       waiverFor: f.name)
        var v = Verdicts.make(.web, .ecsFargate, rule: "ReverseProxyRole",
                              reason: "\(product) in front of \(names) with routes ferry cannot read: kept as the public entry point behind the load balancer",
                              evidence: (f.technologyEvidence.map { [$0] } ?? []) + Self.evidence(of: f, reaching: upstreams, ctx),
                              alternatives: [Alternative(choice: "alb", whyNot: "its routing is not readable, so listener rules cannot replace it")],
                              isPublic: true)
        v.weight = EvidenceWeights.reverseProxy
        return v
    }

    /// The proxy a service sits behind when that proxy stays deployed (`kept`).
    static func keptProxy(in service: String, _ ctx: PlanningContext) -> String? {
        ctx.verdicts.keys.sorted().first { name in
            guard let v = ctx.verdicts[name], v.rule == "ReverseProxyRole", v.role == .web, let pf = ctx.facts(name) else { return false }
            return upstreams(of: pf, ctx).contains(service)
        }
    }

    /// Application services it forwards to: the targets of its configuration's routes (nginx
    /// `proxy_pass`), and services named in its env or command, or in `depends_on`.
    static func upstreams(of f: ServiceFacts, _ ctx: PlanningContext) -> [String] {
        let refs = ctx.graph.callees(of: f.name).filter { !$0.viaHostPort && !$0.asOrigin }
        let routed = ctx.proxyRoutes.filter { $0.proxy == f.name }.map(\.target)
        let names = Set(refs.map(\.callee) + routed).filter { name in
            guard let other = ctx.facts(name) else { return false }
            return DataStoreRules.inferredTarget(other) == nil && other.technology?.technology != .devtool
        }
        return names.sorted()
    }

    /// The routes and references that show it forwards to `upstreams`: routes first (they say how).
    static func evidence(of f: ServiceFacts, reaching upstreams: [String], _ ctx: PlanningContext) -> [Evidence] {
        let routes = ctx.proxyRoutes.filter { $0.proxy == f.name && upstreams.contains($0.target) }.map(\.evidence)
        let refs = ctx.graph.callees(of: f.name).filter { upstreams.contains($0.callee) }.map(\.evidence)
        return routes + refs
    }
}
