import Blueprint

/// Services reached from the internet: a browser calls them (a browser-side variable such as
/// `NEXT_PUBLIC_API_URL` or a static site points at their port), they are an allowed browser
/// origin, a reverse proxy routes to them, or they are a browser-facing UI (Next.js, Streamlit…).
/// Publishing a host port alone does not make a service public.
struct PublicWebRole: RoleRule {
    let name = "PublicWebRole"
    static let uiCommands = ["streamlit", "gradio", "next start", "nuxt", "vite preview", "serve -s", "ng serve", "react-scripts start",
                             "shiny", "panel serve", "voila", "remix-serve", "astro preview"]

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard !f.containerPorts.isEmpty else { return nil }
        let refs = ctx.graph.callers(of: f.name).filter { ref in
            guard let role = ctx.role(of: ref.caller) else { return true }
            return ![.devtool, .datastore, .`init`].contains(role)
        }
        let browserRefs = refs.filter { $0.fromBrowser && !$0.asOrigin }
        if let r = browserRefs.first(where: { Self.isExplicitBrowserVar($0) }) ?? browserRefs.first {
            let varName: String
            switch r.kind {
            case let .env(n), let .buildArg(n): varName = n
            default: varName = "a browser-side value"
            }
            return Verdicts.make(.web, .ecsFargate, rule: name,
                                 reason: "the browser calls it: \(varName) in \(r.caller) points at \(r.mention.map { "\($0.host)\($0.port.map { ":\($0)" } ?? "")" } ?? f.name)",
                                 evidence: [r.evidence], alternatives: [Self.notInternal], isPublic: true)
        }
        if let r = refs.first(where: { $0.asOrigin }) {
            return Verdicts.make(.web, .ecsFargate, rule: name,
                                 reason: "it serves pages to browsers: \(r.caller) allows it as an origin (\(Self.varName(r)))",
                                 evidence: [r.evidence], alternatives: [Self.notInternal], isPublic: true)
        }
        if let proxy = ctx.verdicts.sorted(by: { $0.key < $1.key }).first(where: { $0.value.role == .proxy && ReverseProxyRole.upstreams(of: ctx.facts($0.key) ?? f, ctx).contains(f.name) }),
           let proxyFacts = ctx.facts(proxy.key) {
            return Verdicts.make(.web, .ecsFargate, rule: name,
                                 reason: "the reverse proxy \(proxy.key) routes public traffic to it",
                                 evidence: ReverseProxyRole.evidence(of: proxyFacts, reaching: [f.name], ctx),
                                 alternatives: [Self.notInternal], isPublic: true)
        }
        if let e = f.service.environment.first(where: { Self.describesOwnPublicURL($0.name) && !($0.value ?? "").isEmpty }) {
            return Verdicts.make(.web, .ecsFargate, rule: name,
                                 reason: "it is configured with its own public address (\(e.name)): reached from outside",
                                 evidence: [f.evidence("environment.\(e.name)", Redaction.evidenceValue(name: e.name, value: e.value))],
                                 alternatives: [Self.notInternal], isPublic: true)
        }
        let browserVars = f.service.environment.map(\.name).filter(BrowserVariables.isBrowserSide)
            + (f.service.build?.args.keys.sorted() ?? []).filter(BrowserVariables.isBrowserSide)
        if let v = browserVars.first {
            let (why, alt) = Self.notStatic(f)
            return Verdicts.make(.web, .ecsFargate, rule: name,
                                 reason: "a browser-facing app: it has browser-side variables (\(v)) and serves HTTP on \(f.httpPort ?? f.containerPorts.first ?? 0)",
                                 evidence: [f.evidence("environment.\(v)", nil)] + (f.healthProbe != nil ? [f.evidence("healthcheck.test", f.healthProbe?.path)] : []),
                                 alternatives: [Self.notInternal, alt], isPublic: true, extra: [why])
        }
        if let ui = Self.uiCommands.first(where: { f.commandText.contains($0) }) {
            return Verdicts.make(.web, .ecsFargate, rule: name,
                                 reason: "runs a browser UI (\(ui)) on \(f.httpPort ?? f.containerPorts[0])",
                                 evidence: [f.evidence("command", ui)], alternatives: [Self.notInternal], isPublic: true)
        }
        return nil
    }

    /// Variables through which an app learns the URL people reach it at.
    static func describesOwnPublicURL(_ name: String) -> Bool {
        let n = name.uppercased()
        let exact: Set<String> = ["PUBLIC_URL", "EXTERNAL_URL", "SITE_URL", "APP_URL", "ROOT_URL", "WEBHOOK_URL", "VIRTUAL_HOST",
                                  "SERVER_NAME", "NEXTAUTH_URL", "N8N_HOST", "EDITOR_BASE_URL", "PUBLIC_HOST", "DOMAIN_NAME"]
        if exact.contains(n) { return true }
        return ["_PUBLIC_URL", "_EXTERNAL_URL", "_SITE_URL", "_ROOT_URL", "_WEBHOOK_URL", "_PUBLIC_HOST"].contains { n.hasSuffix($0) }
    }

    static func isExplicitBrowserVar(_ r: Reference) -> Bool {
        switch r.kind {
        case let .env(n), let .buildArg(n): return BrowserVariables.isBrowserSide(n)
        default: return false
        }
    }

    /// Why a browser-facing app stays a container rather than static files on S3 + CloudFront.
    static func notStatic(_ f: ServiceFacts) -> (String, Alternative) {
        let why: String
        if let p = f.healthProbe?.path, p.hasPrefix("/api") {
            why = "it serves /api routes (its healthcheck calls \(p)): a server, so a container rather than S3 + CloudFront"
        } else if f.service.environment.contains(where: { !BrowserVariables.isBrowserSide($0.name) && $0.name != "PORT" && $0.name != "NODE_ENV" }) {
            why = "it reads server-side configuration at runtime: a server, so a container rather than S3 + CloudFront"
        } else {
            why = "it runs its own HTTP server on \(f.httpPort ?? 0): kept a container; if its build is fully static, set x-ferry.role: static for S3 + CloudFront"
        }
        return (why, Alternative(choice: "cloudfront-s3", whyNot: why))
    }

    static let notInternal = Alternative(choice: "internal", whyNot: "browsers reach it, so it must be behind the public load balancer")

    static func varName(_ r: Reference) -> String {
        switch r.kind {
        case let .env(n), let .buildArg(n): return n
        default: return "its configuration"
        }
    }
}

