import Foundation

/// Reads the configuration an MQTT broker (mosquitto) runs with, beside the compose files: the
/// `mosquitto.conf` bind-mounted at `/mosquitto/config` (or mounted as the file itself), else in the
/// service's local build folder (`config/mosquitto.conf`, `mosquitto.conf`), and the ACL and password
/// files that configuration names, found beside it (paths inside it are the container's). A stage of
/// loading, like `ProxyConfigFiles`: it only reads, within bounds; the planner parses.
public enum BrokerConfigFiles {
    static let maxBytes = 256 * 1024

    public static func mosquitto(for service: Service) -> BrokerConfig? {
        var candidates: [String] = []
        for m in service.volumes where m.type == .bind {
            guard let source = m.source, m.target.hasPrefix("/mosquitto/config") || m.target.hasSuffix("mosquitto.conf") else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else { continue }
            candidates.append(isDirectory.boolValue ? source + "/mosquitto.conf" : source)
        }
        if let context = service.build?.context, !context.contains("://") {
            candidates += [context + "/config/mosquitto.conf", context + "/mosquitto.conf"]
        }
        for path in candidates {
            guard let conf = BoundedFile.text(at: path, maxBytes: maxBytes) else { continue }
            let folder = (path as NSString).deletingLastPathComponent
            func beside(_ key: String) -> String? {
                named(key, in: conf).flatMap { BoundedFile.text(at: folder + "/" + ($0 as NSString).lastPathComponent, maxBytes: maxBytes) }
            }
            return BrokerConfig(path: path, conf: conf, acl: beside("acl_file"), passwords: beside("password_file"))
        }
        return nil
    }

    /// The value of the last `key value` line (mosquitto's later lines win).
    static func named(_ key: String, in conf: String) -> String? {
        var value: String?
        for raw in conf.split(separator: "\n") {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.count >= 2, words[0] == key { value = String(words[1]) }
        }
        return value
    }
}
