import Blueprint

/// Public ports that are not HTTP get a Network Load Balancer: a listener per port (TCP, or UDP for
/// LoRa's 1700, SIP, DNS, game servers), forwarding to the workload's container port, with a TCP
/// health check. HTTP stays on the application load balancer; a database's port is never public.
enum NetworkEdgeBuilder {
    /// The VPC's address range (NetworkBuilder's subnets are carved from it): where NLB health checks come from.
    static let vpcCIDR = "10.0.0.0/16"

    struct PublicPort: Equatable {
        var target: Int
        var published: Int
        var proto: String
        var carries: String
    }

    /// The ports of `f` that the NLB serves: published UDP ports, and non-HTTP TCP ports that are published
    /// or are the only port of a public service, unless other services call it there (then it is internal).
    static func ports(_ f: ServiceFacts, role: ServiceRole?, _ ctx: PlanningContext) -> [PublicPort] {
        guard let role, [.web, .internal, .worker].contains(role) else { return [] }
        if ctx.verdicts[f.name]?.rule == "StatefulServerRole" { return [] }
        let calledOn = Set(ctx.appCallers(of: f.name).compactMap { $0.mention?.port })
        var out: [PublicPort] = []
        for p in f.service.ports {
            let proto = p.proto.isEmpty ? "tcp" : p.proto.lowercased()
            guard proto == "tcp" || proto == "udp", let pub = p.published.flatMap({ Int($0.split(separator: "-").first ?? "") }) else { continue }
            if proto == "tcp" {
                guard !HTTPPorts.datastorePorts.contains(p.target), !calledOn.contains(p.target),
                      let carries = NonHTTPPorts.protocols[p.target] ?? NonHTTPPorts.protocols[pub],
                      p.target != f.healthProbe?.port, p.target != f.overrides.port,
                      DevPorts.reason(port: p.target, f) == nil else { continue }
                out.append(PublicPort(target: p.target, published: pub, proto: "TCP", carries: carries))
            } else {
                out.append(PublicPort(target: p.target, published: pub, proto: "UDP",
                                      carries: NonHTTPPorts.protocols[p.target] ?? NonHTTPPorts.udpProtocols[p.target] ?? "UDP"))
            }
        }
        // A public service listening only on a non-HTTP port it does not publish (EntryPointWebRole).
        if out.isEmpty, role == .web, let (port, carries) = NonHTTPPorts.suspicious(f), !HTTPPorts.datastorePorts.contains(port),
           !f.containerPorts.contains(where: { HTTPPorts.likelyHTTP($0) && NonHTTPPorts.protocols[$0] == nil }) {
            out.append(PublicPort(target: port, published: port, proto: "TCP", carries: carries))
        }
        var seen: Set<String> = []
        return out.filter { seen.insert("\($0.published)/\($0.proto)").inserted }
    }

    /// Whether every port of a public service goes to the NLB (then the ALB does not route it).
    static func servesOnlyNonHTTP(_ f: ServiceFacts, _ ctx: PlanningContext) -> Bool {
        let nlb = ports(f, role: ctx.role(of: f.name), ctx)
        guard !nlb.isEmpty else { return false }
        let tcp = Set(nlb.filter { $0.proto == "TCP" }.map(\.target))
        return f.containerPorts.allSatisfy { tcp.contains($0) || DevPorts.reason(port: $0, f) != nil }
    }

    static func run(_ ctx: PlanningContext) {
        var listeners: [NetworkListener] = []
        var taken: Set<String> = []
        for i in ctx.blueprint.workloads.indices {
            let w = ctx.blueprint.workloads[i]
            guard w.role != .job, let f = ctx.facts(w.name) else { continue }
            for p in ports(f, role: w.role, ctx) where taken.insert("\(p.published)/\(p.proto)").inserted {
                let tcpPort = ctx.blueprint.workloads[i].ports.first { $0.proto.lowercased() == "tcp" && $0.port != p.target }?.port
                let health = p.proto == "TCP" ? p.target : (tcpPort ?? p.target)
                if !ctx.blueprint.workloads[i].ports.contains(where: { $0.port == p.target && $0.proto.uppercased() == p.proto }) {
                    ctx.blueprint.workloads[i].ports.append(ContainerPort(port: p.target, proto: p.proto.lowercased()))
                }
                let evidence = f.evidence("ports", "\(p.published):\(p.target)/\(p.proto.lowercased())")
                let decision = Decision(topic: "networkListener", choice: "\(p.proto) \(p.published)",
                                        reason: "\(f.name) is reached from outside on \(p.published)/\(p.proto.lowercased()) (\(p.carries)), which is not HTTP: a Network Load Balancer listener forwards it to the container port \(p.target)",
                                        evidence: [evidence],
                                        alternatives: [Alternative(choice: "alb", whyNot: "the application load balancer only carries HTTP(S)"),
                                                       Alternative(choice: "internal", whyNot: "set x-ferry.public: false to keep it private")],
                                        overrideKey: "x-ferry.public", rule: "NetworkEdgeBuilder")
                listeners.append(NetworkListener(name: "\(w.shortName)-\(p.published)\(p.proto == "UDP" ? "-udp" : "")", port: p.published,
                                                 proto: p.proto, workload: w.name, targetPort: p.target, healthCheckPort: health,
                                                 carries: p.carries, decisions: [decision]))
                if p.proto == "UDP" && tcpPort == nil {
                    ctx.addFinding(Finding(id: "FERRY-PLAN-UDP-HEALTH", severity: .warning,
                                           message: "\(f.name) serves UDP \(p.target) only: the Network Load Balancer checks health over TCP on port \(health), which the container must also accept",
                                           subject: "services.\(f.name).ports", evidence: [evidence],
                                           fix: "listen on a TCP port too (a health endpoint) and expose it, or accept that targets show unhealthy while UDP traffic flows"),
                                   waiverFor: f.name)
                }
            }
        }
        guard !listeners.isEmpty else { return }
        ctx.blueprint.networkLoadBalancer = NetworkLoadBalancer(name: "\(ctx.prefix)-nlb", listeners: listeners.sorted { ($0.port, $0.proto) < ($1.port, $1.proto) }, decisions: [
            Decision(topic: "networkLoadBalancer", choice: "nlb",
                     reason: "public ports that are not HTTP (\(listeners.map { "\($0.port)/\($0.proto.lowercased())" }.sorted().joined(separator: ", "))) need a Network Load Balancer",
                     rule: "NetworkEdgeBuilder"),
        ])
    }
}
