import Foundation
import Blueprint
import ComposeKit

/// One route a reverse proxy's configuration declares, resolved to the compose service it reaches.
struct ProxiedRoute {
    var proxy: String
    var target: String
    var route: ProxyRoute
    /// `server_name` values with `${VAR}` taken from the proxy's environment (nginx's image
    /// substitutes its templates from it).
    var hosts: [String]

    var evidence: Evidence {
        let upstream = route.upstreamHost + (route.upstreamPort.map { ":\($0)" } ?? "") + (route.upstreamPath ?? "")
        let file = route.location.file.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
        if file.hasPrefix("caddyfile") {
            return Evidence(path: "services.\(proxy) caddy: \(route.path)", value: "reverse_proxy \(upstream)",
                            position: SourcePosition(file: route.location.file, line: route.location.line, column: route.location.column))
        }
        if file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            return Evidence(path: "services.\(target).labels traefik: \(route.path)", value: upstream,
                            position: SourcePosition(file: route.location.file, line: route.location.line, column: route.location.column))
        }
        return Evidence(path: "services.\(proxy) nginx: location \(route.exact ? "= " : "")\(route.path)", value: "proxy_pass \(upstream)",
                        position: SourcePosition(file: route.location.file, line: route.location.line, column: route.location.column))
    }

    /// The location as a load balancer path prefix: `/api/inference/` → `/api/inference`; nil for `/`.
    var pathPrefix: String? {
        var p = route.path
        while p.hasSuffix("/") || p.hasSuffix("*") { p.removeLast() }
        return p.isEmpty ? nil : p
    }

    /// Host names a public DNS record could carry (not `localhost`, not a variable, not a wildcard).
    var publicHosts: [String] {
        hosts.filter { h in
            h.contains(".") && !h.contains("$") && !h.contains("*") && !h.hasPrefix("~") && h != "localhost"
                && !h.hasSuffix(".localhost") && !h.hasSuffix(".local") && h.first?.isNumber == false
        }
    }
}

enum ProxyRouting {
    /// Every route of every service that carries proxy configuration, to another service, in file order
    /// (read once per plan through `PlanningContext.proxyRoutes`).
    static func routes(_ ctx: PlanningContext) -> [ProxiedRoute] {
        var out: [ProxiedRoute] = []
        for f in ctx.facts where !f.service.proxyRoutes.isEmpty {
            for route in f.service.proxyRoutes {
                guard let target = ctx.graph.hostIndex[route.upstreamHost], target != f.name else { continue }
                out.append(ProxiedRoute(proxy: f.name, target: target, route: route,
                                        hosts: route.serverNames.map { substitute($0, f.service) }))
            }
        }
        for f in ctx.facts where TraefikLabels.isTraefik(f) {
            out += TraefikLabels.routes(proxy: f, ctx)
        }
        return out
    }

    /// `${NAME}` / `$NAME` replaced by the service's environment value, when it has one.
    static func substitute(_ text: String, _ service: Service) -> String {
        var name = text
        if name.hasPrefix("${"), name.hasSuffix("}") { name = String(name.dropFirst(2).dropLast()) }
        else if name.hasPrefix("$") { name = String(name.dropFirst()) }
        else { return text.lowercased() }
        return service.env(name).map { $0.lowercased() } ?? text
    }
}
