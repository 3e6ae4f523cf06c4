/// The configuration files an MQTT broker (mosquitto) runs with, as `BrokerConfigFiles` read them.
public struct BrokerConfig: Sendable, Equatable {
    /// Where `mosquitto.conf` was read (as given in the compose file, resolved).
    public var path: String
    public var conf: String
    public var acl: String?
    /// The password file (`user:hash` lines); only its user names are ever used.
    public var passwords: String?

    public init(path: String, conf: String, acl: String? = nil, passwords: String? = nil) {
        self.path = path
        self.conf = conf
        self.acl = acl
        self.passwords = passwords
    }
}
