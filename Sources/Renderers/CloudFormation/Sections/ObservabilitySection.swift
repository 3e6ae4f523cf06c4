import Blueprint

/// Alarm topic (with the e-mail subscription from a parameter), CloudWatch alarms, the dashboard and the
/// monthly budget.
enum ObservabilitySection {
    static let hasEmailCondition = "HasAlarmEmail"

    static func render(_ c: inout CFNContext) {
        let b = c.blueprint
        if let topic = b.alarmTopic { renderTopic(&c, topic) }
        for alarm in b.alarms { renderAlarm(&c, alarm) }
        if let dashboard = b.dashboard, !dashboard.widgets.isEmpty { renderDashboard(&c, dashboard) }
        if let budget = b.budget { renderBudget(&c, budget) }
    }

    /// The e-mail parameter and the condition that it was given.
    static func emailParameter(_ c: inout CFNContext) -> String {
        c.optionalParameter(c.blueprint.alarmTopic?.emailParameter ?? "AlarmEmail", condition: hasEmailCondition,
                            description: "E-mail address that receives alarm and budget notifications (confirm the subscription e-mail AWS sends). Empty: no subscription.",
                            pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", constraint: "an e-mail address or nothing")
    }

    static func renderTopic(_ c: inout CFNContext, _ topic: NotificationTopic) {
        let email = emailParameter(&c)
        var properties: [String: CFNValue] = ["TopicName": c.stackScoped(topic.name)]
        if topic.encrypted {
            // CloudWatch cannot publish to a topic under the AWS-managed SNS key: it needs a key whose policy lets it.
            c.add("AlarmTopicKey", CFNResource("AWS::KMS::Key", [
                "Description": "Encrypts the alarm topic; CloudWatch and Budgets may use it to publish",
                "EnableKeyRotation": true,
                "KeyPolicy": IdentitySection.document([
                    ["Sid": "AccountAdministers", "Effect": "Allow",
                     "Principal": ["AWS": .sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root", [:])],
                     "Action": "kms:*", "Resource": "*"],
                    ["Sid": "AlarmsPublish", "Effect": "Allow",
                     "Principal": ["Service": ["budgets.amazonaws.com", "cloudwatch.amazonaws.com"]],
                     "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*"],
                ]),
            ]))
            properties["KmsMasterKeyId"] = .ref("AlarmTopicKey")
        }
        c.add("AlarmTopic", CFNResource("AWS::SNS::Topic", properties))
        var subscription = CFNResource("AWS::SNS::Subscription", [
            "TopicArn": .ref("AlarmTopic"), "Protocol": "email", "Endpoint": .ref(email),
        ])
        subscription.condition = hasEmailCondition
        c.add("AlarmTopicEmailSubscription", subscription)
    }

    static func renderAlarm(_ c: inout CFNContext, _ alarm: Alarm) {
        guard let (dimensions, group) = dimensions(&c, alarm.namespace, alarm.subject) else { return }
        var properties: [String: CFNValue] = [
            "AlarmName": c.stackScoped(alarm.name),
            "AlarmDescription": .string(String(alarm.description.prefix(1024))),
            "Namespace": .string(alarm.namespace),
            "MetricName": .string(alarm.metricName),
            "Dimensions": .list(dimensions.map { ["Name": .string($0.0), "Value": $0.1] }),
            "Statistic": .string(alarm.statistic),
            "Threshold": WorkloadSection.number(alarm.threshold),
            "ComparisonOperator": .string(alarm.comparison),
            "Period": .int(max(10, alarm.periodSeconds)),
            "EvaluationPeriods": .int(max(1, alarm.evaluationPeriods)),
            "TreatMissingData": .string(alarm.treatMissingData),
        ]
        if c.blueprint.alarmTopic != nil {
            properties["AlarmActions"] = [.ref("AlarmTopic")]
            properties["OKActions"] = [.ref("AlarmTopic")]
        }
        c.add(c.names.alarm(alarm.name), CFNResource("AWS::CloudWatch::Alarm", properties, group: group))
    }

    /// CloudWatch dimensions identifying `subject` in `namespace`, and the resource group it belongs to.
    static func dimensions(_ c: inout CFNContext, _ namespace: String, _ subject: ResourceReference) -> ([(String, CFNValue)], String?)? {
        let b = c.blueprint
        let n = c.names
        switch (namespace, subject.kind) {
        case ("AWS/ECS", .workload):
            guard b.workload(named: subject.name)?.target.isECSService == true else { break }
            return ([("ClusterName", .ref("Cluster")), ("ServiceName", .getAtt(n.service(subject.name), "Name"))], subject.name)
        case ("AWS/ECS", .cluster):
            return ([("ClusterName", .ref("Cluster"))], nil)
        case ("AWS/ApplicationELB", .loadBalancer):
            guard b.loadBalancer != nil else { break }
            return ([("LoadBalancer", c.loadBalancerFullName)], nil)
        case ("AWS/ApplicationELB", .workload):
            guard let group = b.loadBalancer?.targetGroups.first(where: { $0.workload == subject.name || $0.name == subject.name }) else { break }
            return ([("LoadBalancer", c.loadBalancerFullName),
                     ("TargetGroup", .getAtt(n.targetGroup(group.name), "TargetGroupFullName"))], group.workload)
        case ("AWS/RDS", .dataStore), ("AWS/DocDB", .dataStore):
            guard let store = b.dataStore(named: subject.name) else { break }
            let id = n.dataStore(store)
            let clustered = store.kind.isAurora || store.kind == .documentdb
            return ([(clustered ? "DBClusterIdentifier" : "DBInstanceIdentifier", .ref(id))], nil)
        case ("AWS/ElastiCache", .dataStore):
            guard let store = b.dataStore(named: subject.name) else { break }
            let id = n.dataStore(store)
            // Node metrics are per cache cluster: the replication group's first node is `<group>-001`.
            let node: CFNValue = store.kind == .elasticacheMemcached ? .ref(id) : .sub("${\(id)}-001", [:])
            return ([("CacheClusterId", node)], nil)
        case ("AWS/DynamoDB", .table):
            guard b.table(named: subject.name) != nil else { break }
            return ([("TableName", .ref(n.table(subject.name)))], nil)
        case ("AWS/SQS", _), ("AWS/S3", .bucket):
            if subject.kind == .bucket, b.bucket(named: subject.name) != nil {
                return ([("BucketName", .ref(n.bucket(subject.name))), ("StorageType", "StandardStorage")], nil)
            }
        default:
            break
        }
        c.problem("no CloudWatch dimensions for \(subject.kind.rawValue) \(subject.name) in \(namespace)")
        return nil
    }

    static func renderDashboard(_ c: inout CFNContext, _ dashboard: Dashboard) {
        var widgets: [DataNode] = []
        var vars: [String: CFNValue] = [:]
        for (index, widget) in dashboard.widgets.enumerated() {
            guard let (dimensions, _) = Self.dimensions(&c, widget.namespace, widget.subject) else { continue }
            var dimensionNodes: [DataNode] = []
            for (dimIndex, (name, value)) in dimensions.enumerated() {
                let variable = "W\(index)D\(dimIndex)"
                vars[variable] = value
                dimensionNodes += [.string(name), .string("${\(variable)}")]
            }
            let metrics: [DataNode] = widget.metricNames.map { metric in
                .array([.string(widget.namespace), .string(metric)] + dimensionNodes)
            }
            widgets.append(.object([
                "type": "metric",
                "x": .int((widgets.count % 2) * 12),
                "y": .int((widgets.count / 2) * 6),
                "width": 12,
                "height": 6,
                "properties": .object([
                    "title": .string(CFNContext.escapeSub(widget.title)),
                    "view": "timeSeries",
                    "stacked": false,
                    "region": "${AWS::Region}",
                    "stat": .string(widget.statistic),
                    "period": 300,
                    "metrics": .array(metrics),
                ]),
            ]))
        }
        guard !widgets.isEmpty else { return }
        c.add("Dashboard", CFNResource("AWS::CloudWatch::Dashboard", [
            "DashboardName": c.stackScoped(dashboard.name),
            "DashboardBody": .sub(JSONEmitter.compact(.object(["widgets": .array(widgets)])), vars),
        ]))
    }

    static func renderBudget(_ c: inout CFNContext, _ budget: Budget) {
        let email = emailParameter(&c)
        let notifications: [CFNValue] = budget.thresholds.map { threshold in
            [
                "Notification": [
                    "NotificationType": .string(threshold.kind.rawValue),
                    "ComparisonOperator": "GREATER_THAN",
                    "Threshold": WorkloadSection.number(threshold.percent),
                    "ThresholdType": "PERCENTAGE",
                ],
                "Subscribers": [["SubscriptionType": "EMAIL", "Address": .ref(email)]],
            ]
        }
        var properties: [String: CFNValue] = [
            "Budget": [
                "BudgetName": c.stackScoped(budget.name),
                "BudgetType": "COST",
                "TimeUnit": "MONTHLY",
                "BudgetLimit": ["Amount": WorkloadSection.number(budget.monthlyLimitUSD), "Unit": "USD"],
            ],
        ]
        if !notifications.isEmpty {
            // E-mail subscribers need an address: without one the budget is still visible in the console.
            properties["NotificationsWithSubscribers"] = .if(hasEmailCondition, .list(notifications), .noValue)
        }
        c.add("Budget", CFNResource("AWS::Budgets::Budget", properties))
    }
}

/// Stack outputs named by the Blueprint.
enum OutputSection {
    static func render(_ c: inout CFNContext) {
        for output in c.blueprint.outputs {
            let id = LogicalIDs.base(output.name)
            guard !id.isEmpty else { continue }
            c.template.outputs[id] = CFNOutput(String(output.description.prefix(1024)), c.resolve(output.value))
        }
    }
}
