import Blueprint

/// `observability.tf`: the alarm topic (KMS-encrypted, e-mail subscription when `alarm_email` is set),
/// CloudWatch alarms and the dashboard. `budget.tf`: the monthly budget with e-mail alerts.
enum ObservabilityLayer {
    static let file = "observability.tf"
    static let budgetFile = "budget.tf"

    static func render(_ c: TFContext) {
        let b = c.blueprint
        if b.alarmTopic != nil || b.budget != nil { emailVariable(c) }
        if let topic = b.alarmTopic { renderTopic(c, topic) }
        for alarm in b.alarms { renderAlarm(c, alarm) }
        if let dashboard = b.dashboard, !dashboard.widgets.isEmpty { renderDashboard(c, dashboard) }
        if let budget = b.budget { renderBudget(c, budget) }
    }

    static func emailVariable(_ c: TFContext) {
        c.variable(TFVariable(name: "alarm_email", type: "string",
                              description: "E-mail address that receives alarm and budget notifications (confirm the subscription e-mail AWS sends). Empty: no subscription.",
                              defaultValue: "",
                              validation: ("var.alarm_email == \"\" || can(regex(\"^[^@\\\\s]+@[^@\\\\s]+\\\\.[^@\\\\s]+$\", var.alarm_email))", "alarm_email must be an e-mail address or empty."),
                              example: "ops@example.com"))
    }

    static func renderTopic(_ c: TFContext, _ topic: NotificationTopic) {
        if topic.encrypted {
            c.dataSources.insert("aws_partition")
            c.dataSources.insert("aws_caller_identity")
            let root = HCLValue.template([.text("arn:"), .interpolation(c.partition), .text(":iam::"), .interpolation(c.accountID), .text(":root")])
            // CloudWatch cannot publish to a topic under the AWS-managed SNS key: it needs a key whose policy lets it.
            c.resource(file, "aws_kms_key", "alarms") {
                $0["description"] = "Encrypts the alarm topic; CloudWatch and Budgets may use it to publish"
                $0["enable_key_rotation"] = true
                $0["policy"] = IdentityLayer.document([
                    [HCLAttribute("Sid", "AccountAdministers"), HCLAttribute("Effect", "Allow"),
                     HCLAttribute("Principal", .object([HCLAttribute("AWS", root)])), HCLAttribute("Action", "kms:*"), HCLAttribute("Resource", "*")],
                    [HCLAttribute("Sid", "AlarmsPublish"), HCLAttribute("Effect", "Allow"),
                     HCLAttribute("Principal", .object([HCLAttribute("Service", .strings(["budgets.amazonaws.com", "cloudwatch.amazonaws.com"]))])),
                     HCLAttribute("Action", .strings(["kms:Decrypt", "kms:GenerateDataKey*"])), HCLAttribute("Resource", "*")],
                ])
            }
        }
        c.resource(file, "aws_sns_topic", "alarms") {
            $0["name"] = c.scoped(topic.name)
            if topic.encrypted { $0["kms_master_key_id"] = .ref("aws_kms_key.alarms.id") }
        }
        c.resource(file, "aws_sns_topic_subscription", "alarm_email") {
            $0["count"] = .ref("var.alarm_email == \"\" ? 0 : 1")
            $0["topic_arn"] = .ref("aws_sns_topic.alarms.arn")
            $0["protocol"] = "email"
            $0["endpoint"] = .ref("var.alarm_email")
        }
    }

    static func renderAlarm(_ c: TFContext, _ alarm: Alarm) {
        guard let dimensions = dimensions(c, alarm.namespace, alarm.subject) else { return }
        c.resource(file, "aws_cloudwatch_metric_alarm", c.label(alarm.name)) {
            $0["alarm_name"] = c.scoped(alarm.name)
            $0["alarm_description"] = .string(String(alarm.description.prefix(1024)))
            $0["namespace"] = .string(alarm.namespace)
            $0["metric_name"] = .string(alarm.metricName)
            $0["statistic"] = .string(alarm.statistic)
            $0["threshold"] = .number(alarm.threshold)
            $0["comparison_operator"] = .string(alarm.comparison)
            $0["period"] = .int(max(10, alarm.periodSeconds))
            $0["evaluation_periods"] = .int(max(1, alarm.evaluationPeriods))
            $0["treat_missing_data"] = .string(alarm.treatMissingData)
            if c.blueprint.alarmTopic != nil {
                $0["alarm_actions"] = .list([.ref("aws_sns_topic.alarms.arn")])
                $0["ok_actions"] = .list([.ref("aws_sns_topic.alarms.arn")])
            }
            $0["dimensions"] = .object(dimensions.map { HCLAttribute($0.0, $0.1) })
        }
    }

