import ComposeKit
import Blueprint

/// One service naming another: in an env value, a build arg, its command, `depends_on` or `links`.
struct Reference {
    enum Kind: Equatable { case env(String), buildArg(String), command, dependsOn(String), link }
    var caller: String
    var callee: String
    var kind: Kind
    var mention: HostMention?
    /// Written in a browser-side variable (`NEXT_PUBLIC_*`, `VITE_*`…): the browser calls it.
    var fromBrowser: Bool
    /// Named as an allowed browser origin (`CORS_ORIGIN`, `ALLOWED_ORIGINS`): the callee serves pages.
    var asOrigin: Bool
    /// Reached through a published host port (`localhost:4000`), i.e. from outside the network.
    var viaHostPort: Bool
    var evidence: Evidence

    var isNetworkCall: Bool {
        switch kind {
        case .dependsOn, .link: return false
        default: return !asOrigin
        }
    }
}

enum BrowserVariables {
    static let prefixes = ["NEXT_PUBLIC_", "VITE_", "REACT_APP_", "VUE_APP_", "NUXT_PUBLIC_", "EXPO_PUBLIC_", "GATSBY_",
                           "NG_APP_", "PUBLIC_", "SVELTEKIT_PUBLIC_", "STORYBOOK_"]
    static func isBrowserSide(_ name: String) -> Bool {
        let n = name.uppercased()
        return prefixes.contains { n.hasPrefix($0) }
    }
    static func isOriginList(_ name: String) -> Bool {
        let n = name.uppercased()
        return n.contains("CORS") || n.contains("ORIGIN") || n.contains("ALLOWED_HOSTS") || n.contains("FRONTEND_URL")
            || n.contains("CLIENT_URL") || n.contains("APP_URL") && n.contains("PUBLIC")
    }
}

/// Who calls whom, from every place a compose file can name another service.
struct ReferenceGraph {
    private(set) var references: [Reference] = []
    /// Host name (service name, container name, hostname, alias) → service.
    let hostIndex: [String: String]
    /// Published host port → service.
    let hostPortIndex: [Int: String]

    init(facts: [ServiceFacts]) {
        var hosts: [String: String] = [:]
        var hostPorts: [Int: String] = [:]
        for f in facts {
            let s = f.service
            var names = [s.name]
            if let c = s.containerName { names.append(c) }
            if let h = s.hostname { names.append(h) }
            for (_, n) in s.networks { names.append(contentsOf: n.aliases) }
            for n in names where !n.isEmpty { hosts[n.lowercased()] = hosts[n.lowercased()] ?? s.name }
            for (host, _) in f.publishedPorts.sorted(by: { $0.key < $1.key }) where hostPorts[host] == nil { hostPorts[host] = s.name }
        }
        hostIndex = hosts
        hostPortIndex = hostPorts

        for f in facts {
            let s = f.service
            for e in s.environment {
                guard let value = e.value, !value.isEmpty else { continue }
                let browser = BrowserVariables.isBrowserSide(e.name)
                let origin = BrowserVariables.isOriginList(e.name)
                let key = "environment.\(e.name)"
                scan(value, caller: f, kind: .env(e.name), browser: browser, origin: origin,
                     bare: HostScanner.nameSuggestsHost(e.name), evidence: { m in
                        Evidence(path: "services.\(s.name).\(key)", value: Redaction.evidenceValue(name: e.name, value: value),
                                 position: (e.location ?? s.locations[key]).map(SourcePosition.init))
                     })
            }
            for (name, value) in (s.build?.args ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let value, !value.isEmpty else { continue }
                scan(value, caller: f, kind: .buildArg(name), browser: BrowserVariables.isBrowserSide(name), origin: false,
                     bare: HostScanner.nameSuggestsHost(name), evidence: { _ in
                        f.evidence("build.args.\(name)", Redaction.evidenceValue(name: name, value: value))
                     })
            }
            let cmd = ((s.entrypoint ?? []) + (s.command ?? [])).joined(separator: " ")
            if !cmd.isEmpty {
                scan(cmd, caller: f, kind: .command, browser: false, origin: false, bare: false, evidence: { m in
                    f.evidence(s.entrypoint != nil ? "entrypoint" : "command", m.hasCredentials ? "\(m.scheme ?? "")://…@\(m.host)" : "\(m.host)\(m.port.map { ":\($0)" } ?? "")")
                })
            }
            for d in s.dependsOn where d.service != s.name {
                references.append(Reference(caller: s.name, callee: d.service, kind: .dependsOn(d.condition), mention: nil,
                                            fromBrowser: false, asOrigin: false, viaHostPort: false,
                                            evidence: f.evidence("depends_on.\(d.service)", d.condition)))
            }
            for l in s.links {
                let target = String(l.split(separator: ":").first ?? Substring(l))
                if let callee = hosts[target.lowercased()], callee != s.name {
                    references.append(Reference(caller: s.name, callee: callee, kind: .link, mention: nil, fromBrowser: false,
                                                asOrigin: false, viaHostPort: false, evidence: f.evidence("links", l)))
                }
            }
        }
    }

    private mutating func scan(_ value: String, caller f: ServiceFacts, kind: Reference.Kind, browser: Bool, origin: Bool,
                               bare: Bool, evidence: (HostMention) -> Evidence) {
        for m in HostScanner.mentions(in: value, bareWordsAreHosts: bare) {
            var callee: String?
            var viaHostPort = false
            if m.isLoopback, let port = m.port ?? defaultPort(m.scheme), let owner = hostPortIndex[port] {
                callee = owner
                viaHostPort = true
            } else if let owner = hostIndex[m.host] {
                callee = owner
            }
            guard let callee, callee != f.name || viaHostPort && (browser || origin) else { continue }
            if callee == f.name && !origin { continue }
            references.append(Reference(caller: f.name, callee: callee, kind: kind, mention: m, fromBrowser: browser || (viaHostPort && !origin && isBrowserish(kind)),
                                        asOrigin: origin, viaHostPort: viaHostPort, evidence: evidence(m)))
        }
    }

    private func defaultPort(_ scheme: String?) -> Int? {
        switch scheme {
        case "http"?, "ws"?: return 80
        case "https"?, "wss"?: return 443
        default: return nil
        }
    }

    /// A loopback URL in a server-side variable is still the browser's view when it names a
    /// published port of another service (a redirect URI, a public base URL).
    private func isBrowserish(_ kind: Reference.Kind) -> Bool {
        if case .command = kind { return false }
        return true
    }

    func callers(of name: String) -> [Reference] { references.filter { $0.callee == name } }
    func callees(of name: String) -> [Reference] { references.filter { $0.caller == name } }
}
