import Blueprint

/// Services other deployed services call by host name (`http://svc-auth:4010`, `AUTH_HOST=auth`):
/// private, reached through Cloud Map.
struct InternalServiceRole: RoleRule {
    let name = "InternalServiceRole"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard !f.containerPorts.isEmpty else { return nil }
        let callers = ctx.appCallers(of: f.name)
        guard !callers.isEmpty else { return nil }
        let names = Array(Set(callers.map(\.caller))).sorted()
        let via = callers.first.map { PublicWebRole.varName($0) } ?? ""
        return Verdicts.make(.internal, .ecsFargate, rule: name,
                             reason: "called by \(names.joined(separator: ", ")) (\(via)) and by nothing outside: private, found through Cloud Map",
                             evidence: callers.prefix(3).map(\.evidence),
                             alternatives: [Alternative(choice: "web", whyNot: "no browser-side variable, proxy or origin points at it; set x-ferry.public: true to expose it")])
    }
}

/// Services behind a reverse proxy that stays deployed (its routes could not be read): the proxy is
/// their public entry point, so they are private, reached from it through Cloud Map.
struct BehindKeptProxyRole: RoleRule {
    let name = "InternalServiceRole"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard !f.containerPorts.isEmpty, let proxy = ReverseProxyRole.keptProxy(in: f.name, ctx) else { return nil }
        return Verdicts.make(.internal, .ecsFargate, rule: name,
                             reason: "behind the reverse proxy \(proxy), which stays the public entry point: private, found through Cloud Map",
                             evidence: ctx.facts(proxy).map { ReverseProxyRole.evidence(of: $0, reaching: [f.name], ctx) } ?? [],
                             alternatives: [Alternative(choice: "web", whyNot: "the proxy in front of it is public")])
    }
}
