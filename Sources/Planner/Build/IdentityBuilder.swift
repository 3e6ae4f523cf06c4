import Blueprint

/// IAM: one task execution role (pull images, write logs, read exactly the app's secrets and
/// parameters) and one task role per workload with least-privilege statements for the buckets,
/// tables and IoT topics it uses, plus `x-aws-role` / `x-aws-policies`.
enum IdentityBuilder {
    static func run(_ ctx: PlanningContext) {
        let b = ctx.blueprint
        guard !b.workloads.isEmpty else { return }
        var exec: [PolicyStatement] = []
        let secrets = b.secrets.filter { s in b.workloads.contains { w in w.environment.contains { if case let .secret(n, _) = $0.value { return n == s.name }; return false } } }
        if !secrets.isEmpty {
            exec.append(PolicyStatement(sid: "ReadAppSecrets", actions: ["secretsmanager:GetSecretValue"],
                                        resources: secrets.map { ResourceReference(kind: .secret, name: $0.name) }))
        }
        let params = b.parameters.filter { p in b.workloads.contains { w in w.environment.contains { $0.value == .parameter(name: p.name) } } }
        if !params.isEmpty {
            exec.append(PolicyStatement(sid: "ReadAppParameters", actions: ["ssm:GetParameters"],
                                        resources: params.map { ResourceReference(kind: .parameter, name: $0.name) }))
        }
        let pull = b.workloads.compactMap(\.image.pullCredentialsSecret)
        if !pull.isEmpty {
            exec.append(PolicyStatement(sid: "ReadPullCredentials", actions: ["secretsmanager:GetSecretValue"], resources: pull.sorted().map(ResourceReference.arn)))
        }
        var roles = [IAMRole(name: "execution", kind: .taskExecution, managedPolicies: ["service-role/AmazonECSTaskExecutionRolePolicy"], statements: exec,
                             decisions: [Decision(topic: "executionRole", choice: "shared", reason: "ECS pulls images, writes logs and injects exactly the secrets and parameters the tasks reference",
                                                  rule: "IdentityBuilder")])]
        for w in b.workloads {
            var st: [PolicyStatement] = []
            let readBuckets = b.buckets.filter { $0.readers.contains(w.name) }
            let writeBuckets = b.buckets.filter { $0.writers.contains(w.name) }
            if !readBuckets.isEmpty || !writeBuckets.isEmpty {
                let all = Array(Set(readBuckets.map(\.name) + writeBuckets.map(\.name))).sorted()
                st.append(PolicyStatement(sid: "ListBuckets", actions: ["s3:ListBucket"], resources: all.map { ResourceReference(kind: .bucket, name: $0) }))
                if !readBuckets.isEmpty {
                    st.append(PolicyStatement(sid: "ReadObjects", actions: ["s3:GetObject"],
                                              resources: readBuckets.map { ResourceReference(kind: .bucket, name: $0.name, attribute: "objects") }))
                }
                if !writeBuckets.isEmpty {
                    st.append(PolicyStatement(sid: "WriteObjects", actions: ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
                                              resources: writeBuckets.map { ResourceReference(kind: .bucket, name: $0.name, attribute: "objects") }))
                }
            }
            let tables = b.tables.filter { $0.clients.contains(w.name) }
            if !tables.isEmpty {
                st.append(PolicyStatement(sid: "UseTables", actions: ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
                                                                      "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem",
                                                                      "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem"],
                                          resources: tables.flatMap { [ResourceReference(kind: .table, name: $0.name), ResourceReference(kind: .table, name: $0.name, attribute: "index")] }))
            }
            if let iot = b.iot, iot.clients.contains(w.name) {
                st.append(PolicyStatement(sid: "IoTConnect", actions: ["iot:Connect"], resources: [ResourceReference(kind: .iotClient, name: "\(ctx.slug)-\(w.shortName)*")]))
                st.append(PolicyStatement(sid: "IoTMessages", actions: ["iot:Publish", "iot:Receive", "iot:Subscribe"],
                                          resources: [ResourceReference(kind: .iotTopic, name: "*")]))
            }
            for rule in b.iot?.rules ?? [] where rule.workload == w.name {
                guard let queue = rule.queueName else { continue }
                st.append(PolicyStatement(sid: "ReceiveDeviceMessages", actions: ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
                                          resources: [.arn("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:\(queue)")]))
            }
            let published = (b.messageTopics ?? []).filter { $0.publishers.contains(w.name) }
            if !published.isEmpty {
                st.append(PolicyStatement(sid: "PublishMessages", actions: ["sns:Publish"],
                                          resources: published.map { ResourceReference(kind: .messageTopic, name: $0.name) }))
            }
            let consumed = (b.messageTopics ?? []).flatMap(\.subscriptions).filter { $0.consumers.contains(w.name) }
            if !consumed.isEmpty {
                st.append(PolicyStatement(sid: "ReceiveMessages", actions: ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
                                          resources: consumed.map { ResourceReference(kind: .queue, name: $0.name) }))
            }
            // Token checks need no permission (the pool's keys are public); managing users does.
            let pools = (b.userPools ?? []).filter { $0.clients.contains(w.name) }
            if !pools.isEmpty {
                st.append(PolicyStatement(sid: "ManageUsers", actions: ["cognito-idp:AdminCreateUser", "cognito-idp:AdminDeleteUser", "cognito-idp:AdminGetUser",
                                                                        "cognito-idp:AdminUpdateUserAttributes", "cognito-idp:ListUsers"],
                                          resources: pools.map { ResourceReference(kind: .userPool, name: $0.name) }))
            }
            st += FileSystemBuilder.statements(for: w, b)
            if let f = ctx.facts(w.name) { st += f.overrides.awsRoleStatements }
            roles.append(IAMRole(name: w.taskRole, kind: .task, managedPolicies: ctx.facts(w.name)?.overrides.awsPolicies ?? [], statements: st, workload: w.name,
                                 decisions: [Decision(topic: "taskRole", choice: st.isEmpty ? "no permissions" : st.map(\.sid).joined(separator: ", "),
                                                      reason: "least privilege: only the resources \(w.shortName) uses", rule: "IdentityBuilder")]))
        }
        ctx.blueprint.roles = roles
    }
}

