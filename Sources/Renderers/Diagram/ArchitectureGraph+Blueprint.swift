import Blueprint

extension ArchitectureGraph {
    /// The architecture a Blueprint describes: clients, the load balancer and IoT Core at the
    /// edge, workloads by role inside the VPC, managed data below, and what stays outside AWS.
    public init(blueprint b: Blueprint) {
        var nodes: [Node] = []
        var edges: [Edge] = []
        let short = Dictionary(b.workloads.map { ($0.name, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        func title(_ name: String) -> String { short[name] ?? name }

        let hasCloudFront = b.buckets.contains(where: \.cloudFront)
        if b.loadBalancer != nil || hasCloudFront {
            nodes.append(Node(key: "client:internet", title: "Internet", tier: .clients, shape: .circle))
        }

        if let lb = b.loadBalancer {
            var details: [String] = []
            let https = lb.listeners.contains { $0.proto == "HTTPS" }
            if https { details.append("HTTPS :443" + (lb.domain.map { " " + $0 } ?? "")) }
            if lb.listeners.contains(where: { $0.action == .redirectToHTTPS }) { details.append("HTTP :80 -> HTTPS") }
            if lb.waf { details.append("WAF") }
            nodes.append(Node(key: "edge:alb", title: "Application Load Balancer", details: details, tier: .edge))
            edges.append(Edge(from: "client:internet", to: "edge:alb", label: https ? "HTTPS" : "HTTP"))
            let rules = lb.rules.sorted { $0.priority < $1.priority }
            for group in lb.targetGroups.sorted(by: { $0.name < $1.name }) {
                var patterns = rules.filter { $0.targetGroup == group.name }.flatMap(\.pathPatterns)
                if lb.defaultTargetGroup == group.name { patterns.append("/*") }
                edges.append(Edge(from: "edge:alb", to: "workload:" + group.workload,
                                  label: patterns.isEmpty ? nil : patterns.joined(separator: " ")))
            }
        }

        if let iot = b.iot {
            nodes.append(Node(key: "client:devices", title: "Devices", tier: .clients, shape: .circle))
            nodes.append(Node(key: "edge:iot", title: "AWS IoT Core", details: ["MQTT over TLS :\(iot.port)"],
                              tier: .edge))
            edges.append(Edge(from: "client:devices", to: "edge:iot", label: "MQTT/TLS"))
            for client in iot.clients.sorted() {
                edges.append(Edge(from: "workload:" + client, to: "edge:iot", label: "MQTT"))
            }
        }

        for bucket in b.buckets.sorted(by: { $0.name < $1.name }) where bucket.cloudFront {
            let key = "edge:cdn:" + bucket.name
            nodes.append(Node(key: key, title: "CloudFront", details: ["HTTPS"], tier: .edge))
            edges.append(Edge(from: "client:internet", to: key, label: "HTTPS"))
            edges.append(Edge(from: key, to: "bucket:" + bucket.name))
        }

        for w in b.workloads.sorted(by: { $0.name < $1.name }) {
            let tier: Tier
            switch w.role {
            case .web: tier = .publicServices
            case .internal: tier = .internalServices
            case .job, .`init`: tier = .jobs
            default: tier = w.target == .ecsFargateTask ? .jobs : .workers
            }
            var details: [String] = []
            let instanceType = w.capacityProvider.flatMap { b.capacityProvider(named: $0)?.instanceType }
            details.append(w.target == .batch ? "Batch job (EC2 Spot)" : w.target == .ecsFargateTask ? "Fargate task" : instanceType.map { "EC2 GPU \($0)" } ?? "Fargate")
            if let port = w.primaryPort { details[0] += " :\(port)" }
            let cap = w.capacity
            details.append(Self.size(w.size) + (cap.maximum > 1 ? " x\(cap.minimum)-\(cap.maximum)" : ""))
            nodes.append(Node(key: "workload:" + w.name, title: w.shortName, details: details, tier: tier,
                              shape: w.target == .ecsFargateTask || w.target == .batch ? .stadium : .box))
        }

        // Calls between workloads: what the environment points at, and compose depends_on on services
        // (waiting for a job to finish is ordering, not traffic).
        let workloadNames = Set(b.workloads.map(\.name))
        let serviceNames = Set(b.workloads.filter { $0.target.isECSService }.map(\.name))
        for w in b.workloads {
            var targets = Set(w.dependsOn.filter { serviceNames.contains($0) })
            for variable in w.environment {
                for reference in Self.references(in: variable.value) where reference.kind == .workload {
                    if workloadNames.contains(reference.name) { targets.insert(reference.name) }
                }
            }
            for target in targets { edges.append(Edge(from: "workload:" + w.name, to: "workload:" + target)) }
        }

        for store in b.dataStores.sorted(by: { $0.name < $1.name }) {
            nodes.append(Node(key: "store:" + store.name, title: title(store.name),
                              details: [Self.kindShortName(store.kind), store.instanceClass + (store.multiAZ ? " Multi-AZ" : "")],
                              tier: .data, shape: .database))
            for client in store.clients { edges.append(Edge(from: "workload:" + client, to: "store:" + store.name)) }
        }
        for bucket in b.buckets.sorted(by: { $0.name < $1.name }) {
            nodes.append(Node(key: "bucket:" + bucket.name, title: bucket.bucketNameHint ?? bucket.name,
                              details: ["S3 bucket"], tier: .data, shape: .database))
            for client in Set(bucket.readers + bucket.writers) {
                edges.append(Edge(from: "workload:" + client, to: "bucket:" + bucket.name))
            }
        }
        for table in b.tables.sorted(by: { $0.name < $1.name }) {
            nodes.append(Node(key: "table:" + table.name, title: table.tableName ?? table.name,
                              details: ["DynamoDB table"], tier: .data, shape: .database))
            for client in table.clients { edges.append(Edge(from: "workload:" + client, to: "table:" + table.name)) }
        }
        for pool in (b.userPools ?? []).sorted(by: { $0.name < $1.name }) {
            nodes.append(Node(key: "userpool:" + pool.name, title: pool.name, details: ["Cognito user pool"], tier: .data, shape: .database))
            for client in pool.clients { edges.append(Edge(from: "workload:" + client, to: "userpool:" + pool.name)) }
        }
        for topic in (b.messageTopics ?? []).sorted(by: { $0.name < $1.name }) {
            let subscriptions = topic.subscriptions.map(\.name)
            nodes.append(Node(key: "topic:" + topic.name, title: topic.name,
                              details: ["SNS topic" + (subscriptions.isEmpty ? "" : " → SQS " + subscriptions.joined(separator: ", "))], tier: .data, shape: .database))
            for p in topic.publishers { edges.append(Edge(from: "workload:" + p, to: "topic:" + topic.name)) }
            for c in Set(topic.subscriptions.flatMap(\.consumers)).sorted() { edges.append(Edge(from: "topic:" + topic.name, to: "workload:" + c)) }
        }
        for fs in b.fileSystems.sorted(by: { $0.name < $1.name }) {
            nodes.append(Node(key: "efs:" + fs.name, title: fs.name,
                              details: ["EFS: " + fs.accessPoints.map(\.name).joined(separator: ", ")], tier: .data, shape: .database))
            for client in fs.clients { edges.append(Edge(from: "workload:" + client, to: "efs:" + fs.name)) }
        }

        for service in b.services.sorted(by: { $0.name < $1.name }) where service.role == .external {
            nodes.append(Node(key: "external:" + service.name, title: service.name, details: ["external service"],
                              tier: .external, shape: .rounded))
        }

        var operations: [String] = []
        if !b.logGroups.isEmpty { operations.append("logs") }
        if !b.alarms.isEmpty { operations.append("alarms") }
        if b.dashboard != nil { operations.append("dashboard") }
        if !operations.isEmpty {
            nodes.append(Node(key: "ops:cloudwatch", title: "CloudWatch", details: [operations.joined(separator: ", ")],
                              tier: .operations, shape: .rounded))
        }
        if !b.secrets.isEmpty || !b.parameters.isEmpty {
            var parts: [String] = []
            if !b.secrets.isEmpty { parts.append("Secrets Manager") }
            if !b.parameters.isEmpty { parts.append("SSM parameters") }
            nodes.append(Node(key: "ops:config", title: "Configuration", details: [parts.joined(separator: " + ")],
                              tier: .operations, shape: .rounded))
        }
        if !b.repositories.isEmpty {
            nodes.append(Node(key: "ops:ecr", title: "ECR", details: ["\(b.repositories.count) repositories"],
                              tier: .operations, shape: .rounded))
        }

        self.init(title: b.project, nodes: nodes, edges: edges)
    }

    static func references(in value: EnvValue) -> [ResourceReference] {
        switch value {
        case .reference(let reference): return [reference]
        case .template(_, let parts): return parts.keys.sorted().compactMap { parts[$0] }
        default: return []
        }
    }

    static func size(_ size: TaskSize) -> String {
        "\(GuideContext.number(Double(size.cpu) / 1024)) vCPU/\(GuideContext.number(Double(size.memory) / 1024)) GB"
    }

    static func kindShortName(_ kind: DataStoreKind) -> String {
        switch kind {
        case .rdsPostgresql: return "RDS PostgreSQL"
        case .rdsMysql: return "RDS MySQL"
        case .auroraPostgresql: return "Aurora PostgreSQL"
        case .auroraMysql: return "Aurora MySQL"
        case .elasticacheRedis: return "ElastiCache Redis"
        case .elasticacheValkey: return "ElastiCache Valkey"
        case .elasticacheMemcached: return "ElastiCache Memcached"
        case .documentdb: return "DocumentDB"
        case .amazonMQ: return "Amazon MQ"
        case .msk: return "MSK"
        case .opensearch: return "OpenSearch"
        }
    }
}