/// Last resort for a listening service nothing inside the project calls: it exists to be
/// reached from outside, so it is public.
struct EntryPointWebRole: RoleRule {
    let name = "EntryPointWebRole"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard let port = f.httpPort else { return nil }
        if HTTPPorts.datastorePorts.contains(port), f.healthProbe == nil {
            // A database's port is never made public, whatever serves it.
            return Verdicts.make(.internal, .ecsFargate, rule: name,
                                 reason: "it listens on \(port), a database port, and nothing says browsers reach it: private, found through Cloud Map",
                                 evidence: [f.evidence(f.service.ports.isEmpty ? "expose" : "ports", String(port))],
                                 alternatives: [Alternative(choice: "web", whyNot: "a database port is never made public; set x-ferry.public: true if it really serves the internet")])
        }
        let http = f.healthProbe != nil || HTTPPorts.likelyHTTP(port)
        let how = f.healthProbe.map { "HTTP healthcheck on \($0.port.map(String.init) ?? "?")\($0.path)" } ?? "port \(port)"
        var extra: [String] = []
        if !http { extra.append("port \(port) may not be HTTP: the load balancer speaks HTTP(S); set x-ferry.role: internal or worker if it is not a web endpoint") }
        return Verdicts.make(.web, .ecsFargate, rule: name,
                             reason: "nothing in the project calls it and it serves \(how): it is an entry point from outside",
                             evidence: [f.evidence(f.service.ports.isEmpty ? "expose" : "ports", String(port))],
                             alternatives: [Alternative(choice: "internal", whyNot: "no other service calls it"),
                                            Alternative(choice: "worker", whyNot: "it listens on a port")],
                             isPublic: true, extra: extra)
    }
}

enum HTTPPorts {
    static let nonHTTP: Set<Int> = [21, 22, 25, 53, 110, 143, 465, 587, 993, 995, 1433, 1521, 1883, 2181, 3306, 5432, 5672, 6379,
                                    8883, 9042, 9092, 11211, 25565, 27017, 61616]
    static func likelyHTTP(_ port: Int) -> Bool { !nonHTTP.contains(port) }
    /// Ports of databases, caches and brokers.
    static let datastorePorts: Set<Int> = [1433, 1521, 2181, 3306, 5432, 5672, 6379, 7687, 9042, 9092, 11211, 26257, 27017, 28015, 61616]
}
