import Blueprint

/// Device messages to the services that read them from the broker: one IoT topic rule per server-side
/// client of the broker (web, internal or worker), selecting what devices publish. An SQS queue the
/// service polls is the action: it holds messages while the service deploys or scales, and a
/// dead-letter queue keeps what IoT could not deliver.
enum IoTTopicRuleBuilder {
    static let rule = "MosquittoToIoTCore"
    static let thing = "${iot:Connection.Thing.ThingName}"

    static func rules(_ ctx: PlanningContext, broker: String, clients: [String], deviceTopics: [String]) -> [IoTTopicRule] {
        let subscribers = clients.filter { [.web, .internal, .worker].contains(ctx.role(of: $0)) }.sorted()
        let filters = Array(Set(deviceTopics.map(mqttFilter))).sorted()
        guard let filter = filters.first else { return [] }
        return subscribers.compactMap { name -> IoTTopicRule? in
            guard let f = ctx.facts(name) else { return nil }
            // SQS names are at most 80 characters (76 leaves room for `-dlq`); rule names 128 of [A-Za-z0-9_].
            let base = Naming.truncated("\(ctx.slug)-\(ctx.environment)-\(f.shortName)", 68) + "-devices"
            let ruleName = String(String(base.prefix(128)).map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
            // The service itself connects to the broker (a browser bundle's variable does not count):
            // only then does it read device messages that must now reach it another way.
            let browser = ["NEXT_PUBLIC_", "VITE_", "REACT_APP_", "PUBLIC_"]
            let evidence = f.service.environment.filter { e in
                !browser.contains { e.name.hasPrefix($0) } && (e.value == broker || (e.value ?? "").contains("//\(broker)"))
            }.map { Evidence(path: "services.\(name).environment.\($0.name)", value: $0.value, position: $0.location.map(SourcePosition.init)) }
            guard !evidence.isEmpty else { return nil }
            let isWeb = ctx.role(of: name) == .web
            return IoTTopicRule(
                name: ruleName, topicFilter: filter,
                sql: "SELECT *, topic() AS topic, clientid() AS device FROM '\(filter)'",
                workload: name, action: .sqs, queueName: base, deadLetterQueueName: base + "-dlq",
                decisions: [Decision(topic: "delivery", choice: "SQS queue \(base)",
                    reason: "\(name) read device messages from \(broker) (it is the broker's client): IoT Core has no broker connection to keep; a topic rule queues \(filters.count > 1 ? "\(filter) (and the other device topics in the policy)" : filter) for \(name) to poll",
                    evidence: evidence,
                    alternatives: [
                        Alternative(choice: "HTTPS action to \(name)'s load-balancer path", whyNot: isWeb
                            ? "no ingest route for device messages is visible in the compose files; a queue also survives deploys and scaling"
                            : "\(name) is not served through the load balancer"),
                        Alternative(choice: "\(name) subscribes to IoT Core over MQTT", whyNot: "each task would need its own client id and connection, and messages published while it restarts are lost"),
                        Alternative(choice: "Kinesis Data Streams", whyNot: "ordered shards and replay cost more than one service's telemetry needs"),
                    ], rule: rule)])
        }
    }

    /// A device-policy topic as an MQTT filter for the rule: the thing variable and `*` become
    /// wildcards (a trailing `*` any depth, `#`; elsewhere one level, `+`).
    static func mqttFilter(_ topic: String) -> String {
        var levels = topic.replacingOccurrences(of: thing, with: "+").split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for i in levels.indices where levels[i].contains("*") || levels[i].contains("#") || levels[i].contains("+") {
            levels[i] = i == levels.count - 1 && (levels[i] == "*" || levels[i] == "#") ? "#" : "+"
        }
        if let hash = levels.firstIndex(of: "#") { levels = Array(levels[...hash]) }
        return levels.joined(separator: "/")
    }
}
