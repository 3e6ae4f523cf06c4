import Foundation
import ComposeKit
import Blueprint

/// Routes a Traefik proxy learns from the labels of the containers it discovers through the Docker
/// socket: `traefik.http.routers.<r>.rule` (`PathPrefix`, `Host`) and the service port
/// (`traefik.http.services.<s>.loadbalancer.server.port`). What cannot be read (middlewares,
/// regex rules) is left out; a labelled service is still an upstream, routed by the rest.
enum TraefikLabels {
    static func isTraefik(_ f: ServiceFacts) -> Bool {
        guard f.technology?.technology == .proxy else { return false }
        return (f.service.image ?? "").lowercased().contains("traefik") || f.commandText.contains("traefik")
    }

    /// Services that opt in to Traefik with labels (`traefik.enable=true` or any router label).
    static func isUpstream(_ s: Service) -> Bool {
        let keys = s.labels.keys.filter { $0.hasPrefix("traefik.") }
        guard !keys.isEmpty else { return false }
        return s.labels["traefik.enable"]?.lowercased() != "false"
    }

    static func routes(proxy: ServiceFacts, _ ctx: PlanningContext) -> [ProxiedRoute] {
        var out: [ProxiedRoute] = []
        for f in ctx.facts where f.name != proxy.name && isUpstream(f.service) {
            let labels = f.service.labels
            let port = labels.sorted { $0.key < $1.key }.first { $0.key.hasPrefix("traefik.http.services.") && $0.key.hasSuffix(".loadbalancer.server.port") }
                .flatMap { Int($0.value) }
            let location = f.service.locations["labels"] ?? f.service.location ?? SourceLocation(file: "compose.yaml", line: 1, column: 1)
            let rules = labels.filter { $0.key.hasPrefix("traefik.http.routers.") && $0.key.hasSuffix(".rule") }.sorted { $0.key < $1.key }
            var paths: [String] = []
            var hosts: [String] = []
            for (_, rule) in rules {
                paths += arguments(of: "PathPrefix", in: rule)
                hosts += arguments(of: "Host", in: rule)
            }
            if paths.isEmpty { paths = ["/"] }
            for path in Array(Set(paths)).sorted() {
                let route = ProxyRoute(location: location, serverNames: Array(Set(hosts)).sorted(), listenPorts: [80, 443], path: path,
                                       exact: false, upstreamHost: f.name, upstreamPort: port ?? f.httpPort, upstreamPath: nil)
                out.append(ProxiedRoute(proxy: proxy.name, target: f.name, route: route, hosts: route.serverNames.map { $0.lowercased() }))
            }
        }
        return out
    }

    /// The back-quoted arguments of `Name(`a`, `b`)` in a Traefik rule.
    static func arguments(of function: String, in rule: String) -> [String] {
        var out: [String] = []
        var rest = Substring(rule)
        while let r = rest.range(of: function + "(") {
            rest = rest[r.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { break }
            let inside = rest[..<close]
            out += inside.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`\"'")) }
                .filter { !$0.isEmpty }
            rest = rest[close...]
        }
        return out
    }
}
