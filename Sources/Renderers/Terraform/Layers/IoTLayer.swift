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
