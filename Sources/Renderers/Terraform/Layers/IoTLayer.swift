import Blueprint

/// `configuration.tf` (IoT): AWS IoT Core replacing an MQTT broker: a thing type for the devices and a
/// policy that lets each device connect only as its own thing and use only its own topics.
enum IoTLayer {
    static let thingName = "${iot:Connection.Thing.ThingName}"

    static func render(_ c: TFContext) {
        guard let iot = c.blueprint.iot else { return }
        c.resource(ConfigurationLayer.file, "aws_iot_thing_type", "devices") {
            $0["name"] = .string(iot.thingTypeName)
            $0.nested("properties") { $0["description"] = .string("Devices that talked to \(iot.replaces) over MQTT") }
        }
        let topics = (iot.topics.isEmpty ? ["\(thingName)/#"] : iot.topics).map(IoTLayer.policyPattern)
        func arn(_ kind: String, _ resource: String) -> HCLValue {
            TFContext.join(c.arnPrefix("iot") + [.text("\(kind)/\(resource)")])
        }
        c.resource(ConfigurationLayer.file, "aws_iot_policy", "devices") {
            $0["name"] = .string(iot.policyName)
            $0["policy"] = IdentityLayer.document([
                [HCLAttribute("Sid", "ConnectAsOwnThing"), HCLAttribute("Effect", "Allow"), HCLAttribute("Action", "iot:Connect"),
                 HCLAttribute("Resource", arn("client", thingName)),
                 HCLAttribute("Condition", .object([HCLAttribute("Bool", .object([HCLAttribute("iot:Connection.Thing.IsAttached", "true")]))]))],
            ] + topicStatements(iot, topics, arn))
        }
        renderRules(c, iot)
    }

    /// As `IoTSection.renderRules`: per topic rule, the service's queue and its dead-letter queue, the
    /// role IoT assumes to send to them, and the rule.
    static func renderRules(_ c: TFContext, _ iot: IoTCoreSetup) {
        for rule in iot.rules where rule.action == .sqs {
            guard let queueName = rule.queueName, let dlqName = rule.deadLetterQueueName else { continue }
            let l = c.label(rule.workload) + "_devices"
            c.resource(ConfigurationLayer.file, "aws_sqs_queue", l + "_dlq") {
                $0["name"] = .string(dlqName)
                $0["sqs_managed_sse_enabled"] = true
                $0["message_retention_seconds"] = 1_209_600
            }
            c.resource(ConfigurationLayer.file, "aws_sqs_queue", l) {
                $0["name"] = .string(queueName)
                $0["sqs_managed_sse_enabled"] = true
                $0["visibility_timeout_seconds"] = 60
                $0["redrive_policy"] = .call("jsonencode", [.object([
                    HCLAttribute("deadLetterTargetArn", .ref("aws_sqs_queue.\(l)_dlq.arn")), HCLAttribute("maxReceiveCount", 5)])])
            }
            c.dataSources.insert("aws_caller_identity")
            c.resource(ConfigurationLayer.file, "aws_iam_role", l + "_rule") {
                $0["description"] = .string("AWS IoT rule \(rule.name) sends device messages to \(queueName)")
                $0["assume_role_policy"] = IdentityLayer.document([[
                    HCLAttribute("Sid", "IoTRulesOfThisAccount"), HCLAttribute("Effect", "Allow"),
                    HCLAttribute("Principal", .object([HCLAttribute("Service", "iot.amazonaws.com")])),
                    HCLAttribute("Action", "sts:AssumeRole"),
                    HCLAttribute("Condition", .object([HCLAttribute("StringEquals", .object([HCLAttribute("aws:SourceAccount", .ref(c.accountID))]))])),
                ]])
            }
            c.resource(ConfigurationLayer.file, "aws_iam_role_policy", l + "_rule") {
                $0["name"] = "send-device-messages"
                $0["role"] = .ref("aws_iam_role.\(l)_rule.id")
                $0["policy"] = IdentityLayer.document([[
                    HCLAttribute("Effect", "Allow"), HCLAttribute("Action", "sqs:SendMessage"),
                    HCLAttribute("Resource", .list([.ref("aws_sqs_queue.\(l).arn"), .ref("aws_sqs_queue.\(l)_dlq.arn")])),
                ]])
            }
            c.resource(ConfigurationLayer.file, "aws_iot_topic_rule", l) {
                $0["name"] = .string(rule.name)
                $0["description"] = .string("Device messages on \(rule.topicFilter) for \(rule.workload)")
                $0["enabled"] = true
                $0["sql"] = .string(rule.sql)
                $0["sql_version"] = "2016-03-23"
                $0.nested("sqs") {
                    $0["queue_url"] = .ref("aws_sqs_queue.\(l).url")
                    $0["role_arn"] = .ref("aws_iam_role.\(l)_rule.arn")
                    $0["use_base64"] = false
                }
                $0.nested("error_action") {
                    $0.nested("sqs") {
                        $0["queue_url"] = .ref("aws_sqs_queue.\(l)_dlq.url")
                        $0["role_arn"] = .ref("aws_iam_role.\(l)_rule.arn")
                        $0["use_base64"] = false
                    }
                }
            }
        }
    }

    /// As `IoTSection.topicStatements`: split by the ACL's read and write grants when it has them.
    static func topicStatements(_ iot: IoTCoreSetup, _ topics: [String], _ arn: (String, String) -> HCLValue) -> [[HCLAttribute]] {
        func statement(_ sid: String, _ action: HCLValue, _ kind: String, _ list: [String]) -> [HCLAttribute] {
            [HCLAttribute("Sid", .string(sid)), HCLAttribute("Effect", "Allow"), HCLAttribute("Action", action),
             HCLAttribute("Resource", .list(list.map { arn(kind, $0) }))]
        }
        guard !iot.publishTopics.isEmpty || !iot.subscribeTopics.isEmpty else {
            return [statement("OwnTopics", .strings(["iot:Publish", "iot:Receive"]), "topic", topics),
                    statement("OwnTopicFilters", "iot:Subscribe", "topicfilter", topics)]
        }
        let publish = iot.publishTopics.map(policyPattern), subscribe = iot.subscribeTopics.map(policyPattern)
        var out: [[HCLAttribute]] = []
        if !publish.isEmpty { out.append(statement("PublishTopics", "iot:Publish", "topic", publish)) }
        if !subscribe.isEmpty {
            out.append(statement("ReceiveTopics", "iot:Receive", "topic", subscribe))
            out.append(statement("SubscribeTopicFilters", "iot:Subscribe", "topicfilter", subscribe))
        }
        return out
    }

    /// MQTT wildcards (`#`, `+`) become IAM-style `*` in policy resources.
    static func policyPattern(_ topic: String) -> String { String(topic.map { $0 == "#" || $0 == "+" ? "*" : $0 }) }
}
