import Blueprint

/// An MQTT broker (Mosquitto, EMQX, HiveMQ, VerneMQ) → AWS IoT Core: devices connect with
/// X.509 certificates over TLS on 8883; services publish and subscribe with their task role.
struct MosquittoToIoTCore: RoleRule {
    let name = "MosquittoToIoTCore"

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        guard f.technology?.technology == .mqttBroker else { return nil }
        var extra: [String] = []
        if f.containerPorts.contains(1883) { extra.append("plaintext MQTT on 1883 becomes MQTT over TLS on 8883 with device certificates") }
        if f.containerPorts.contains(9001) || f.containerPorts.contains(8083) { extra.append("MQTT over WebSockets is served by IoT Core on 443") }
        return DataStoreRules.verdict(f, rule: name, target: .iotCore, managed: "AWS IoT Core",
                                      why: "managed MQTT with per-device certificates",
                                      alternatives: [Alternative(choice: "amazon-mq", whyNot: "Amazon MQ's ActiveMQ speaks MQTT but has no device identity or fleet features")],
                                      extra: extra)
    }
}
