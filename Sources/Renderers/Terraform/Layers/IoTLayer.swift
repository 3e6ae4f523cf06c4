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
                [HCLAttribute("Sid", "OwnTopics"), HCLAttribute("Effect", "Allow"), HCLAttribute("Action", .strings(["iot:Publish", "iot:Receive"])),
                 HCLAttribute("Resource", .list(topics.map { arn("topic", $0) }))],
                [HCLAttribute("Sid", "OwnTopicFilters"), HCLAttribute("Effect", "Allow"), HCLAttribute("Action", "iot:Subscribe"),
                 HCLAttribute("Resource", .list(topics.map { arn("topicfilter", $0) }))],
            ])
        }
    }

    /// MQTT wildcards (`#`, `+`) become IAM-style `*` in policy resources.
    static func policyPattern(_ topic: String) -> String { String(topic.map { $0 == "#" || $0 == "+" ? "*" : $0 }) }
}
