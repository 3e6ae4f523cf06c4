import Blueprint

/// The step-by-step checklist, in dependency order: each step needs only what the steps
/// before it created. `ferry deploy` does steps 1–6 in one CloudFormation stack; the list
/// says what that stack holds so a person can review it, or build it by hand.
struct ChecklistSection: GuideSection {
    func title(_ context: GuideContext) -> String { "Migration checklist" }

    func body(_ context: GuideContext) -> String? {
        let steps: [(String, [String])] = [
            ("Network", network(context)),
            ("Data stores", dataStores(context)),
            ("Secrets and configuration", secrets(context)),
            ("Images and static files", images(context)),
            ("Services", services(context)),
            ("DNS and certificates", dns(context)),
            ("Data migration", dataMigration(context)),
            ("Cutover", cutover(context)),
        ]
        var out: [String] = []
        out.append("The CloudFormation template from `ferry generate --target cloudformation -o "
                   + Markdown.escape(context.options.templateDirectory) + "` creates the resources of steps 1–6 in one "
                   + "stack (" + Markdown.code(context.stackName) + "); `ferry deploy` applies it through a change set you "
                   + "can review. Image builds and uploads (step 4) happen outside the stack, by hand or in the deploy "
                   + "workflow; steps 7 and 8 move the data and the traffic.")
        for (index, step) in steps.enumerated() {
            out.append("")
            out.append("### \(index + 1). \(step.0)")
            out.append("")
            out.append(contentsOf: step.1.isEmpty ? ["Nothing to do for this project."] : step.1)
        }
        return out.joined(separator: "\n")
    }

    // MARK: 1. Network

    private func network(_ c: GuideContext) -> [String] {
        let net = c.blueprint.network
        var lines: [String] = []
        lines.append(Markdown.task("Create the VPC " + Markdown.code(net.cidr) + " across \(net.azCount) Availability Zones"))
        for kind in [Subnet.Kind.public, .private, .isolated] {
            let subnets = net.subnets.filter { $0.kind == kind }.sorted { $0.name < $1.name }
            guard !subnets.isEmpty else { continue }
            let purpose: String
            switch kind {
            case .public: purpose = "load balancer, NAT gateways"
            case .private: purpose = "ECS tasks, egress through NAT"
            case .isolated: purpose = "data stores, no internet route"
            }
            lines.append(Markdown.task("\(subnets.count)× \(kind.rawValue) subnets (\(purpose)): "
                                       + subnets.map { Markdown.code($0.cidr) }.joined(separator: ", ")))
        }
        lines.append(Markdown.task("Internet gateway attached to the VPC"))
        switch net.natGatewayCount {
        case 0: lines.append(Markdown.task("No NAT gateway: private subnets reach AWS through VPC endpoints only"))
        case 1: lines.append(Markdown.task("One NAT gateway, shared by the private subnets (for task egress)"))
        default: lines.append(Markdown.task("A NAT gateway in each public subnet (\(net.natGatewayCount)), for task egress"))
        }
        if !net.endpoints.isEmpty {
            lines.append(Markdown.task("VPC endpoints: " + net.endpoints.sorted { $0.service < $1.service }
                .map { Markdown.code($0.service) + " (\($0.kind.rawValue))" }.joined(separator: ", ")))
        }
        if net.flowLogs { lines.append(Markdown.task("VPC flow logs to CloudWatch Logs")) }
        let groups = net.securityGroups.sorted { $0.name < $1.name }
        if !groups.isEmpty {
            lines.append(Markdown.task("Security groups (each inbound rule names its source; outbound is open):"))
            for group in groups {
                let rules = group.ingress.map { rule -> String in
                    let ports = rule.fromPort == rule.toPort ? "\(rule.fromPort)" : "\(rule.fromPort)–\(rule.toPort)"
                    let source = rule.sourceGroup.map { Markdown.code("sg-" + $0) } ?? Markdown.code(rule.cidr ?? "?")
                    return "\(ports) from \(source)"
                }
                let text = rules.isEmpty ? "no inbound rules" : "inbound " + rules.joined(separator: ", ")
                lines.append("  - " + Markdown.code("sg-" + group.name) + " — " + text)
            }
        }
        return lines
    }

