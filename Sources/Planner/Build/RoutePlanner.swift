import Blueprint

/// How the load balancer reaches one public service.
struct RoutePlan {
    var service: String
    var port: Int
    var healthPath: String
    /// Path prefix (`/api`) routed to it; nil for the default target.
    var pathPrefix: String?
    var hosts: [String]
    var isDefault: Bool
    var decisions: [Decision]
}

/// Decides, before env vars are rewritten, which services Cloud Map names and how the load
/// balancer routes to each public service: one default target (the browser-facing app), the
/// others by path (`/api/*` for the API the web app calls) or host.
enum RoutePlanner {
    static func run(_ ctx: PlanningContext) {
        // Cloud Map: every deployed service another deployed service calls.
        for f in ctx.facts where [.web, .internal].contains(ctx.role(of: f.name)) || (ctx.role(of: f.name) == .worker && !ctx.appCallers(of: f.name).isEmpty) {
            if ctx.role(of: f.name) == .internal || !ctx.appCallers(of: f.name).isEmpty, !f.containerPorts.isEmpty {
                ctx.discoveryNames[f.name] = f.shortName
            }
        }
        // Public services whose every port is non-HTTP are served by the Network Load Balancer instead.
        let publicServices = ctx.facts.filter { ctx.verdicts[$0.name]?.isPublic == true && ctx.role(of: $0.name) == .web && $0.httpPort != nil
            && !NetworkEdgeBuilder.servesOnlyNonHTTP($0, ctx) }
        // Routes that a replaced reverse proxy declares (nginx `location`s): the load balancer takes them over.
        let proxied = Dictionary(grouping: ctx.proxyRoutes.filter { ctx.role(of: $0.proxy) == .proxy }, by: \.target)
        reportUnroutable(proxied, publicServices: Set(publicServices.map(\.name)), ctx)
        guard !publicServices.isEmpty else { return }

        // The default target: an explicit `/` path, then the browser-facing app (it points browsers
        // at the others, has browser-side variables or runs a UI), then the first by name.
        func frontendScore(_ f: ServiceFacts) -> Int {
            var score = 0
            if f.overrides.paths.contains("/") || f.overrides.paths.contains("/*") { score += 1000 }
            if proxied[f.name]?.contains(where: { $0.pathPrefix == nil }) == true { score += 500 }
            if ctx.verdicts[f.name]?.rule == "ReverseProxyRole" { score += 600 }  // a kept proxy fronts everything
            if !f.overrides.paths.isEmpty && score == 0 { score -= 1000 }
            if ctx.graph.callees(of: f.name).contains(where: { $0.fromBrowser && $0.callee != f.name }) { score += 100 }
            if f.service.environment.contains(where: { BrowserVariables.isBrowserSide($0.name) }) { score += 50 }
            if ctx.graph.callers(of: f.name).contains(where: { $0.asOrigin }) { score += 40 }
            if PublicWebRole.uiCommands.contains(where: { f.commandText.contains($0) }) { score += 30 }
            let words = Set(f.shortName.split(separator: "-").map(String.init))
            if !words.isDisjoint(with: ["web", "frontend", "ui", "www", "site", "app", "client", "dashboard", "portal", "storefront"]) { score += 20 }
            if !words.isDisjoint(with: ["api", "gateway", "backend", "server"]) { score -= 20 }
            return score
        }
        let ranked = publicServices.sorted { (frontendScore($0), $1.name) > (frontendScore($1), $0.name) }
        guard let main = ranked.first else { return }
        var taken: Set<String> = []
        if let hp = main.healthProbe?.path, hp.hasPrefix("/api") { taken.insert("/api") }

        for f in ranked {
            if let (port, name) = NonHTTPPorts.suspicious(f) {
                ctx.addFinding(Finding(id: "FERRY-PLAN-NOT-HTTP", severity: .warning,
                                       message: "\(f.name) is public on port \(port), which usually carries \(name), not HTTP: the application load balancer only carries HTTP",
                                       subject: "services.\(f.name).ports", evidence: [f.evidence("ports", String(port))],
                                       fix: "if it speaks HTTP, set x-ferry.port (or add an HTTP healthcheck); otherwise publish the port (ports:) so the Network Load Balancer serves it, or keep \(f.name) private with x-ferry.public: false"),
                               waiverFor: f.name)
            }
            let port = f.httpPort ?? f.containerPorts.first ?? 80
            let health = f.overrides.healthPath ?? f.healthProbe?.path ?? "/"
            var decisions: [Decision] = [
                Decision(topic: "healthCheckPath", choice: health,
                         reason: f.overrides.healthPath != nil ? "x-ferry.health" : (f.healthProbe != nil ? "from the compose healthcheck" : "no HTTP healthcheck: the root path"),
                         source: f.overrides.healthPath != nil ? .override : (f.healthProbe != nil ? .inferred : .default),
                         evidence: f.healthProbe != nil ? [f.evidence("healthcheck.test", health)] : [], overrideKey: "x-ferry.health", rule: "RoutePlanner"),
            ]
            if f.name == main.name {
                decisions.append(Decision(topic: "route", choice: "/*", reason: "the browser-facing app: default target of the load balancer",
                                          overrideKey: "x-ferry.path", rule: "RoutePlanner"))
                ctx.routes[f.name] = RoutePlan(service: f.name, port: port, healthPath: health, pathPrefix: nil, hosts: f.overrides.hosts,
                                               isDefault: true, decisions: decisions)
                continue
            }
            var prefix: String
            var why: String
            var source = DecisionSource.inferred
            var evidence: [Evidence] = []
            let routes = proxied[f.name] ?? []
            let mainHosts = Set((proxied[main.name] ?? []).flatMap(\.publicHosts))
            if f.overrides.paths.isEmpty, f.overrides.hosts.isEmpty,
               let byHost = routes.first(where: { $0.pathPrefix == nil && !$0.publicHosts.isEmpty && Set($0.publicHosts) != mainHosts }) {
                // nginx serves it under its own host name: a host rule, no path to share.
                decisions.append(Decision(topic: "route", choice: byHost.publicHosts.joined(separator: ", "),
                                          reason: "\(byHost.proxy) serves it as \(byHost.publicHosts.joined(separator: ", ")): a host-header rule on the load balancer",
                                          evidence: [byHost.evidence], overrideKey: "x-ferry.host", rule: "RoutePlanner"))
                ctx.routes[f.name] = RoutePlan(service: f.name, port: port, healthPath: health, pathPrefix: nil, hosts: byHost.publicHosts,
                                               isDefault: false, decisions: decisions)
                continue
            }
            if let p = f.overrides.paths.first {
                prefix = p.hasSuffix("/*") ? String(p.dropLast(2)) : p
                why = "x-ferry.path"
                source = .override
            } else if let routed = routes.first(where: { $0.pathPrefix.map { !taken.contains($0) } ?? false }), let p = routed.pathPrefix {
                prefix = p
                why = "\(routed.proxy) routes \(routed.route.path) to it"
                evidence = [routed.evidence]
                if routed.route.stripsPrefix {
                    ctx.addFinding(Finding(id: "FERRY-PLAN-PROXY-STRIP", severity: .warning,
                                           message: "\(routed.proxy) forwards \(routed.route.path) to \(f.name) as \(routed.route.upstreamPath ?? "/") (it rewrites the prefix); the load balancer forwards the path unchanged, so \(f.name) receives \(p)/…",
                                           subject: "services.\(f.name)", evidence: [routed.evidence],
                                           fix: "serve the routes under \(p) as well, or keep the proxy as a service (x-ferry.role: web on \(routed.proxy))"),
                                   waiverFor: f.name)
                }
            } else if let refPath = browserPath(to: f, ctx), !taken.contains(refPath) {
                prefix = refPath
                why = "the browser calls it at \(refPath)"
            } else if !taken.contains("/api"), ctx.graph.callers(of: f.name).contains(where: { $0.fromBrowser && $0.caller == main.name }) {
                prefix = "/api"
                why = "\(main.name) calls it from the browser; API routes go under /api/*"
            } else if !taken.contains("/\(f.shortName)") {
                prefix = "/\(f.shortName)"
                why = "a second public app on the same load balancer: routed under /\(f.shortName)/*"
            } else {
                prefix = "/\(f.shortName)"
                why = "/api is used by \(main.name) itself: routed under /\(f.shortName)/*"
            }
            if prefix.isEmpty || prefix == "/" { prefix = "/\(f.shortName)" }
            taken.insert(prefix)
            decisions.append(Decision(topic: "route", choice: "\(prefix)/*", reason: why, source: source, evidence: evidence,
                                      alternatives: [Alternative(choice: "host-based routing", whyNot: "needs a domain: set x-ferry.host")],
                                      overrideKey: "x-ferry.path", rule: "RoutePlanner"))
            ctx.routes[f.name] = RoutePlan(service: f.name, port: port, healthPath: health, pathPrefix: prefix, hosts: f.overrides.hosts,
                                           isDefault: false, decisions: decisions)
            if source != .override && evidence.isEmpty {
                // A host the proxy used locally (`n8n.localhost`) is named so the fix is concrete.
                let localHost = routes.first { $0.pathPrefix == nil }?.hosts.first { !$0.contains("$") }
                ctx.addFinding(Finding(id: "FERRY-PLAN-PATH-ROUTE", severity: .info,
                                       message: "\(f.name) shares the load balancer with \(main.name) and is routed by path \(prefix)/*: it must serve its routes under \(prefix) (the load balancer does not strip prefixes)"
                                           + (localHost.map { "; locally the proxy serves it as host \($0)" } ?? ""),
                                       subject: "services.\(f.name)", fix: "serve under \(prefix), or set x-ferry.path / x-ferry.host on \(f.name)"),
                               waiverFor: f.name)
            }
        }
    }

