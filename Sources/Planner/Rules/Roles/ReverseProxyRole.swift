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
        let names = upstreams.isEmpty ? "the containers it discovers through the Docker socket" : upstreams.joined(separator: ", ")
        var v = Verdicts.make(.proxy, .alb, rule: name,
                              reason: "\(f.technology?.product ?? "proxy") routes to \(names): the load balancer's listener rules do that job",
                              evidence: (f.technologyEvidence.map { [$0] } ?? []) + Self.evidence(of: f, reaching: upstreams, ctx),
                              alternatives: [Alternative(choice: "ecs-fargate", whyNot: "a proxy task behind the ALB adds a hop, a cost and a failure point; deploy it with x-ferry.role: web if it does more than route")],
                              isPublic: true)
        v.instead = "ALB listener rules"
        return v
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