/// Logs are made with the workloads; here: the alarm topic, alarms, the dashboard and the budget.
enum ObservabilityBuilder {
    static func run(_ ctx: PlanningContext) {
        let d = ctx.defaults
        var b = ctx.blueprint
        var alarms: [Alarm] = []
        if let lb = b.loadBalancer {
            let subject = ResourceReference(kind: .loadBalancer, name: "public")
            alarms.append(Alarm(name: "alb-5xx", description: "Targets return 5xx", namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count",
                                subject: subject, statistic: "Sum", threshold: 10, periodSeconds: 60, evaluationPeriods: 5))
            alarms.append(Alarm(name: "alb-latency", description: "Average response time above 2 s", namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime",
                                subject: subject, threshold: 2, periodSeconds: 60, evaluationPeriods: 5))
            for tg in lb.targetGroups {
                alarms.append(Alarm(name: "\(tg.name)-unhealthy", description: "\(tg.name) has unhealthy targets", namespace: "AWS/ApplicationELB",
                                    metricName: "UnHealthyHostCount", subject: ResourceReference(kind: .workload, name: tg.workload, attribute: "targetGroup"),
                                    statistic: "Maximum", threshold: 0, periodSeconds: 60, evaluationPeriods: 3))
            }
        }
        for w in b.workloads where w.target.isECSService {
            let subject = ResourceReference(kind: .workload, name: w.name)
            alarms.append(Alarm(name: "\(w.shortName)-cpu", description: "\(w.shortName) CPU above 80%", namespace: "AWS/ECS", metricName: "CPUUtilization",
                                subject: subject, threshold: 80, evaluationPeriods: 3))
            alarms.append(Alarm(name: "\(w.shortName)-memory", description: "\(w.shortName) memory above 80%", namespace: "AWS/ECS", metricName: "MemoryUtilization",
                                subject: subject, threshold: 80, evaluationPeriods: 3))
        }
        for s in b.dataStores {
            let subject = ResourceReference(kind: .dataStore, name: s.name)
            if s.kind.isRelational {
                alarms.append(Alarm(name: "\(s.name)-cpu", description: "\(s.name) CPU above 80%", namespace: "AWS/RDS", metricName: "CPUUtilization", subject: subject, threshold: 80, evaluationPeriods: 3))
                if !s.kind.isAurora {
                    alarms.append(Alarm(name: "\(s.name)-storage", description: "\(s.name) free storage below 2 GiB", namespace: "AWS/RDS", metricName: "FreeStorageSpace",
                                        subject: subject, statistic: "Minimum", threshold: 2_147_483_648, comparison: "LessThanThreshold"))
                }
            } else if s.kind.isCache {
                alarms.append(Alarm(name: "\(s.name)-cpu", description: "\(s.name) engine CPU above 80%", namespace: "AWS/ElastiCache",
                                    metricName: s.kind == .elasticacheMemcached ? "CPUUtilization" : "EngineCPUUtilization", subject: subject, threshold: 80, evaluationPeriods: 3))
            }
        }
        if d.alarms && !alarms.isEmpty {
            b.alarms = alarms.sorted { $0.name < $1.name }
            b.alarmTopic = NotificationTopic(name: "\(ctx.prefix)-alarms")
        }
        // Dashboard: one row per workload, the load balancer, each data store.
        var widgets: [DashboardWidget] = []
        if b.loadBalancer != nil {
            widgets.append(DashboardWidget(title: "Load balancer requests and errors", namespace: "AWS/ApplicationELB",
                                           metricNames: ["RequestCount", "HTTPCode_Target_5XX_Count"], subject: ResourceReference(kind: .loadBalancer, name: "public"), statistic: "Sum"))
            widgets.append(DashboardWidget(title: "Load balancer latency", namespace: "AWS/ApplicationELB", metricNames: ["TargetResponseTime"],
                                           subject: ResourceReference(kind: .loadBalancer, name: "public")))
        }
        for w in b.workloads where w.target.isECSService {
            widgets.append(DashboardWidget(title: "\(w.shortName) CPU and memory", namespace: "AWS/ECS", metricNames: ["CPUUtilization", "MemoryUtilization"],
                                           subject: ResourceReference(kind: .workload, name: w.name)))
        }
        for s in b.dataStores where s.kind.isRelational || s.kind.isCache {
            widgets.append(DashboardWidget(title: "\(s.name)", namespace: s.kind.isRelational ? "AWS/RDS" : "AWS/ElastiCache",
                                           metricNames: s.kind.isRelational ? ["CPUUtilization", "DatabaseConnections"] : ["EngineCPUUtilization", "DatabaseMemoryUsagePercentage"],
                                           subject: ResourceReference(kind: .dataStore, name: s.name)))
        }
        if !widgets.isEmpty { b.dashboard = Dashboard(name: ctx.prefix, widgets: widgets) }
        let given = ctx.options.budgetUSD ?? ctx.overrides.budgetUSD
        let limit = given ?? d.budgetUSD
        let why = ctx.options.budgetUSD != nil ? "--budget" : ctx.overrides.budgetUSD != nil ? "x-ferry.budget" : "\(ctx.tier.rawValue) tier default"
        b.budget = Budget(name: "\(ctx.prefix)-monthly", monthlyLimitUSD: limit,
                          thresholds: [BudgetThreshold(percent: 80, kind: .actual), BudgetThreshold(percent: 100, kind: .forecasted)],
                          decisions: [Decision(topic: "budget", choice: String(Int(limit)),
                                               reason: "\(why); alerts at 80% actual and 100% forecast spend; every resource carries the Project and Environment tags, which the guide activates as cost allocation tags",
                                               source: given != nil ? .override : .tier, overrideKey: "x-ferry.budget", rule: "ObservabilityBuilder")])
        if b.alarmTopic == nil, b.budget != nil { b.alarmTopic = NotificationTopic(name: "\(ctx.prefix)-alarms") }
        ctx.blueprint = b
    }
}