    /// Routes of a replaced proxy to something the load balancer cannot reach (a managed data store, an
    /// internal service): said once per route, so nobody expects the old URL to keep working.
    private static func reportUnroutable(_ proxied: [String: [ProxiedRoute]], publicServices: Set<String>, _ ctx: PlanningContext) {
        for (target, routes) in proxied.sorted(by: { $0.key < $1.key }) where !publicServices.contains(target) {
            let role = ctx.role(of: target)
            let becomes = ctx.verdicts[target]?.target.rawValue ?? "none"
            for r in routes {
                let why: String
                switch role {
                case .datastore?: why = "\(target) becomes \(becomes): clients connect to that service's own endpoint"
                case .external?, .devtool?, nil: why = "\(target) is not deployed"
                default: why = "\(target) is not public (\(role?.rawValue ?? "")): make it public with x-ferry.public: true if browsers must reach it"
                }
                ctx.addFinding(Finding(id: "FERRY-PLAN-PROXY-UNROUTED", severity: .info,
                                       message: "\(r.proxy) routes \(r.route.path) to \(target); the load balancer does not: \(why)",
                                       subject: "services.\(r.proxy)", evidence: [r.evidence],
                                       fix: "point clients of \(r.route.path) at the new endpoint, or deploy \(target) as a public web service"),
                               waiverFor: r.proxy)
            }
        }
    }

    /// The path of a browser-side URL pointing at `f` (`http://localhost:4000/api` → `/api`).
    private static func browserPath(to f: ServiceFacts, _ ctx: PlanningContext) -> String? {
        for r in ctx.graph.callers(of: f.name) where r.fromBrowser && PublicWebRole.isExplicitBrowserVar(r) {
            guard var p = r.mention?.path, p.count > 1 else { continue }
            if let q = p.firstIndex(where: { $0 == "?" || $0 == "#" }) { p = String(p[..<q]) }
            let first = p.split(separator: "/").first.map { "/\($0)" }
            if let first { return first }
        }
        return nil
    }
}
