import Blueprint

/// The public load balancer (listeners, target groups, path rules) and the Cloud Map namespace,
/// from the routes `RoutePlanner` chose.
enum EdgeBuilder {
    static func run(_ ctx: PlanningContext) {
        loadBalancer(ctx)
        NetworkEdgeBuilder.run(ctx)
        serviceDiscovery(ctx)
    }

    private static func loadBalancer(_ ctx: PlanningContext) {
        let routes = ctx.routes.values.filter { ctx.blueprint.workload(named: $0.service) != nil }.sorted { $0.service < $1.service }
        guard !routes.isEmpty else { return }
        var groups: [TargetGroup] = []
        var rules: [ListenerRule] = []
        var defaultGroup: String?
        for r in routes {
            let short = ctx.facts(r.service)?.shortName ?? r.service
            let proto = ctx.facts(r.service)?.overrides.protocolName == "https" ? "HTTPS" : "HTTP"
            let tg = TargetGroup(name: short, workload: r.service, port: r.port, proto: proto, healthCheckPath: r.healthPath,
                                 decisions: r.decisions)
            groups.append(tg)
            if r.isDefault { defaultGroup = tg.name }
        }
        // Rules: most specific path first.
        let ruled = routes.filter { !$0.isDefault || !$0.hosts.isEmpty }.sorted {
            (($0.pathPrefix ?? "").count, $1.service) > (($1.pathPrefix ?? "").count, $0.service)
        }
        for (i, r) in ruled.enumerated() {
            let short = ctx.facts(r.service)?.shortName ?? r.service
            let paths = r.pathPrefix.map { [$0, "\($0)/*"] } ?? ["/*"]
            rules.append(ListenerRule(priority: (i + 1) * 10, pathPatterns: paths, hostHeaders: r.hosts, targetGroup: short,
                                      decisions: r.decisions.filter { $0.topic == "route" }))
        }
        let certificate: CertificateSource
        if let arn = ctx.overrides.certificateArn { certificate = .arn(arn) }
        else if let domain = ctx.overrides.domain { certificate = .acm(domain: domain) }
        else if ctx.servesHTTPOnly { certificate = .httpOnly }
        else { certificate = .parameter(name: "CertificateArn") }
        var decisions: [Decision] = []
        let proxies = ctx.verdicts.filter { $0.value.role == .proxy }.map(\.key).sorted()
        if !proxies.isEmpty {
            decisions.append(Decision(topic: "proxy", choice: "alb", reason: "\(proxies.joined(separator: ", ")) routed requests locally: the load balancer's listener rules do it on AWS",
                                      rule: "ReverseProxyRole"))
        }
        decisions.append(certificateDecision(ctx, certificate))
        decisions.append(ctx.defaults.decision("waf", String(ctx.defaults.waf), ctx.defaults.waf ? "AWS managed rule groups in front of the load balancer" : "no WAF below the prod tier"))
        let listeners = certificate == .httpOnly
            ? [Listener(port: 80, proto: "HTTP", action: .forward)]
            : [Listener(port: 443, proto: "HTTPS", action: .forward, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06"),
               Listener(port: 80, proto: "HTTP", action: .redirectToHTTPS)]
        if certificate == .httpOnly { reportHTTPOnly(ctx) }
        var lb = LoadBalancer(name: ctx.prefix, listeners: listeners, targetGroups: groups, rules: rules,
                              defaultTargetGroup: defaultGroup ?? groups.first?.name, certificate: certificate,
                              domain: ctx.overrides.domain, waf: ctx.defaults.waf, accessLogs: ctx.tier == .prod, decisions: decisions)
        lb.existingLoadBalancerArn = ctx.overrides.existingLoadBalancer
        ctx.blueprint.loadBalancer = lb
    }

    private static func certificateDecision(_ ctx: PlanningContext, _ certificate: CertificateSource) -> Decision {
        let reason: String
        let choice: String
        switch certificate {
        case .arn: (choice, reason) = ("arn", "the certificate set with x-ferry.certificate")
        case .acm(let domain): (choice, reason) = ("acm", "an ACM certificate for \(domain) (DNS validation)")
        case .parameter: (choice, reason) = ("parameter", "no domain given: the HTTPS listener takes an existing certificate ARN as a parameter")
        case .httpOnly:
            choice = "none"
            reason = ctx.tier == .dev && !ctx.options.allowHTTP
                ? "no domain or certificate at the dev tier: the load balancer serves HTTP on its own DNS name"
                : "no domain or certificate, and HTTP allowed (--allow-http): the load balancer serves HTTP on its own DNS name"
        }
        let given = ctx.overrides.domain != nil || ctx.overrides.certificateArn != nil
        return Decision(topic: "certificate", choice: choice, reason: reason, source: given ? .override : .default,
                        overrideKey: "x-ferry.domain", rule: "EdgeBuilder")
    }

    /// Plain HTTP is a choice the user must see, with the way to HTTPS: the dev tier makes it without
    /// being asked (a warning); mvp and prod only with `--allow-http` (an error `ferry check` fails on).
    private static func reportHTTPOnly(_ ctx: PlanningContext) {
        let production = ctx.tier != .dev
        ctx.addFinding(Finding(
            id: "FERRY-EDGE-HTTP", severity: production ? .error : .warning,
            message: "the load balancer serves plain HTTP on its own DNS name: no domain or certificate is set"
                + (production ? " and HTTP was allowed at the \(ctx.tier.rawValue) tier" : " (dev tier)"),
            subject: "loadBalancer",
            fix: "For HTTPS, set x-ferry.domain (the stack requests an ACM certificate; give the HostedZoneId parameter to validate it automatically) or x-ferry.certificate (an existing ACM certificate ARN), then deploy again: the port-80 listener turns into a redirect to a new HTTPS listener in a normal update.",
            relatedChecks: ["FERRY-ALB-001", "FERRY-ALB-002", "checkov:CKV_AWS_2", "checkov:CKV_AWS_103"]))
    }

    private static func serviceDiscovery(_ ctx: PlanningContext) {
        let services = ctx.blueprint.workloads.compactMap { w -> DiscoveryService? in
            guard let name = w.discoveryName, let port = w.ports.first?.port else { return nil }
            return DiscoveryService(name: name, workload: w.name, port: port)
        }
        guard !services.isEmpty else { return }
        ctx.blueprint.serviceDiscovery = ServiceDiscoveryNamespace(name: ctx.namespace, services: services.sorted { $0.name < $1.name }, decisions: [
            Decision(topic: "namespace", choice: ctx.namespace, reason: "private DNS namespace: services find each other by name as they did on the compose network",
                     source: ctx.overrides.namespace != nil ? .override : .default, overrideKey: "x-ferry.namespace", rule: "InternalServiceRole"),
        ])
    }
}

/// The VPC: AZs and NAT per tier, public / private / data subnets, endpoints, and the
/// security-group chain (load balancer → web → internal → data).
enum NetworkBuilder {
    static func run(_ ctx: PlanningContext) {
        let d = ctx.defaults
        let azs = ctx.overrides.azCount ?? d.azCount
        let nat = min(ctx.overrides.natGateways ?? d.natGateways, azs)
        var subnets: [Subnet] = []
        for i in 0..<azs { subnets.append(Subnet(name: "Public\(i + 1)", kind: .public, azIndex: i, cidr: "10.0.\(i).0/24")) }
        for i in 0..<azs { subnets.append(Subnet(name: "Private\(i + 1)", kind: .private, azIndex: i, cidr: "10.0.\(10 + i * 2).0/23")) }
        let hasData = !ctx.blueprint.dataStores.isEmpty
        if hasData {
            for i in 0..<azs { subnets.append(Subnet(name: "Data\(i + 1)", kind: .isolated, azIndex: i, cidr: "10.0.\(30 + i).0/24")) }
        }
        var endpoints: [VPCEndpoint] = []
        if !ctx.blueprint.buckets.isEmpty || !ctx.blueprint.repositories.isEmpty { endpoints.append(VPCEndpoint(service: "s3", kind: .gateway)) }
        if !ctx.blueprint.tables.isEmpty { endpoints.append(VPCEndpoint(service: "dynamodb", kind: .gateway)) }

        var groups: [SecurityGroup] = []
        if let lb = ctx.blueprint.loadBalancer {
            if lb.servesHTTPS {
                groups.append(SecurityGroup(name: lb.securityGroup, description: "Load balancer: HTTPS and HTTP from the internet", ingress: [
                    IngressRule(fromPort: 443, toPort: 443, cidr: "0.0.0.0/0", description: "HTTPS from anywhere"),
                    IngressRule(fromPort: 80, toPort: 80, cidr: "0.0.0.0/0", description: "HTTP from anywhere (redirected to HTTPS)"),
                ]))
            } else {
                groups.append(SecurityGroup(name: lb.securityGroup, description: "Load balancer: HTTP from the internet (no certificate yet)", ingress: [
                    IngressRule(fromPort: 80, toPort: 80, cidr: "0.0.0.0/0", description: "HTTP from anywhere"),
                ]))
            }
        }
        // Batch jobs share the instances' group (TrainingJobs.attach).
        for w in ctx.blueprint.workloads where w.target != .batch {
            var ingress: [IngressRule] = []
            for l in ctx.blueprint.networkLoadBalancer?.listeners ?? [] where l.workload == w.name {
                // The NLB has no security group (UDP listeners): the task's group admits the listener's
                // traffic, which keeps the clients' addresses, and the health checks from inside the VPC.
                ingress.append(IngressRule(fromPort: l.targetPort, toPort: l.targetPort, proto: l.proto.lowercased(), cidr: "0.0.0.0/0",
                                           description: "\(l.carries) through the network load balancer"))
                if l.healthCheckPort != l.targetPort || l.proto != "TCP" {
                    ingress.append(IngressRule(fromPort: l.healthCheckPort, toPort: l.healthCheckPort, cidr: NetworkEdgeBuilder.vpcCIDR,
                                               description: "health checks from the network load balancer"))
                }
            }
            if let port = w.ports.first?.port {
                if let lb = ctx.blueprint.loadBalancer, lb.targetGroups.contains(where: { $0.workload == w.name }) {
                    ingress.append(IngressRule(fromPort: port, toPort: port, sourceGroup: lb.securityGroup, description: "from the load balancer"))
                }
                if w.discoveryName != nil {
                    var callers = Set(ctx.appCallers(of: w.name).map(\.caller))
                    if callers.isEmpty { callers = Set(ctx.blueprint.workloads.map(\.name).filter { $0 != w.name }) }
                    for c in callers.sorted() {
                        guard let cw = ctx.blueprint.workload(named: c), let sg = cw.securityGroup else { continue }
                        ingress.append(IngressRule(fromPort: port, toPort: port, sourceGroup: sg, description: "from \(cw.shortName)"))
                    }
                }
            }
            groups.append(SecurityGroup(name: w.securityGroup ?? "svc-\(w.shortName)", description: "\(w.shortName) (\(w.role.rawValue))", ingress: ingress))
        }
        for s in ctx.blueprint.dataStores {
            var sources: Set<String> = []
            let ingress = s.clients.compactMap { c -> IngressRule? in
                guard let w = ctx.blueprint.workload(named: c), let sg = w.securityGroup, sources.insert(sg).inserted else { return nil }
                return IngressRule(fromPort: s.port, toPort: s.port, sourceGroup: sg, description: w.target == .batch ? "from the Batch jobs" : "from \(w.shortName)")
            }
            groups.append(SecurityGroup(name: s.securityGroup ?? "data-\(s.name)", description: "\(s.name) (\(s.kind.rawValue))", ingress: ingress))
        }
        groups += FileSystemBuilder.securityGroups(ctx.blueprint)
        var decisions = [
            d.decision("azCount", String(azs), "\(azs) availability zones (the load balancer and RDS subnet groups need two)", key: "x-ferry.azs"),
            d.decision("natGateways", String(nat), nat == azs ? "one NAT gateway per AZ: no cross-AZ dependency for egress" : "one shared NAT gateway: cheaper, egress depends on one AZ", key: "x-ferry.nat"),
        ]
        if ctx.overrides.natGateways != nil { decisions[1].source = .override }
        var net = NetworkPlan(azCount: azs, natGatewayCount: nat, subnets: subnets, endpoints: endpoints, securityGroups: groups,
                              flowLogs: d.flowLogs, decisions: decisions)
        net.existingVpcId = ctx.overrides.existingVpc
        ctx.blueprint.network = net
    }
}