    /// CloudWatch dimensions identifying `subject` in `namespace` (as the CloudFormation output's).
    static func dimensions(_ c: TFContext, _ namespace: String, _ subject: ResourceReference) -> [(String, HCLValue)]? {
        let b = c.blueprint
        let l = c.label(subject.name)
        switch (namespace, subject.kind) {
        case ("AWS/ECS", .workload):
            guard b.workload(named: subject.name)?.target.isECSService == true else { break }
            return [("ClusterName", .ref(c.clusterName)), ("ServiceName", .ref("aws_ecs_service.\(l).name"))]
        case ("AWS/ECS", .cluster):
            return [("ClusterName", .ref(c.clusterName))]
        case ("AWS/ApplicationELB", .loadBalancer):
            guard b.loadBalancer != nil else { break }
            return [("LoadBalancer", .ref(c.loadBalancerFullName))]
        case ("AWS/ApplicationELB", .workload):
            guard let group = b.loadBalancer?.targetGroups.first(where: { $0.workload == subject.name || $0.name == subject.name }) else { break }
            return [("LoadBalancer", .ref(c.loadBalancerFullName)), ("TargetGroup", .ref("aws_lb_target_group.\(c.label(group.name)).arn_suffix"))]
        case ("AWS/RDS", .dataStore), ("AWS/DocDB", .dataStore):
            guard let store = b.dataStore(named: subject.name) else { break }
            let clustered = store.kind.isAurora || store.kind == .documentdb
            return [(clustered ? "DBClusterIdentifier" : "DBInstanceIdentifier", .ref("\(DataStoreLayer.resourceType(store)).\(l).id"))]
        case ("AWS/ElastiCache", .dataStore):
            guard let store = b.dataStore(named: subject.name) else { break }
            let ref = "\(DataStoreLayer.resourceType(store)).\(l).id"
            // Node metrics are per cache cluster: the replication group's first node is `<group>-001`.
            return [("CacheClusterId", store.kind == .elasticacheMemcached ? .ref(ref) : .template([.interpolation(ref), .text("-001")]))]
        case ("AWS/DynamoDB", .table):
            guard b.table(named: subject.name) != nil else { break }
            return [("TableName", .ref("aws_dynamodb_table.\(l).name"))]
        case ("AWS/S3", .bucket):
            guard b.bucket(named: subject.name) != nil else { break }
            return [("BucketName", .ref("aws_s3_bucket.\(l).id")), ("StorageType", "StandardStorage")]
        default:
            break
        }
        c.problem("no CloudWatch dimensions for \(subject.kind.rawValue) \(subject.name) in \(namespace)")
        return nil
    }

    static func renderDashboard(_ c: TFContext, _ dashboard: Dashboard) {
        var widgets: [HCLValue] = []
        for widget in dashboard.widgets {
            guard let dimensions = dimensions(c, widget.namespace, widget.subject) else { continue }
            let dimensionValues = dimensions.flatMap { [HCLValue.string($0.0), $0.1] }
            let metrics: [HCLValue] = widget.metricNames.map { .list([.string(widget.namespace), .string($0)] + dimensionValues) }
            widgets.append(.object([
                HCLAttribute("type", "metric"),
                HCLAttribute("x", .int((widgets.count % 2) * 12)),
                HCLAttribute("y", .int((widgets.count / 2) * 6)),
                HCLAttribute("width", 12),
                HCLAttribute("height", 6),
                HCLAttribute("properties", .object([
                    HCLAttribute("title", .string(widget.title)),
                    HCLAttribute("view", "timeSeries"),
                    HCLAttribute("stacked", false),
                    HCLAttribute("region", .ref("var.region")),
                    HCLAttribute("stat", .string(widget.statistic)),
                    HCLAttribute("period", 300),
                    HCLAttribute("metrics", .list(metrics)),
                ])),
            ]))
        }
        guard !widgets.isEmpty else { return }
        c.resource(file, "aws_cloudwatch_dashboard", "main") {
            $0["dashboard_name"] = c.scoped(dashboard.name)
            $0["dashboard_body"] = .call("jsonencode", [.object([HCLAttribute("widgets", .list(widgets))])])
        }
    }

    static func renderBudget(_ c: TFContext, _ budget: Budget) {
        if !budget.thresholds.isEmpty {
            c.add(budgetFile, HCLBlock.make("locals") {
                $0["budget_notifications"] = .list(budget.thresholds.map { threshold in
                    .object([HCLAttribute("type", .string(threshold.kind.rawValue)), HCLAttribute("percent", .number(threshold.percent))])
                })
            })
        }
        c.resource(budgetFile, "aws_budgets_budget", "monthly") {
            $0["name"] = c.scoped(budget.name)
            $0["budget_type"] = "COST"
            $0["time_unit"] = "MONTHLY"
            $0["limit_amount"] = .string(String(format2(budget.monthlyLimitUSD)))
            $0["limit_unit"] = "USD"
            if !budget.thresholds.isEmpty {
                // E-mail subscribers need an address: without one the budget is still visible in the console.
                $0.nested("dynamic", ["notification"]) {
                    $0["for_each"] = .ref("{ for n in local.budget_notifications : \"${n.type}-${n.percent}\" => n if var.alarm_email != \"\" }")
                    $0.nested("content") {
                        $0["notification_type"] = .ref("notification.value.type")
                        $0["comparison_operator"] = "GREATER_THAN"
                        $0["threshold"] = .ref("notification.value.percent")
                        $0["threshold_type"] = "PERCENTAGE"
                        $0["subscriber_email_addresses"] = .list([.ref("var.alarm_email")])
                    }
                }
            }
        }
    }

    /// Budget amounts as Budgets returns them: two decimals.
    static func format2(_ value: Double) -> String {
        let cents = Int((value * 100).rounded())
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
