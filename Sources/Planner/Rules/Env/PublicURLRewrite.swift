import Blueprint

/// `http://localhost:PORT…` naming a published port of a public service (a browser-side API URL,
/// an OAuth redirect URI, a CORS origin) becomes the public HTTPS URL of the load balancer or
/// domain, with the service's path prefix. Browser-side variables are baked into bundles at
/// build time: the reason says so.
struct PublicURLRewrite: EnvRule {
    let name = "PublicURLRewrite"

    func classify(_ i: EnvInput, _ ctx: PlanningContext) -> EnvVar? {
        guard let value = i.value, !value.isEmpty else { return nil }
        var out = value
        var owners: [String] = []
        for m in i.explicitMentions where m.isLoopback && m.scheme != nil {
            let port = m.port ?? (m.scheme == "https" ? 443 : 80)
            guard let owner = ctx.graph.hostPortIndex[port] else { continue }
            let role = ctx.role(of: owner)
            var origin: String
            switch role {
            case .web?, .proxy?:
                // Only a service the load balancer routes to has a public URL.
                guard role == .web ? ctx.routes[owner] != nil : !ctx.routes.isEmpty else { continue }
                origin = "\(ctx.publicScheme)://{publicHost}"
            case .static?:
                origin = "https://{siteHost}"
            case .datastore?:
                let target = ctx.verdicts[owner]?.target
                if target == .iotCore {
                    origin = m.scheme == "ws" || m.scheme == "wss" ? "wss://{iotEndpoint}" : "mqtts://{iotEndpoint}:8883"
                } else if target == .s3 {
                    origin = "https://s3.\(ctx.region).amazonaws.com"
                } else {
                    continue
                }
            case .internal?, .worker?:
                guard let dns = ctx.discoveryNames[owner], let f = ctx.facts(owner), let target = f.publishedPorts[port] else { continue }
                origin = "\(m.scheme ?? "http")://\(dns).\(ctx.namespace):\(target)"
            default:
                continue
            }
            let prefix = ctx.routes[owner]?.pathPrefix ?? ""
            let path = m.path ?? ""
            if !prefix.isEmpty, role == .web, !(path.hasPrefix(prefix + "/") || path == prefix) {
                origin += prefix
            }
            out = ServiceURLRewrite.replaceOrigin(of: m, in: out, with: origin)
            owners.append(owner)
        }
        guard !owners.isEmpty else { return nil }
        var parts: [String: ResourceReference] = [:]
        if out.contains("{publicHost}") { parts["publicHost"] = ResourceReference(kind: .loadBalancer, name: "public", attribute: "host") }
        if out.contains("{iotEndpoint}") {
            parts["iotEndpoint"] = ResourceReference(kind: .iotClient, name: "endpoint", attribute: "endpoint")
            if !out.hasSuffix("/mqtt"), out.hasPrefix("wss://") { out += "/mqtt" }
        }
        if out.contains("{siteHost}"), let site = owners.compactMap({ ctx.elements[$0] }).first(where: { $0.hasPrefix("buckets.") }) {
            parts["siteHost"] = ResourceReference(kind: .bucket, name: String(site.dropFirst("buckets.".count)), attribute: "cloudFrontDomain")
        }
        let names = Array(Set(owners)).sorted().joined(separator: ", ")
        let browser = BrowserVariables.isBrowserSide(i.name) ? "; browser-side: set it as a build argument when the image is built in CI" : ""
        let rewritten: EnvValue = parts.isEmpty ? .literal(out) : .template(out, parts: parts)
        return EnvVar(name: i.name, disposition: .rewritten, value: rewritten,
                      reason: "local URL of \(names) (localhost) becomes \(out.contains("{iotEndpoint}") ? "the AWS IoT Core endpoint" : "its public HTTPS URL")\(browser)")
    }
}
