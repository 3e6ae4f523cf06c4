/// Ports whose protocol is well known not to be HTTP. A public service reached on one of them cannot
/// go through the application load balancer; ferry says so instead of routing it there silently.
enum NonHTTPPorts {
    static let protocols: [Int: String] = [
        22: "SSH", 25: "SMTP", 53: "DNS", 110: "POP3", 143: "IMAP", 389: "LDAP", 465: "SMTPS", 587: "SMTP submission",
        636: "LDAPS", 993: "IMAPS", 995: "POP3S", 1194: "OpenVPN", 1883: "MQTT", 1935: "RTMP", 2049: "NFS",
        3306: "MySQL", 3478: "STUN/TURN", 4222: "NATS", 5060: "SIP", 5222: "XMPP", 5432: "PostgreSQL", 5672: "AMQP",
        6379: "Redis", 6667: "IRC", 7777: "a game server", 8883: "MQTT over TLS", 9092: "Kafka", 11211: "memcached",
        25565: "Minecraft", 27015: "a Source engine game server", 27017: "MongoDB", 51820: "WireGuard",
    ]

    /// UDP services by port (a published UDP port is reached from outside whatever it carries).
    static let udpProtocols: [Int: String] = [
        53: "DNS", 69: "TFTP", 123: "NTP", 161: "SNMP", 500: "IKE", 514: "syslog", 1194: "OpenVPN", 1700: "LoRaWAN packet forwarder",
        1812: "RADIUS", 3478: "STUN/TURN", 4500: "IPsec NAT-T", 5060: "SIP", 5683: "CoAP", 10000: "media (RTP)", 19132: "Minecraft Bedrock",
        27015: "a Source engine game server", 51820: "WireGuard",
    ]

    /// The protocol a service's HTTP port is known for, unless something says it is HTTP after all
    /// (an HTTP healthcheck, `x-ferry.port`).
    static func suspicious(_ f: ServiceFacts) -> (port: Int, name: String)? {
        guard f.healthProbe == nil, f.overrides.port == nil, let port = f.httpPort, let name = protocols[port] else { return nil }
        return (port, name)
    }
}
