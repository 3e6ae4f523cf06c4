/// The internet-facing Network Load Balancer for public ports that are not HTTP (MQTT, SMTP, game
/// servers, SIP, UDP such as LoRa's 1700): a TCP, UDP or TLS listener per port, each forwarding to
/// one workload's container port. HTTP stays on the application load balancer.
public struct NetworkLoadBalancer: Sendable, Codable, Equatable {
    public var name: String
    public var listeners: [NetworkListener]
    public var decisions: [Decision]

    public init(name: String, listeners: [NetworkListener] = [], decisions: [Decision] = []) {
        self.name = name
        self.listeners = listeners
        self.decisions = decisions
    }
}

/// One listener port and the target group behind it.
public struct NetworkListener: Sendable, Codable, Equatable {
    /// Target group name, unique in the load balancer (`broker-1883`).
    public var name: String
    public var port: Int
    /// `TCP`, `UDP` or `TLS`.
    public var proto: String
    /// `Blueprint.workloads[].name`.
    public var workload: String
    public var targetPort: Int
    /// The TCP port health checks probe (UDP target groups need a TCP health check).
    public var healthCheckPort: Int
    /// What the port carries (`MQTT`, `LoRaWAN packet forwarder`), for people.
    public var carries: String
    public var decisions: [Decision]

    public init(name: String, port: Int, proto: String, workload: String, targetPort: Int, healthCheckPort: Int,
                carries: String, decisions: [Decision] = []) {
        self.name = name
        self.port = port
        self.proto = proto
        self.workload = workload
        self.targetPort = targetPort
        self.healthCheckPort = healthCheckPort
        self.carries = carries
        self.decisions = decisions
    }
}
