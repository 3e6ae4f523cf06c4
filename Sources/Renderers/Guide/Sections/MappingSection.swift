import Blueprint

/// Service → AWS mapping: one row per Compose service with its role, target and why.
struct MappingSection: GuideSection {
    func title(_ context: GuideContext) -> String { "Service → AWS mapping" }

    func body(_ context: GuideContext) -> String? {
        let b = context.blueprint
        guard !b.services.isEmpty else { return "The project has no services." }
        var table = MarkdownTable(headers: ["Compose service", "Role", "On AWS", "Notes"])
        for service in b.services.sorted(by: Self.order) {
            table.append([local(service, context), Markdown.code(service.role.rawValue),
                          target(service, context), notes(service, context)])
        }
        var out = [table.render(), ""]
        out.append("Roles and targets are ferry's plan vocabulary (`ferry plan --format json`). Each row's reasons come "
                   + "from the Compose files; change a decision with the service's `x-ferry` keys "
                   + "(for example `x-ferry.role`) and regenerate.")
        return out.joined(separator: "\n")
    }

    /// Traffic order: what users reach first comes first.
    static func order(_ a: ServicePlan, _ b: ServicePlan) -> Bool {
        func rank(_ s: ServicePlan) -> Int {
            switch s.role {
            case .web: return 0
            case .proxy: return 1
            case .static: return 2
            case .internal: return 3
            case .worker: return 4
            case .job: return 5
            case .datastore: return 6
            case .`init`: return 7
            case .external: return 8
            case .devtool: return 9
            }
        }
        return (rank(a), a.name) < (rank(b), b.name)
    }

    private func local(_ service: ServicePlan, _ context: GuideContext) -> String {
        var ports: [Int] = []
        if let workload = context.workload(service.name) { ports = workload.ports.map(\.port) }
        if let store = context.blueprint.dataStore(named: service.name) { ports = [store.port] }
        let suffix = ports.isEmpty ? "" : " (" + ports.map { Markdown.code(":\($0)") }.joined(separator: ", ") + ")"
        return Markdown.code(service.name) + suffix
    }

    private func target(_ service: ServicePlan, _ context: GuideContext) -> String {
        if let gpu = GPUGuide.target(service, context) { return gpu }
        switch service.role {
        case .web:
            return context.blueprint.loadBalancer != nil ? "ECS Fargate + ALB" : "ECS Fargate (public)"
        case .internal, .worker: return "ECS Fargate (private)"
        case .job: return "ECS Fargate task (runs to completion)"
        case .`init`: return "Replaced by the infrastructure"
        case .devtool: return "Not deployed"
        case .external: return "Stays external"
        case .proxy: return "Application Load Balancer rules"
        case .static:
            return service.target == .cloudfrontS3 ? "Amazon S3 + CloudFront" : GuideContext.targetName(service.target)
        case .datastore: return GuideContext.targetName(service.target)
        }
    }

    private func notes(_ service: ServicePlan, _ context: GuideContext) -> String {
        let b = context.blueprint
        var parts: [String] = []
        if let w = context.workload(service.name) {
            switch w.role {
            case .web:
                var text = "Public-facing"
                if context.hasHTTPS { text += ", HTTPS via ACM" }
                let routes = context.routes(to: w.name)
                if !routes.isEmpty {
                    let isDefault = context.blueprint.loadBalancer.flatMap { lb in
                        lb.targetGroups.first { $0.name == lb.defaultTargetGroup }?.workload
                    } == w.name
                    text += "; ALB paths " + routes.map(Markdown.code).joined(separator: ", ")
                        + (isDefault ? " (default)" : "")
                }
                parts.append(text)
            case .internal:
                if let host = context.discoveryHost(of: w.name) {
                    parts.append("No public exposure, Cloud Map DNS " + Markdown.code(host))
                } else {
                    parts.append("No public exposure")
                }
            case .worker: parts.append("No inbound traffic, outbound only")
            case .job:
                parts.append(w.schedule.map { "Scheduled " + Markdown.code($0) } ?? "Run once per deploy or by hand")
            default: break
            }
            var sizing = GuideContext.size(w.size)
            let c = w.capacity
            if w.target.isECSService {
                sizing += c.minimum == c.maximum ? ", \(count(c.desired, "task"))" : ", \(c.minimum)–\(c.maximum) tasks"
                if w.scaling != nil { sizing += " (auto scaling)" }
            }
            parts.append(sizing)
            if let volumes = FileSystemGuide.mappingNote(w) { parts.append(volumes) }
            if let gpu = GPUGuide.note(w, context) { parts.append(gpu) }
        }
        if let store = b.dataStore(named: service.name) {
            var text = Markdown.code(store.instanceClass)
            if store.instanceCount > 1 { text += " ×\(store.instanceCount)" }
            text += store.multiAZ ? ", Multi-AZ" : ", single-AZ"
            if store.kind.isRelational { text += ", backups \(store.backupRetentionDays) days" }
            if store.encryptedAtRest && store.encryptedInTransit {
                text += ", encrypted at rest and in transit"
            } else if store.encryptedAtRest {
                text += ", encrypted at rest"
            }
            parts.append(text)
        }
        for bucket in b.buckets where bucket.replaces == service.name {
            parts.append("Bucket " + Markdown.code(bucket.bucketNameHint ?? bucket.name) + ": private"
                         + (bucket.versioning ? ", versioned" : "") + ", encrypted (" + bucket.encryption + ")")
        }
        for table in b.tables where table.replaces == service.name {
            parts.append("Table " + Markdown.code(table.tableName ?? table.name) + ", key "
                         + Markdown.code(table.partitionKey.name)
                         + (table.sortKey.map { " + " + Markdown.code($0.name) } ?? "") + ", "
                         + (table.billingMode == "PAY_PER_REQUEST" ? "on-demand" : "provisioned"))
        }
        if let iot = b.iot, iot.replaces == service.name {
            parts.append("MQTT over TLS on \(iot.port), one certificate per device")
        }
        parts.append(contentsOf: service.reasons.prefix(2).map(Markdown.escape))
        if !service.dropped.isEmpty {
            parts.append("\(count(service.dropped.count, "key")) not carried over (see below)")
        }
        return parts.joined(separator: "; ")
    }
}

/// Compose keys that do not carry over to AWS, with what to do instead.
struct NotCarriedOverSection: GuideSection {
    func title(_ context: GuideContext) -> String { "What does not carry over" }

    func body(_ context: GuideContext) -> String? {
        var table = MarkdownTable(headers: ["Service", "Compose key", "Why", "Instead"])
        for service in context.blueprint.services.sorted(by: { $0.name < $1.name }) {
            for dropped in service.dropped.sorted(by: { $0.key < $1.key }) {
                table.append([Markdown.code(service.name), Markdown.code(dropped.key), Markdown.escape(dropped.reason),
                              Markdown.escape(dropped.instead)])
            }
        }
        guard !table.isEmpty else { return nil }
        return table.render()
    }
}
