import Blueprint

/// What moves where, in a paragraph, and the architecture as a Mermaid diagram.
struct OverviewSection: GuideSection {
    func title(_ context: GuideContext) -> String { "Overview" }

    func body(_ context: GuideContext) -> String? {
        let b = context.blueprint
        var out: [String] = []
        let services = b.services.sorted { $0.name < $1.name }
        let containers = services.filter { $0.target.isECSService || $0.target == .ecsFargateTask }
        let managed = services.filter {
            $0.role == .datastore || $0.target == .s3 || $0.target == .dynamodb || $0.target == .iotCore
                || $0.target == .cloudfrontS3
        }
        let replaced = services.filter { $0.role == .`init` || $0.role == .proxy }
        let notDeployed = services.filter { $0.role == .devtool || $0.role == .external }

        var sentences: [String] = []
        sentences.append("The Compose project has \(count(services.count, "service")).")
        if !containers.isEmpty {
            // GPU services run on EC2 capacity of their own: Fargate has no GPUs.
            let onGPU = containers.filter { $0.target == .ecsEc2 }.map(\.name)
            let platform = onGPU.isEmpty ? "ECS Fargate" : onGPU.count == containers.count ? "ECS on EC2 GPU instances"
                : "ECS (Fargate; " + list(onGPU) + " on EC2 GPU instances)"
            sentences.append("\(count(containers.count, "runs", plural: "run")) as containers on \(platform) ("
                             + list(containers.map(\.name)) + ")"
                             + (b.loadBalancer != nil ? ", the public ones behind one Application Load Balancer"
                                + (context.hasHTTPS ? " with HTTPS" : "") : "")
                             + (b.serviceDiscovery != nil && containers.contains { $0.role == .internal }
                                ? ", the internal ones found through Cloud Map "
                                + Markdown.code(b.serviceDiscovery?.name ?? "") : "") + ".")
        }
        if !managed.isEmpty {
            sentences.append("\(count(managed.count, "becomes", plural: "become")) a managed service ("
                             + managed.map { Markdown.code($0.name) + " → " + GuideContext.targetName($0.target) }
                                .joined(separator: ", ") + ").")
        }
        if !replaced.isEmpty {
            sentences.append("\(count(replaced.count, "is", plural: "are")) replaced by the infrastructure itself ("
                             + list(replaced.map(\.name)) + ").")
        }
        if !notDeployed.isEmpty {
            sentences.append("\(count(notDeployed.count, "is", plural: "are")) not deployed ("
                             + list(notDeployed.map(\.name)) + ": development tooling or hosted elsewhere).")
        }
        out.append(sentences.joined(separator: " "))
        out.append("")

        let net = b.network
        var facts: [String] = []
        facts.append("- **Tier** `\(b.tier.rawValue)`: " + tierSummary(b.tier))
        facts.append("- **Network**: VPC " + Markdown.code(net.cidr) + " across \(net.azCount) Availability Zones, "
                     + natWording(net.natGatewayCount)
                     + (net.endpoints.isEmpty ? "" : ", VPC endpoints for " + net.endpoints.map(\.service).sorted()
                        .map(Markdown.code).joined(separator: ", ")) + ".")
        if let stores = nonEmpty(b.dataStores.sorted { $0.name < $1.name }) {
            facts.append("- **Data**: " + stores.map { store in
                GuideContext.kindName(store.kind) + " " + Markdown.code(store.instanceClass)
                    + (store.multiAZ ? " Multi-AZ" : " single-AZ")
            }.joined(separator: "; ") + ".")
        }
        if !b.secrets.isEmpty || !b.parameters.isEmpty {
            facts.append("- **Configuration**: \(count(b.secrets.count, "secret")) in Secrets Manager, "
                         + "\(count(b.parameters.count, "parameter")) in SSM Parameter Store; "
                         + "tasks read them at start through their execution role.")
        }
        if !b.alarms.isEmpty || b.dashboard != nil {
            facts.append("- **Operations**: \(count(b.logGroups.count, "log group")), \(count(b.alarms.count, "alarm"))"
                         + (b.alarmTopic != nil ? " notifying an SNS topic" : "")
                         + (b.dashboard != nil ? ", a CloudWatch dashboard" : "")
                         + (b.budget != nil ? ", a monthly budget" : "") + ".")
        }
        if let cost = context.cost {
            facts.append("- **Estimated cost**: " + GuideContext.dollars(cost.totalMonthly) + " a month in "
                         + Markdown.escape(cost.region) + " (see [Cost](#cost)).")
        }
        out.append(contentsOf: facts)
        out.append("")
        out.append("### Architecture")
        out.append("")
        out.append(Markdown.fenced(MermaidFlowchart.render(ArchitectureGraph(blueprint: b)), language: "mermaid"))
        out.append("")
        out.append("The same diagram for a terminal: `ferry diagram --format ascii`.")
        return out.joined(separator: "\n")
    }

    private func tierSummary(_ tier: Tier) -> String {
        switch tier {
        case .dev: return "smallest sizes, no deletion protection; for trying the stack out."
        case .mvp: return "two Availability Zones, single-AZ database with backups, deletion protection on data."
        case .prod: return "Multi-AZ data, NAT per Availability Zone, alarms to SNS, WAF."
        }
    }

    private func natWording(_ count: Int) -> String {
        switch count {
        case 0: return "no NAT gateway (private tasks reach AWS through VPC endpoints)"
        case 1: return "one NAT gateway shared by the private subnets"
        default: return "\(count) NAT gateways (one per Availability Zone)"
        }
    }

    private func nonEmpty<T>(_ items: [T]) -> [T]? { items.isEmpty ? nil : items }

    private func list(_ names: [String]) -> String { names.map(Markdown.code).joined(separator: ", ") }
}

/// `1 service`, `3 services`; with a verb: `1 runs`, `3 run`.
func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
    if n == 1 { return "1 \(singular)" }
    if let plural { return "\(n) \(plural)" }
    return "\(n) \(singular)s"
}
