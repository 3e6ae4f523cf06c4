import Foundation
import Blueprint

/// The device policy's topics from a mosquitto ACL: `read` grants become subscribe/receive topics,
/// `write` grants publish topics, `readwrite` both; `%c`/`%u` are scoped to the connecting thing.
/// Denials have no counterpart in an allow-only device policy and are left out (reported).
struct MosquittoACLTopics {
    var publish: [String] = []
    var subscribe: [String] = []
    var evidence: [Evidence] = []

    /// Every topic, sorted, unique.
    var all: [String] { Array(Set(publish + subscribe)).sorted() }

    init(config: MosquittoConfig, service: String) {
        var pub = Set<String>(), sub = Set<String>()
        for grant in config.grants where grant.access != .deny {
            // `$SYS/…` is the broker's own status tree: IoT Core has none to grant.
            guard !grant.topic.hasPrefix("$SYS") else { continue }
            let topic = MosquittoConfig.scopedTopic(grant.topic)
            if grant.access == .write || grant.access == .readwrite { pub.insert(topic) }
            if grant.access == .read || grant.access == .readwrite { sub.insert(topic) }
            let file = config.aclFile.map { ($0 as NSString).lastPathComponent } ?? "acl"
            evidence.append(Evidence(path: "\(file):\(grant.line)", value: "\(grant.isPattern ? "pattern" : "topic") \(grant.access.rawValue) \(grant.topic)"))
        }
        publish = pub.sorted()
        subscribe = sub.sorted()
    }
}
