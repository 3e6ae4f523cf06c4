import Foundation
import ComposeKit
import Blueprint

/// What the planner knows about one compose service before deciding anything: the
/// recognized technology, ports, HTTP health probe, one-shot evidence and overrides.
struct ServiceFacts {
    let service: Service
    let shortName: String
    let image: ImageReference?
    /// Catalog entry and how it was recognized (`image postgres:16`, `healthcheck pg_isready`).
    let technology: CatalogEntry?
    let technologyEvidence: Evidence?
    /// Ports the container listens on (from `ports`, `expose`, `PORT`, the healthcheck, then the
    /// ports other services and proxies call it on), in order, unique.
    private(set) var containerPorts: [Int]
    /// Ports known only because a caller names them (`http://api:3000`, `proxy_pass http://app:8080`).
    private(set) var learnedPorts: [Int: Evidence] = [:]
    /// Host port → container port, for `localhost:PORT` references.
    let publishedPorts: [Int: Int]
    /// From an HTTP healthcheck (`curl http://localhost:8000/health`).
    let healthProbe: HealthProbe?
    /// Command and entrypoint words joined (lowercased), for evidence of what it runs.
    let commandText: String
    let overrides: ServiceOverrides

    var name: String { service.name }
    var isBuilt: Bool { service.build != nil }

    init(service: Service, projectName: String) {
        self.service = service
        overrides = OverrideParser.parse(service: service)
        shortName = overrides.name.map(Naming.kebab) ?? Naming.shortName(service.name, project: projectName)
        image = service.image.flatMap(ImageReference.init)
        commandText = ((service.entrypoint ?? []) + (service.command ?? [])).joined(separator: " ").lowercased()

        var ports: [Int] = []
        var published: [Int: Int] = [:]
        for p in service.ports where p.proto == "tcp" || p.proto.isEmpty {
            if !ports.contains(p.target) { ports.append(p.target) }
            if let pub = p.published, let host = Int(pub.split(separator: "-").first ?? "") { published[host] = p.target }
        }
        for e in service.expose {
            let head = e.split(separator: "/").first.map(String.init) ?? e
            if let p = Int(head.split(separator: "-").first ?? ""), (1...65535).contains(p), !ports.contains(p) { ports.append(p) }
        }
        if let envPort = service.env("PORT").flatMap({ Int($0) }), (1...65535).contains(envPort), !ports.contains(envPort) {
            ports.append(envPort)
        }
        healthProbe = HealthProbe(service.healthcheck)
        if let hp = healthProbe?.port, !ports.contains(hp) { ports.append(hp) }
        if let o = overrides.port {
            ports.removeAll { $0 == o }
            ports.insert(o, at: 0)
        }
        containerPorts = ports
        publishedPorts = published

        // Recognition: the image first, then the healthcheck tool, then name + port.
        var tech: CatalogEntry?
        var evidence: Evidence?
        let loc = { (key: String) in service.locations[key].map(SourcePosition.init) }
        if let img = image, let e = ImageCatalog.match(image: img) {
            tech = e
            evidence = Evidence(path: "services.\(service.name).image", value: service.image, position: loc("image"))
        } else if let hc = service.healthcheck, let e = ImageCatalog.match(healthcheckWords: hc.test.flatMap { $0.split(separator: " ").map(String.init) }) {
            tech = e
            evidence = Evidence(path: "services.\(service.name).healthcheck.test", value: e.healthTools.first, position: loc("healthcheck.test") ?? loc("healthcheck"))
        } else {
            var names = [service.name.lowercased(), Naming.shortName(service.name, project: projectName)]
            if let ctx = service.build?.context {
                names.append((ctx as NSString).lastPathComponent.lowercased())
            }
            if let e = ImageCatalog.match(names: names, ports: ports) {
                tech = e
                evidence = Evidence(path: "services.\(service.name)", value: "name \(service.name)" + (ports.isEmpty ? "" : ", port \(ports[0])"), position: service.location.map(SourcePosition.init))
            }
        }
        technology = tech
        technologyEvidence = evidence
        // A known server that declares no port still listens on its usual one.
        if containerPorts.isEmpty, tech?.technology == .statefulServer, let p = tech?.ports.first, let e = evidence {
            learnPort(p, evidence: e)
        }
    }

    /// A port a caller reaches it on: the service listens there even if the compose file never says so.
    mutating func learnPort(_ port: Int, evidence: Evidence) {
        guard (1...65535).contains(port), !containerPorts.contains(port) else { return }
        containerPorts.append(port)
        learnedPorts[port] = evidence
    }

    func position(_ key: String) -> SourcePosition? { service.locations[key].map(SourcePosition.init) }
    func evidence(_ key: String, _ value: String?) -> Evidence {
        Evidence(path: key.isEmpty ? "services.\(name)" : "services.\(name).\(key)", value: value, position: position(key) ?? service.location.map(SourcePosition.init))
    }

    /// Explicit `restart: "no"` / `on-failure`, or a deploy restart policy that does not restart forever.
    var restartsNever: Bool {
        if let r = service.restart?.lowercased(), r == "no" || r.hasPrefix("on-failure") { return true }
        if let c = service.deploy?.restartPolicy?.condition?.lowercased(), c == "none" || c == "on-failure" { return true }
        return false
    }

    var isInteractive: Bool { service.tty && service.stdinOpen }

    /// The port HTTP traffic goes to: override, healthcheck port, then the first container port.
    var httpPort: Int? { overrides.port ?? healthProbe?.port ?? containerPorts.first }
}

/// The HTTP endpoint a healthcheck probes (`curl -f http://localhost:8000/health`,
/// `wget -qO- http://127.0.0.1:3000/`).
struct HealthProbe: Equatable {
    var port: Int?
    var path: String

    init?(_ hc: Healthcheck?) {
        guard let hc, !hc.disable, hc.test.first?.uppercased() != "NONE" else { return nil }
        let text = hc.test.dropFirst().joined(separator: " ")
        for m in HostScanner.mentions(in: text, bareWordsAreHosts: false)
        where (m.scheme == "http" || m.scheme == "https") && m.isLoopback {
            port = m.port ?? (m.scheme == "https" ? 443 : 80)
            var p = m.path ?? "/"
            if let q = p.firstIndex(where: { $0 == "?" || $0 == "#" }) { p = String(p[..<q]) }
            path = p.isEmpty ? "/" : p
            return
        }
        return nil
    }
}
