import Foundation
import ComposeKit

/// What a mosquitto broker is configured to do, parsed from the `mosquitto.conf` it runs with and the
/// ACL and password files that configuration names, which the loader read (`BrokerConfigFiles`). Pure.
struct MosquittoConfig: Equatable {
    /// One ACL line: `topic [read|write|readwrite|deny] T` (under a `user`, or for everyone before
    /// the first `user`) or `pattern … T` (every client, with `%c` client id and `%u` user name).
    struct Grant: Equatable {
        enum Access: String { case read, write, readwrite, deny }
        var access: Access
        var topic: String
        var user: String?
        var isPattern: Bool
        var line: Int
    }

    var file: String?
    var listeners: [Int] = []
    var websockets = false
    var allowAnonymous: Bool?
    var passwordFile: String?
    var aclFile: String?
    var persistence = false
    var maxQoS: Int?
    var messageSizeLimit: Int?
    /// `connection NAME` lines: bridges to other brokers.
    var bridges: [String] = []
    var grants: [Grant] = []
    /// Users from the password file (`user:hash`) and the ACL's `user` lines, sorted, unique.
    var users: [String] = []

    /// The configuration the loader read for a mosquitto service (`Service.brokerConfig`).
    static func from(_ files: BrokerConfig?) -> MosquittoConfig? {
        guard let files else { return nil }
        var config = parse(conf: files.conf, acl: files.acl, passwords: files.passwords)
        config.file = files.path
        return config
    }

    static func parse(conf: String, acl: String?, passwords: String?) -> MosquittoConfig {
        var c = MosquittoConfig()
        for raw in conf.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let key = words.first, !key.hasPrefix("#") else { continue }
            let value = words.dropFirst().first
            switch key {
            case "listener", "port": if let p = value.flatMap(Int.init) { c.listeners.append(p) }
            case "protocol": if value == "websockets" { c.websockets = true }
            case "allow_anonymous": c.allowAnonymous = value == "true"
            case "password_file": c.passwordFile = value
            case "acl_file": c.aclFile = value
            case "persistence": c.persistence = value == "true"
            case "max_qos": c.maxQoS = value.flatMap(Int.init)
            case "message_size_limit", "max_packet_size": c.messageSizeLimit = max(c.messageSizeLimit ?? 0, value.flatMap(Int.init) ?? 0)
            case "connection": if let v = value { c.bridges.append(v) }
            default: break
            }
        }
        var users = Set<String>()
        var user: String?
        for (i, raw) in (acl ?? "").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let key = words.first, !key.hasPrefix("#") else { continue }
            switch key {
            case "user":
                user = words.dropFirst().joined(separator: " ")
                if let user, !user.isEmpty { users.insert(user) }
            case "topic", "pattern":
                guard words.count >= 2 else { continue }
                // `topic T` alone means readwrite; the topic may contain spaces.
                let access = Grant.Access(rawValue: words[1])
                let topic = words.dropFirst(access == nil ? 1 : 2).joined(separator: " ")
                guard !topic.isEmpty else { continue }
                c.grants.append(Grant(access: access ?? .readwrite, topic: topic, user: key == "pattern" ? nil : user,
                                      isPattern: key == "pattern", line: i + 1))
            default: continue
            }
        }
        for raw in (passwords ?? "").split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            if !name.isEmpty { users.insert(name) }
        }
        c.users = users.sorted()
        return c
    }

    /// An ACL topic scoped for the IoT policy: `%c` and `%u` become the connecting thing's name
    /// (ferry's policy requires client id = thing name, and a device's user becomes its thing). MQTT
    /// wildcards stay: the renderers turn `+`/`#` into the policy wildcard `*` for both `topic/`
    /// (publish, receive) and `topicfilter/` (subscribe) resources, where `*` also matches the
    /// literal `+`/`#` a device subscribes with.
    static func scopedTopic(_ topic: String) -> String {
        topic.replacingOccurrences(of: "%c", with: "${iot:Connection.Thing.ThingName}")
            .replacingOccurrences(of: "%u", with: "${iot:Connection.Thing.ThingName}")
    }
}
