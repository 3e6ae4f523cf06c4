import Blueprint

/// What AWS IoT Core does differently from the mosquitto configuration it replaces, one finding each:
/// plaintext and WebSocket listeners, bridges, persistence, QoS 2, message size, `$SYS` topics.
enum MosquittoDifferences {
    static let rule = "MosquittoToIoTCore"

    static func report(_ broker: MosquittoConfig, service: String, ctx: PlanningContext) {
        let subject = "services.\(service)"
        let evidence = [Evidence(path: broker.file ?? "mosquitto.conf")]
        func add(_ id: String, _ severity: Severity, _ message: String, _ fix: String) {
            ctx.addFinding(Finding(id: id, severity: severity, message: message, subject: subject, evidence: evidence, fix: fix), waiverFor: service)
        }
        if !broker.bridges.isEmpty {
            add("FERRY-PLAN-MQTT-BRIDGE", .warning,
                "\(service) bridges to other brokers (\(broker.bridges.sorted().joined(separator: ", "))): IoT Core is not a bridge target or source; it becomes the one broker",
                "point the bridged brokers' clients at the IoT Core endpoint, or keep a bridge broker that connects to IoT Core as a thing")
        }
        if broker.listeners.contains(1883) || broker.allowAnonymous == true {
            add("FERRY-PLAN-MQTT-TLS", .info,
                "\(service) accepts \(broker.allowAnonymous == true ? "anonymous " : "")plain MQTT on 1883: IoT Core accepts only TLS on 8883 (or 443) with a device certificate per thing",
                "give each device its certificate (ferry iot add-device NAME) and connect to port 8883 with the thing name as client id")
        }
        if broker.persistence || (broker.maxQoS ?? 2) >= 2 {
            add("FERRY-PLAN-MQTT-QOS", .info,
                "\(service) \(broker.persistence ? "persists sessions and messages" : "allows QoS 2"): IoT Core supports QoS 0 and 1 only, keeps persistent sessions for 1 hour by default and retained messages up to its limits",
                "publish with QoS 0 or 1; rely on the topic rule's queue for durable delivery to the services")
        }
        if let limit = broker.messageSizeLimit, limit > 128 * 1024 {
            add("FERRY-PLAN-MQTT-SIZE", .warning,
                "\(service) allows messages up to \(limit) bytes: IoT Core's limit is 128 KB per message",
                "send larger payloads (audio, binary chunks) to S3 with a presigned URL and publish only a reference")
        }
        if broker.grants.contains(where: { $0.topic.hasPrefix("$SYS") }) || broker.grants.contains(where: { $0.access == .deny }) {
            add("FERRY-PLAN-MQTT-ACL", .info,
                "\(service)'s ACL has $SYS topics or deny lines: IoT Core has no $SYS tree (lifecycle events come on $aws/events) and its device policy only allows",
                "subscribe to $aws/events/presence/# for connect/disconnect events; narrow the allowed topics instead of denying")
        }
    }
}
