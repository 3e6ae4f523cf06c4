import Foundation

/// The topics a device may use, read from the IoT policy document: the `topic/…` resources of its
/// publish statements and the `topicfilter/…` ones of its subscribe statements, with the thing-name
/// variable filled in for this device.
enum DevicePolicyTopics {
    struct Topics: Equatable { var publish: [String]; var subscribe: [String] }

    static func read(document: String, thing: String) -> Topics {
        guard let object = try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any] else {
            return Topics(publish: [], subscribe: [])
        }
        let statements: [[String: Any]]
        if let list = object["Statement"] as? [[String: Any]] { statements = list }
        else if let one = object["Statement"] as? [String: Any] { statements = [one] }
        else { statements = [] }
        var publish = Set<String>(), subscribe = Set<String>()
        for statement in statements where (statement["Effect"] as? String) == "Allow" {
            let actions = strings(statement["Action"])
            for resource in strings(statement["Resource"]) {
                if actions.contains("iot:Publish"), let t = after(resource, "topic/") { publish.insert(t) }
                if actions.contains("iot:Subscribe"), let t = after(resource, "topicfilter/") { subscribe.insert(t) }
            }
        }
        func fill(_ s: Set<String>) -> [String] { s.map { $0.replacingOccurrences(of: "${iot:Connection.Thing.ThingName}", with: thing) }.sorted() }
        return Topics(publish: fill(publish), subscribe: fill(subscribe))
    }

    static func strings(_ value: Any?) -> [String] {
        if let s = value as? String { return [s] }
        return (value as? [String]) ?? []
    }

    /// The resource part of `arn:…:iot:region:account:<kind>/<resource>`.
    static func after(_ arn: String, _ kind: String) -> String? {
        guard let range = arn.range(of: ":" + kind) else { return nil }
        return String(arn[range.upperBound...])
    }
}
