import Foundation
import Blueprint

/// What one service's code does with Cloud Pub/Sub, read from the build-context files that talk to it
/// and from its environment: the subscriptions it names, the topic a subscription belongs to where
/// one line names both (`topic('t').subscription('s')`), and whether it publishes or receives.
/// Pure: the loader read the files.
struct PubSubUse: Equatable {
    var subscriptions: [String] = []
    /// Subscription → topic, where the code ties them together.
    var topicOf: [String: String] = [:]
    var publishes = false
    var receives = false

    /// `topic('t')`, `Topic("t")`, `topic_path(project, "t")`, `topic_path(os.environ["P"], "t")`: the first
    /// argument of a path helper may be any expression without a comma or parentheses.
    static let topicPattern = #"[Tt]opic(?:_path)?\(\s*(?:[^,()]*?,\s*)?["']([A-Za-z0-9_\-.]+)["']"#
    static let subscriptionPattern = #"[Ss]ubscription(?:_path)?\(\s*(?:[^,()]*?,\s*)?["']([A-Za-z0-9_\-.]+)["']"#
    /// `pubsub.topic('t').subscription('s')` (Node) and `client.Topic("t")…Subscription("s")` on one line.
    static let pairPattern = #"[Tt]opic\(\s*["']([A-Za-z0-9_\-.]+)["']\s*\)[^\n]*?[Ss]ubscription\(\s*["']([A-Za-z0-9_\-.]+)["']"#
    /// Calls that publish (Python, Node, Go, Java clients), lowercased.
    static let publishMarkers = ["publish(", "publishmessage(", "publisherclient", "publisher_client", "publisher.builder"]
    /// Calls that receive: streaming pull, callbacks, pull loops.
    static let receiveMarkers = ["subscribe(", "subscriberclient", "subscriber_client", ".on('message'", ".on(\"message\"", ".receive(",
                                 "streaming_pull", ".pull(", "subscriber.builder"]

    static func read(_ f: ServiceFacts) -> PubSubUse {
        var u = PubSubUse()
        for file in f.service.contextFiles where file.kind == .source {
            let lower = file.text.lowercased()
            guard lower.contains("pubsub") else { continue }
            u.publishes = u.publishes || publishMarkers.contains { lower.contains($0) }
            u.receives = u.receives || receiveMarkers.contains { lower.contains($0) }
            u.subscriptions += GoogleCloudUsage.matches(subscriptionPattern, in: file.text)
            for (topic, subscription) in pairs(in: file.text) { u.topicOf[subscription] = topic }
        }
        for e in f.service.environment where e.name.uppercased().contains("SUBSCRIPTION") {
            if let v = e.value, GoogleCloudUsage.isName(v) { u.subscriptions.append(v); u.receives = true }
        }
        u.subscriptions = Array(Set(u.subscriptions.filter(GoogleCloudUsage.isName))).sorted()
        return u
    }

    static func pairs(in text: String) -> [(String, String)] {
        guard let re = try? NSRegularExpression(pattern: pairPattern) else { return [] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            m.numberOfRanges > 2 ? (ns.substring(with: m.range(at: 1)), ns.substring(with: m.range(at: 2))) : nil
        }
    }
}
