import Foundation
import Yams

/// Reads `--usage FILE`: YAML or JSON, a map of usage keys to numbers plus an optional `services` map
/// of per-service maps (see docs/PRICING.md):
///
/// ```yaml
/// requests_per_month: 5000000
/// nat_gb: 80
/// services:
///   worker: { log_ingest_gb: 10 }
/// ```
public enum UsageFile {
    public static func load(path: String) throws -> [String: UsageValue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PricingError("\(path): cannot read the usage file")
        }
        return try parse(String(decoding: data, as: UTF8.self), origin: path)
    }

    public static func parse(_ text: String, origin: String) throws -> [String: UsageValue] {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw PricingError("\(origin):\(location(error)) \(error)")
        }
        guard let node else { return [:] }
        guard case .mapping = node else { throw PricingError("\(origin):\(node.mark.map { "\($0.line):\($0.column)" } ?? "1:1"): the usage file must be a map of usage keys") }
        guard case .map(let map) = try value(node, origin: origin, path: "usage") else { return [:] }
        return map
    }

    static func value(_ node: Node, origin: String, path: String) throws -> UsageValue {
        let at = node.mark.map { "\($0.line):\($0.column)" } ?? "1:1"
        switch node {
        case .scalar(let s):
            guard let d = Double(s.string.replacingOccurrences(of: "_", with: "")) else {
                throw PricingError("\(origin):\(at): \(path) must be a number, found '\(s.string)'")
            }
            return .number(d)
        case .mapping(let m):
            var out: [String: UsageValue] = [:]
            for (k, v) in m {
                guard case .scalar(let key) = k else { throw PricingError("\(origin):\(at): keys must be strings") }
                out[key.string] = try value(v, origin: origin, path: "\(path).\(key.string)")
            }
            return .map(out)
        default:
            throw PricingError("\(origin):\(at): \(path) must be a number or a map")
        }
    }

    static func location(_ error: YamlError) -> String {
        if case .scanner(_, _, let mark, _) = error { return "\(mark.line):\(mark.column):" }
        if case .parser(_, _, let mark, _) = error { return "\(mark.line):\(mark.column):" }
        return "1:1:"
    }
}