    // MARK: 2. Data stores

    private func dataStores(_ c: GuideContext) -> [String] {
        let b = c.blueprint
        var lines: [String] = []
        for store in b.dataStores.sorted(by: { $0.name < $1.name }) {
            var text = "Create " + GuideContext.kindName(store.kind) + " " + Markdown.code(c.shortName(store.name))
                + " (engine " + Markdown.code(store.engine) + " " + Markdown.escape(store.engineVersion) + ", "
                + Markdown.code(store.instanceClass)
            if store.instanceCount > 1 { text += " ×\(store.instanceCount)" }
            text += store.multiAZ ? ", Multi-AZ" : ", single-AZ"
            let isolated = b.network.subnets.contains { $0.kind == .isolated }
            text += ") in the " + (isolated ? "isolated data" : "private") + " subnets, not publicly accessible"
            lines.append(Markdown.task(text))
            var details: [String] = []
            if let db = store.databaseName { details.append("database " + Markdown.code(db)) }
            if store.kind.isRelational { details.append("automated backups kept \(store.backupRetentionDays) days") }
            if store.deletionProtection { details.append("deletion protection on") }
            var encryption: [String] = []
            if store.encryptedAtRest { encryption.append("at rest") }
            if store.encryptedInTransit { encryption.append("in transit (TLS)") }
            if !encryption.isEmpty { details.append("encrypted " + encryption.joined(separator: " and ")) }
            if let secret = store.credentialsSecret {
                let secretName = b.secret(named: secret)?.secretName ?? secret
                details.append((store.kind.isCache ? "auth token" : "credentials") + " in Secrets Manager "
                               + Markdown.code(secretName))
            }
            for key in store.parameters.keys.sorted() {
                details.append("parameter " + Markdown.code(key) + " set")
            }
            if let sg = store.securityGroup {
                details.append("reachable only from " + Markdown.code("sg-" + sg) + " on port \(store.port)")
            }
            if !store.clients.isEmpty {
                details.append("used by " + store.clients.sorted().map { Markdown.code(c.shortName($0)) }
                    .joined(separator: ", "))
            }
            lines.append(contentsOf: details.map { Markdown.task(Self.capitalized($0), indent: 1) })
        }
        for bucket in b.buckets.sorted(by: { $0.name < $1.name }) {
            let name = bucket.bucketNameHint ?? bucket.name
            lines.append(Markdown.task("Create the S3 bucket " + Markdown.code(name)
                                       + (bucket.replaces.map { " (replaces " + Markdown.code($0) + ")" } ?? "")))
            var details = ["Block all public access" + (bucket.cloudFront ? "; CloudFront reads it through origin access control" : "")]
            if bucket.versioning { details.append("Versioning on") }
            details.append("Server-side encryption " + (bucket.encryption == "aws:kms" ? "SSE-KMS" : "SSE-S3"))
            for rule in bucket.lifecycle.sorted(by: { $0.id < $1.id }) {
                var parts: [String] = []
                if let days = rule.transitionDays, let storage = rule.transitionStorageClass {
                    parts.append("to " + Markdown.code(storage) + " after \(days) days")
                }
                if let days = rule.expirationDays { parts.append("expire after \(days) days") }
                if let days = rule.noncurrentExpirationDays { parts.append("old versions expire after \(days) days") }
                if let days = rule.abortIncompleteUploadDays { parts.append("abort incomplete uploads after \(days) days") }
                let scope = rule.prefix.map { " on " + Markdown.code($0) } ?? ""
                details.append("Lifecycle " + Markdown.code(rule.id) + scope + ": " + parts.joined(separator: ", "))
            }
            for cors in bucket.cors {
                details.append("CORS: " + cors.allowedMethods.sorted().map(Markdown.code).joined(separator: ", ")
                               + " from " + cors.allowedOrigins.map(Markdown.code).joined(separator: ", ")
                               + " (presigned uploads from browsers)")
            }
            if !bucket.writers.isEmpty {
                details.append("Write access for " + bucket.writers.sorted().map { Markdown.code(c.shortName($0)) }
                    .joined(separator: ", ") + " through "
                               + GuideContext.possessive(bucket.writers.count, "task role", "task roles"))
            }
            if !bucket.readers.isEmpty {
                details.append("Read access for " + bucket.readers.sorted().map { Markdown.code(c.shortName($0)) }
                    .joined(separator: ", ") + " through "
                               + GuideContext.possessive(bucket.readers.count, "task role", "task roles"))
            }
            lines.append(contentsOf: details.map { Markdown.task($0, indent: 1) })
        }
        for table in b.tables.sorted(by: { $0.name < $1.name }) {
            var text = "Create the DynamoDB table " + Markdown.code(table.tableName ?? table.name) + ": partition key "
                + Markdown.code(table.partitionKey.name) + " (" + table.partitionKey.type + ")"
            if let sort = table.sortKey { text += ", sort key " + Markdown.code(sort.name) + " (" + sort.type + ")" }
            text += ", " + (table.billingMode == "PAY_PER_REQUEST" ? "on-demand" : "provisioned") + " capacity"
            if table.pointInTimeRecovery { text += ", point-in-time recovery" }
            lines.append(Markdown.task(text))
            if table.keysAreDefault {
                lines.append(Markdown.task("**Check the keys**: ferry guessed them; set `x-ferry.dynamodb.tables` "
                                           + "to the keys the code uses before the first deploy", indent: 1))
            }
        }
        lines += FileSystemGuide.resources(c)
        if let iot = b.iot {
            lines.append(Markdown.task("Set up AWS IoT Core (replaces " + Markdown.code(iot.replaces) + "): thing type "
                                       + Markdown.code(iot.thingTypeName) + ", policy " + Markdown.code(iot.policyName)
                                       + " limiting each device to its own topics"))
            if !iot.topics.isEmpty {
                lines.append(Markdown.task("Topics: " + iot.topics.sorted().map(Markdown.code).joined(separator: ", "),
                                           indent: 1))
            }
            lines.append(Markdown.task("One certificate per device: `ferry iot add-device NAME` creates the thing, its "
                                       + "certificate and key (written to `.ferry/devices/NAME/`, the key with mode 0600) and "
                                       + "attaches the policy; devices connect with MQTT over TLS on port "
                                       + "\(iot.port) to the `iot:Data-ATS` endpoint with the thing name as client id", indent: 1))
            if !iot.devices.isEmpty {
                lines.append(Markdown.task("Devices the broker knew: " + iot.devices.map { Markdown.code("ferry iot add-device " + $0) }.joined(separator: ", "),
                                           indent: 1))
            }
            lines.append(Markdown.task("`ferry iot list-devices` shows the devices and their certificates; "
                                       + "`ferry iot revoke-device NAME` disconnects one for good", indent: 1))
            for rule in iot.rules.sorted(by: { $0.name < $1.name }) {
                lines.append(Markdown.task("Topic rule " + Markdown.code(rule.name) + ": messages on " + Markdown.code(rule.topicFilter)
                                           + " go to " + (rule.queueName.map { "the SQS queue " + Markdown.code($0) } ?? "its ingest route")
                                           + "; change " + Markdown.code(rule.workload) + " to read them from there instead of subscribing to the broker"
                                           + (rule.deadLetterQueueName.map { " (undeliverable messages land in " + Markdown.code($0) + ")" } ?? ""),
                                           indent: 1))
            }
        }
        return lines
    }

