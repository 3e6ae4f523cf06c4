import Blueprint

/// What to check after deploying and before switching DNS, derived from what the stack holds.
struct TestingSection: GuideSection {
    func title(_ context: GuideContext) -> String { "Testing checklist" }

    func body(_ context: GuideContext) -> String? {
        let b = context.blueprint
        var lines: [String] = []
        lines.append(Markdown.task("`ferry verify` passes (stack complete, services stable, targets healthy)"))
        let host = b.loadBalancer?.domain ?? "<load balancer DNS name>"
        if let lb = b.loadBalancer {
            for group in lb.targetGroups.sorted(by: { $0.name < $1.name }) {
                let routes = context.routes(to: group.workload)
                var path = group.healthCheckPath
                // Through the load balancer the health path sits under the service's path prefix.
                if let prefix = routes.lazy.compactMap(Self.prefix(of:)).first, prefix != "/" {
                    path = prefix + (group.healthCheckPath.hasPrefix("/") ? String(group.healthCheckPath.dropFirst())
                                                                          : group.healthCheckPath)
                }
                lines.append(Markdown.task(Markdown.code(context.shortName(group.workload)) + " answers through the load "
                                           + "balancer: " + Markdown.code("curl -fsS \(lb.publicScheme)://\(host)\(path)")
                                           + " (target group " + Markdown.code(group.name) + " healthy)"))
            }
            if context.redirectsHTTP {
                lines.append(Markdown.task("Plain HTTP redirects: " + Markdown.code("curl -sI http://\(host)/")
                                           + " shows `301` to `https://`"))
            }
            for rule in lb.rules.sorted(by: { $0.priority < $1.priority }) {
                guard let path = rule.pathPatterns.first else { continue }
                let workload = lb.targetGroups.first { $0.name == rule.targetGroup }?.workload ?? rule.targetGroup
                lines.append(Markdown.task(Markdown.code(path) + " reaches " + Markdown.code(context.shortName(workload))
                                           + " (check its logs for the request)"))
            }
        }
        let internalWorkloads = context.deployedWorkloads.filter { $0.role == .internal }
        if let namespace = b.serviceDiscovery, !internalWorkloads.isEmpty {
            lines.append(Markdown.task("Internal services resolve in " + Markdown.code(namespace.name)
                                       + " and answer their callers: "
                                       + internalWorkloads.map { Markdown.code(context.shortName($0.name)) }
                                           .joined(separator: ", ")))
        }
        for worker in context.deployedWorkloads.filter({ $0.role == .worker }) {
            lines.append(Markdown.task("Worker " + Markdown.code(worker.shortName)
                                       + " picks up work (enqueue a test job, watch its log group)"))
        }
        for store in b.dataStores.sorted(by: { $0.name < $1.name }) {
            let clients = store.clients.sorted().map { Markdown.code(context.shortName($0)) }.joined(separator: ", ")
            lines.append(Markdown.task(GuideContext.kindName(store.kind) + " " + Markdown.code(context.shortName(store.name))
                                       + ": " + (clients.isEmpty ? "reachable from the tasks" : clients + (store.clients.count == 1 ? " connects" : " connect"))
                                       + (store.encryptedInTransit ? " over TLS" : "")
                                       + (store.kind.isRelational ? "; schema migrations applied; row counts match the source" : "")))
        }
        for bucket in b.buckets.sorted(by: { $0.name < $1.name }) {
            var text = "Bucket " + Markdown.code(bucket.bucketNameHint ?? bucket.name) + ": the app uploads and downloads"
            if !bucket.cors.isEmpty { text += " (a presigned upload from the browser works)" }
            text += "; anonymous access is refused"
            lines.append(Markdown.task(text))
        }
        for table in b.tables.sorted(by: { $0.name < $1.name }) {
            lines.append(Markdown.task("Table " + Markdown.code(table.tableName ?? table.name)
                                       + ": the app writes and reads an item; item counts match the source"))
        }
        if b.iot != nil {
            lines.append(Markdown.task("A device connects to AWS IoT Core with its certificate on port 8883 and its "
                                       + "messages reach the services that subscribe"))
            lines.append(Markdown.task("A device cannot publish to another device's topics"))
        }
        if !b.secrets.isEmpty {
            lines.append(Markdown.task("No secret appears in a task definition: `aws ecs describe-task-definition` lists "
                                       + "secrets under `secrets`, never `environment`"))
        }
        let removed = context.removedWorkloadVariables
        if !removed.isEmpty {
            lines.append(Markdown.task("Variables removed for AWS are absent from every task definition: "
                                       + removed.map(Markdown.code).joined(separator: ", ")))
        }
        if !b.logGroups.isEmpty {
            lines.append(Markdown.task("Every service writes to its log group"))
        }
        if !b.alarms.isEmpty {
            lines.append(Markdown.task("Alarms notify: `aws cloudwatch set-alarm-state --alarm-name <name> --state-value ALARM "
                                       + "--state-reason test` sends the email"))
        }
        if context.deployedWorkloads.contains(where: { $0.scaling != nil }) {
            lines.append(Markdown.task("Auto scaling: a short load test adds tasks and they are removed afterwards"))
        }
        lines.append(Markdown.task("Stop one task of each service: ECS replaces it and the load balancer keeps answering"))
        return lines.joined(separator: "\n")
    }

    /// `/api/` for `/api/*`; nil for patterns that are not a simple prefix.
    static func prefix(of pattern: String) -> String? {
        guard pattern.hasPrefix("/"), pattern.hasSuffix("*") else { return nil }
        let stem = String(pattern.dropLast())
        guard !stem.contains("*"), !stem.contains("?") else { return nil }
        return stem.hasSuffix("/") ? stem : stem + "/"
    }
}