    // MARK: 3. Secrets

    private func secrets(_ c: GuideContext) -> [String] {
        let b = c.blueprint
        var lines: [String] = []
        let secrets = b.secrets.sorted { $0.secretName < $1.secretName }
        if !secrets.isEmpty {
            lines.append(Markdown.task("Secrets Manager:"))
            for secret in secrets {
                let how: String
                switch secret.generation {
                case .generated(let length, _, _): how = "generated at deploy time (\(length) characters)"
                case .provided: how = "**you set the value** before the first start ("
                    + "`aws secretsmanager put-secret-value --secret-id \(secret.secretName) --secret-string file://…`)"
                case .managed(let owner):
                    let store = b.dataStores.first { $0.credentialsSecret == secret.name }
                    how = store.map { $0.kind.isRelational && $0.credentials == .service } ?? true
                        ? "created and rotated by " + Markdown.escape(owner)
                        : "generated at deploy time for " + Markdown.escape(owner) + "; not rotated automatically, because connection strings built from it at deploy time would go stale"
                case .composed: how = "built at deploy time from the data store's endpoint and credentials"
                }
                let readers = secret.consumers.isEmpty ? ""
                    : "; read by " + secret.consumers.sorted().map { Markdown.code(c.shortName($0)) }.joined(separator: ", ")
                lines.append("  - " + Markdown.code(secret.secretName) + " — " + how + readers)
            }
        }
        let parameters = b.parameters.sorted { $0.parameterName < $1.parameterName }
        if !parameters.isEmpty {
            lines.append(Markdown.task("SSM Parameter Store (plain configuration; values are in the template):"))
            for parameter in parameters {
                let readers = parameter.consumers.isEmpty ? ""
                    : " — read by " + parameter.consumers.sorted().map { Markdown.code(c.shortName($0)) }
                        .joined(separator: ", ")
                lines.append("  - " + Markdown.code(parameter.parameterName) + readers)
            }
        }
        let removed = c.removedWorkloadVariables
        if !removed.isEmpty {
            lines.append(Markdown.task("Make sure these stay unset in production: "
                                       + removed.map(Markdown.code).joined(separator: ", ")))
        }
        return lines
    }

    // MARK: 4. Images

    private func images(_ c: GuideContext) -> [String] {
        let b = c.blueprint
        var lines: [String] = []
        let repositories = b.repositories.sorted { $0.name < $1.name }
        if !repositories.isEmpty {
            lines.append(Markdown.task("One ECR repository per built service:"))
            lines.append(Markdown.fenced(repositories.map(\.name).joined(separator: "\n")).split(separator: "\n",
                omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
            let keep = Set(repositories.map(\.keepImages)).sorted()
            lines.append(Markdown.task("Lifecycle policy: keep the last " + keep.map(String.init).joined(separator: "/")
                                       + " images"))
            if repositories.allSatisfy(\.scanOnPush) { lines.append(Markdown.task("Image scanning on push")) }
            lines.append(Markdown.task("Build and push each image tagged with the commit SHA "
                                       + "(`ferry generate --target github-actions` writes a workflow that does it on "
                                       + "every push, with OIDC instead of stored keys):"))
            var script = ["REGISTRY=<account>.dkr.ecr.\(b.region).amazonaws.com",
                          "TAG=$(git rev-parse HEAD)",
                          "aws ecr get-login-password --region \(b.region) | docker login --username AWS --password-stdin \"$REGISTRY\""]
            for workload in b.imageBuilders {
                guard let build = workload.image.build, let repository = workload.image.repository else { continue }
                var command = "docker build -t \"$REGISTRY/\(repository):$TAG\""
                if let dockerfile = build.dockerfile { command += " -f " + Self.join(build.context, dockerfile) }
                if let target = build.target { command += " --target " + target }
                if let platform = build.platform { command += " --platform " + platform }
                command += " " + build.context
                script.append(command + " && docker push \"$REGISTRY/\(repository):$TAG\"")
            }
            lines.append(Markdown.fenced(script.joined(separator: "\n"), language: "bash").split(separator: "\n",
                omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
            lines.append("  Paths are relative to the Compose project directory.")
        }
        for bucket in b.buckets.sorted(by: { $0.name < $1.name }) where bucket.cloudFront {
            let name = bucket.bucketNameHint ?? bucket.name
            lines.append(Markdown.task("Upload the static site " + (bucket.replaces.map { Markdown.code($0) + " " } ?? "")
                                       + "to " + Markdown.code(name) + " (the bucket's real name is a stack output): "
                                       + Markdown.code("aws s3 sync <site files> s3://<bucket>/ --delete")
                                       + ", then " + Markdown.code("aws cloudfront create-invalidation --distribution-id <id> --paths '/*'")))
        }
        let pulled = c.deployedWorkloads.filter { $0.image.build == nil }.compactMap { w in w.image.image.map { (w, $0) } }
        for (workload, image) in pulled {
            lines.append(Markdown.task(Markdown.code(workload.shortName) + " runs the registry image " + Markdown.code(image)
                                       + (image.hasSuffix(":latest") || !image.contains(":") ? " — pin a version tag" : "")))
        }
        return lines
    }

    /// `context/dockerfile` without doubled slashes or a leading `./`.
    static func join(_ context: String, _ file: String) -> String {
        if file.hasPrefix("/") { return file }
        let base = context.hasSuffix("/") ? String(context.dropLast()) : context
        if base.isEmpty || base == "." { return file }
        return base + "/" + file
    }

    // MARK: 5. Services

    private func services(_ c: GuideContext) -> [String] {
        let b = c.blueprint
        var lines: [String] = []
        if let cluster = b.cluster {
            lines.append(Markdown.task("Create the ECS cluster " + Markdown.code(cluster.name)
                                       + (cluster.containerInsights ? " with Container Insights" : "")))
        }
        lines += GPUGuide.checklist(c)
        if !b.logGroups.isEmpty {
            let retention = Set(b.logGroups.map(\.retentionDays)).sorted().map(String.init).joined(separator: "/")
            lines.append(Markdown.task("Log groups, one per service (" + Markdown.code(b.logGroups.sorted { $0.name < $1.name }
                .first?.logGroupName ?? "") + ", …), kept \(retention) days"))
        }
        if let namespace = b.serviceDiscovery {
            lines.append(Markdown.task("Cloud Map private DNS namespace " + Markdown.code(namespace.name) + ": "
                                       + namespace.services.sorted { $0.name < $1.name }
                                           .map { Markdown.code("\($0.name).\(namespace.name):\($0.port)") }
                                           .joined(separator: ", ")))
        }
        let execution = b.roles.filter { $0.kind == .taskExecution }.sorted { $0.name < $1.name }
        let task = b.roles.filter { $0.kind == .task }.sorted { $0.name < $1.name }
        if !execution.isEmpty {
            lines.append(Markdown.task("Task execution role" + (execution.count > 1 ? "s " : " ")
                                       + execution.map { Markdown.code($0.name) }.joined(separator: ", ")
                                       + ": pulls images, writes logs, reads only the secrets its tasks use"))
        }
        if !task.isEmpty {
            lines.append(Markdown.task("One task role per service, least privilege:"))
            for role in task {
                let grants = role.statements.map { statement -> String in
                    let actions = statement.actions.map(Markdown.code).joined(separator: ", ")
                    let resources = statement.resources.map { c.describe($0) }.joined(separator: ", ")
                    return actions + " on " + resources
                }
                let owner = role.workload.map { c.shortName($0) } ?? role.name
                lines.append("  - " + Markdown.code(owner) + ": "
                             + (grants.isEmpty ? "no AWS permissions" : grants.joined(separator: "; ")))
            }
        }
        for workload in c.deployedWorkloads {
            let kind = workload.target == .batch ? "Batch job definition " : workload.target == .ecsFargateTask ? "Task definition " : "Service "
            var text = kind + Markdown.code(workload.shortName)
                + ": " + GuideContext.size(workload.size)
            if workload.target.isECSService {
                let cap = workload.capacity
                text += cap.minimum == cap.maximum ? ", \(count(cap.desired, "task"))"
                    : ", \(cap.desired) task\(cap.desired == 1 ? "" : "s") scaling \(cap.minimum)–\(cap.maximum)"
                if let scaling = workload.scaling {
                    text += " on \(scaling.metric.rawValue) (target \(GuideContext.number(scaling.targetValue)))"
                }
            }
            if let health = workload.healthCheck, !health.command.isEmpty {
                text += ", container health check every \(health.interval)s"
            }
            if !workload.dependsOn.isEmpty {
                text += ", after " + workload.dependsOn.sorted().map { Markdown.code(c.shortName($0)) }
                    .joined(separator: ", ")
            }
            if workload.target == .ecsFargateTask {
                text += workload.schedule.map { ", scheduled " + Markdown.code($0) } ?? ", run on demand"
            }
            if workload.target == .batch, let env = b.batch {
                text += (workload.gpuCount.map { ", \($0) GPU" } ?? "") + ", on " + env.instanceTypes.map(Markdown.code).joined(separator: "/")
                    + (env.spot ? " Spot, on-demand when Spot has none" : " on demand") + ", up to \(env.maxvCpus) vCPUs at once, from zero"
                    + (workload.schedule.map { ", scheduled " + Markdown.code($0) } ?? ", started with " + Markdown.code("ferry run \(workload.name)"))
            }
            lines.append(Markdown.task(text))
        }
        if !b.alarms.isEmpty {
            lines.append(Markdown.task("CloudWatch alarms" + (b.alarmTopic != nil ? " → SNS topic (confirm the email subscription)" : "") + ":"))
            for alarm in b.alarms.sorted(by: { $0.name < $1.name }) {
                lines.append("  - " + Markdown.code(alarm.name) + " — " + Markdown.escape(alarm.description))
            }
        }
        if let dashboard = b.dashboard {
            lines.append(Markdown.task("CloudWatch dashboard " + Markdown.code(dashboard.name) + ": "
                                       + dashboard.widgets.map { Markdown.escape($0.title) }.joined(separator: ", ")))
        }
        if let budget = b.budget {
            lines.append(Markdown.task("Monthly budget " + Markdown.code(budget.name) + " of "
                                       + GuideContext.dollars(budget.monthlyLimitUSD) + " with alerts at "
                                       + budget.thresholds.map { "\(GuideContext.number($0.percent)) % \($0.kind.rawValue.lowercased())" }
                                           .joined(separator: ", ")))
            let keys = b.tags.map(\.key).filter { $0 == "Project" || $0 == "Environment" }.sorted()
            if !keys.isEmpty {
                lines.append(Markdown.task("Activate the " + keys.map(Markdown.code).joined(separator: " and ")
                                           + " tags as cost allocation tags, so Cost Explorer and the budget reports split spend by project: "
                                           + Markdown.code("aws ce update-cost-allocation-tags-status --cost-allocation-tags-status "
                                                           + keys.map { "TagKey=\($0),Status=Active" }.joined(separator: " "))
                                           + " (they appear a day after the first tagged resource)"))
            }
        }
        return lines
    }

    // MARK: 6. DNS and certificates

    private func dns(_ c: GuideContext) -> [String] {
        let b = c.blueprint
        var lines: [String] = []
        for l in b.networkLoadBalancer?.listeners ?? [] {
            lines.append(Markdown.task("Point clients of " + Markdown.code(c.shortName(l.workload)) + " (\(l.carries), \(l.port)/\(l.proto.lowercased())) at the "
                                       + "network load balancer's DNS name (output `NetworkLoadBalancerDNS`); devices and DNS records that held the old host change too"))
        }
        guard let lb = b.loadBalancer else {
            if b.buckets.contains(where: \.cloudFront) {
                lines.append(Markdown.task("Point the site's domain at the CloudFront distribution (alias record) and "
                                           + "attach an ACM certificate from `us-east-1`"))
            }
            return lines
        }
        switch lb.certificate {
        case .acm(let domain):
            lines.append(Markdown.task("The template requests an ACM certificate for " + Markdown.code(domain)
                                       + ": pass the domain's Route 53 zone as `HostedZoneId` and it validates itself; "
                                       + "without it, add the DNS validation record the ACM console shows (the stack waits for it)"))
        case .parameter(let name):
            lines.append(Markdown.task("Request or import an ACM certificate in " + Markdown.code(b.region)
                                       + " and pass its ARN as the " + Markdown.code(name) + " parameter"))
        case .arn:
            lines.append(Markdown.task("Check that the certificate set with `x-ferry.certificate` covers the domain"))
        case .httpOnly:
            lines.append(Markdown.task("The load balancer serves plain HTTP on its own DNS name (no domain or certificate yet): "
                                       + "before real users, set `x-ferry.domain` (or `x-ferry.certificate`) and deploy again; "
                                       + "port 80 then redirects to a new HTTPS listener"))
        }
        for listener in lb.listeners.sorted(by: { $0.port < $1.port }) {
            switch listener.action {
            case .forward:
                lines.append(Markdown.task("\(listener.proto) listener on \(listener.port)"
                                           + (listener.sslPolicy.map { " (policy " + Markdown.code($0) + ")" } ?? "")))
            case .redirectToHTTPS:
                lines.append(Markdown.task("HTTP → HTTPS redirect on port \(listener.port)"))
            }
        }
        if !lb.targetGroups.isEmpty {
            lines.append(Markdown.task("Target groups:"))
            for group in lb.targetGroups.sorted(by: { $0.name < $1.name }) {
                lines.append("  - " + Markdown.code(group.name) + " → " + Markdown.code(c.shortName(group.workload))
                             + ", port \(group.port), health " + Markdown.code(group.healthCheckPath))
            }
        }
        if !lb.rules.isEmpty || lb.defaultTargetGroup != nil {
            lines.append(Markdown.task("Listener rules:"))
            for rule in lb.rules.sorted(by: { $0.priority < $1.priority }) {
                let match = (rule.pathPatterns.map(Markdown.code) + rule.hostHeaders.map { "host " + Markdown.code($0) })
                    .joined(separator: ", ")
                lines.append("  - " + match + " → " + Markdown.code(rule.targetGroup))
            }
            if let fallback = lb.defaultTargetGroup {
                lines.append("  - everything else → " + Markdown.code(fallback))
            }
        }
        if lb.waf { lines.append(Markdown.task("AWS WAF web ACL with the AWS managed rule groups on the load balancer")) }
        if let domain = lb.domain {
            lines.append(Markdown.task("Lower the TTL of " + Markdown.code(domain)
                                       + " to 60 seconds a day before cutover, so the switch and a rollback are quick"))
            lines.append(Markdown.task("At cutover, point " + Markdown.code(domain)
                                       + " at the load balancer: with `HostedZoneId` given the stack creates the Route 53 alias record; "
                                       + "otherwise add a CNAME to the load balancer's DNS name"))
        } else {
            lines.append(Markdown.task("Choose the public domain (`x-ferry.domain`), or use the load balancer's DNS name "
                                       + "from the stack output while testing"))
        }
        return lines
    }

    // MARK: 7. Data migration

    private func dataMigration(_ c: GuideContext) -> [String] {
        let b = c.blueprint
        var lines: [String] = []
        for store in b.dataStores.sorted(by: { $0.name < $1.name }) {
            let name = Markdown.code(c.shortName(store.name))
            switch store.kind {
            case .rdsPostgresql, .auroraPostgresql:
                lines.append(Markdown.task("Copy " + name + ": `ferry migrate postgres --from postgresql://…@127.0.0.1:5432/DB --in-vpc` "
                                           + "(parallel `pg_dump -Fd` here, `pg_restore` from a one-off task in the stack's private subnets, "
                                           + "then row counts, row-hash checksums and sequences compared per table; or `--to` through SSM port "
                                           + "forwarding, see docs/MIGRATION.md)"))
            case .rdsMysql, .auroraMysql:
                lines.append(Markdown.task("Copy " + name + ": `ferry migrate mysql --from mysql://…@127.0.0.1:3306/DB --in-vpc` "
                                           + "(per-table dump here, restore from a one-off task in the stack's private subnets, "
                                           + "then row counts and ordered checksums compared per table; or `--to` through SSM port "
                                           + "forwarding, see docs/MIGRATION.md)"))
            case .elasticacheRedis, .elasticacheValkey, .elasticacheMemcached:
                lines.append(Markdown.task(name + " holds caches and queues: drain the queues before cutover instead of "
                                           + "copying; nothing else to move"))
            default:
                lines.append(Markdown.task("Export " + name + " and import it into " + GuideContext.kindName(store.kind)))
            }
        }
        for bucket in b.buckets.sorted(by: { $0.name < $1.name }) where bucket.replaces != nil {
            lines.append(Markdown.task("Copy the objects of " + Markdown.code(bucket.replaces ?? "") + " into "
                                       + Markdown.code(bucket.bucketNameHint ?? bucket.name)
                                       + ": `ferry migrate objects` (from the project's MinIO by default; checksums verified, "
                                       + "resumable)"))
        }
        for table in b.tables.sorted(by: { $0.name < $1.name }) {
            lines.append(Markdown.task("Copy the items of " + Markdown.code(table.tableName ?? table.name)
                                       + ": `ferry migrate dynamodb" + (b.tables.count > 1 ? " --to " + (table.tableName ?? "<table of \(table.name)>") : "") + "` (from the project's DynamoDB Local by default, "
                                       + "or `--from FILE` for JSON lines, DynamoDB JSON or a Firestore export; item count and an "
                                       + "order-independent hash of the items compared, resumable)"))
        }
        lines += FileSystemGuide.migration(c)
        if b.secrets.contains(where: { if case .provided = $0.generation { return true } else { return false } }) {
            lines.append(Markdown.task("Set the secrets marked \"you set the value\" in step 3: `ferry migrate secrets` takes "
                                       + "each from where the Compose project had it (`--dry-run` lists names and sources); "
                                       + "`ferry verify` then reports none still holding its placeholder"))
        }
        for job in c.deployedWorkloads where job.target == .batch && job.schedule == nil {
            let command = job.command == nil ? " -- COMMAND" : ""
            lines.append(Markdown.task("Run the training job once: " + Markdown.code("ferry run \(job.name)\(command)")
                                       + " submits it to the Batch queue and follows its logs; it reads and writes the buckets above"))
        }
        let jobs = c.deployedWorkloads.filter { $0.target == .ecsFargateTask && $0.schedule == nil }
        for job in jobs {
            lines.append(Markdown.task("Run the job " + Markdown.code(job.shortName) + " once (`aws ecs run-task` with its "
                                       + "task definition in the private subnets) and check its exit code"))
        }
        if !lines.isEmpty {
            lines.insert(Markdown.task("`ferry migrate plan` lists what moves where, in order, with the command for each"), at: 0)
            lines.append(Markdown.task("Rehearse once against a copy, time it: that time is the cutover's write freeze"))
        }
        return lines
    }

    // MARK: 8. Cutover

    private func cutover(_ c: GuideContext) -> [String] {
        let b = c.blueprint
        var lines: [String] = []
        lines.append(Markdown.task("`ferry check` reports no finding at or above `high` (see [Findings](#findings))"))
        lines.append(Markdown.task("Deploy: `ferry deploy --tier " + b.tier.rawValue + "` (or `aws cloudformation deploy` with the template in "
                                   + Markdown.code(c.options.templateDirectory) + "; Terraform users `terraform apply` on `ferry generate --target terraform`), "
                                   + "then `ferry verify`; `ferry logs SERVICE` shows a service's logs"))
        if !b.dataStores.isEmpty || !b.buckets.isEmpty || !b.tables.isEmpty || !b.fileSystems.isEmpty {
            lines.append(Markdown.task("Freeze writes on the Compose stack (maintenance mode), run step 7's copies one "
                                       + "last time, and compare counts"))
        }
        if b.loadBalancer != nil {
            lines.append(Markdown.task("Go through the [testing checklist](#testing-checklist) on the load balancer's "
                                       + "DNS name before switching DNS"))
            lines.append(Markdown.task("Switch DNS to the load balancer; watch the 5XX and latency alarms and the logs "
                                       + "for an hour"))
        }
        lines.append(Markdown.task("Keep the Compose stack and its volumes for the [rollback](#rollback-plan) window "
                                   + "(at least a week) before removing them"))
        return lines
    }

    static func capitalized(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }
}
