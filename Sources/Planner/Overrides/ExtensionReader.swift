import Foundation
import ComposeKit
import Blueprint

/// Reads `x-ferry` / `x-aws-*` values leniently: keys match ignoring case, `_` and `-`
/// (`partition_key`, `partitionKey`, `partition-key`), scalars convert where they sensibly can.
struct ExtensionReader {
    let value: ComposeValue?
    /// Key path for evidence and error messages (`services.api.x-ferry`).
    let path: String

    init(_ value: ComposeValue?, path: String) {
        self.value = value
        self.path = path
    }

    static func normalize(_ key: String) -> String {
        key.lowercased().filter { $0 != "_" && $0 != "-" }
    }

    /// The child value for the first key that matches any of `keys`.
    func child(_ keys: String...) -> ExtensionReader? { child(keys) }

    func child(_ keys: [String]) -> ExtensionReader? {
        guard case let .mapping(entries)? = value else { return nil }
        let wanted = Set(keys.map(Self.normalize))
        guard let hit = entries.last(where: { wanted.contains(Self.normalize($0.key)) }) else { return nil }
        return ExtensionReader(hit.value, path: "\(path).\(hit.key)")
    }

    var string: String? {
        guard let v = value else { return nil }
        return v.scalarText
    }

    var bool: Bool? {
        switch value {
        case let .bool(b)?: return b
        case let .string(s)?:
            switch s.lowercased() {
            case "true", "yes", "on", "1": return true
            case "false", "no", "off", "0": return false
            default: return nil
            }
        case let .int(i)?: return i != 0
        default: return nil
        }
    }

    var int: Int? {
        switch value {
        case let .int(i)?: return i
        case let .double(d)?: return d.isFinite && abs(d) < 1e12 ? Int(d) : nil
        case let .string(s)?: return Int(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    var double: Double? {
        switch value {
        case let .int(i)?: return Double(i)
        case let .double(d)?: return d.isFinite ? d : nil
        case let .string(s)?:
            let t = s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
            return Double(t).flatMap { $0.isFinite ? $0 : nil }
        default: return nil
        }
    }

    /// A string or a list of strings.
    var strings: [String] {
        switch value {
        case let .sequence(items)?: return items.compactMap(\.scalarText)
        case let v?: return v.scalarText.map { [$0] } ?? []
        default: return []
        }
    }

    var entries: [(key: String, value: ExtensionReader)] {
        guard case let .mapping(e)? = value else { return [] }
        return e.map { ($0.key, ExtensionReader($0.value, path: "\(path).\($0.key)")) }
    }

    var items: [ExtensionReader] {
        guard case let .sequence(items)? = value else { return [] }
        return items.enumerated().map { ExtensionReader($0.element, path: "\(path)[\($0.offset)]") }
    }

    var isMapping: Bool {
        if case .mapping? = value { return true }
        return false
    }

    /// The value as JSON (for policy documents and template overlays).
    var json: JSONValue? { value.map(Self.json) }

    static func json(_ v: ComposeValue) -> JSONValue {
        switch v {
        case .null: return .null
        case let .bool(b): return .bool(b)
        case let .int(i): return .number(Double(i))
        case let .double(d): return .number(d.isFinite ? d : 0)
        case let .string(s): return .string(s)
        case let .sequence(a): return .array(a.map(json))
        case let .mapping(m):
            var o: [String: JSONValue] = [:]
            for (k, x) in m { o[k] = json(x) }
            return .object(o)
        }
    }
}

/// Memory text to MiB: `512`, `512M`, `1G`, `1.5GiB`, `2048MiB`. Bare numbers are MiB.
func parseMemoryMiB(_ text: String) -> Int? {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    let digits = t.prefix { $0.isNumber || $0 == "." }
    guard let n = Double(digits), n.isFinite, n >= 0, n < 1e9 else { return nil }
    let unit = t.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
    switch unit {
    case "", "m", "mb", "mi", "mib": return Int(n)
    case "g", "gb", "gi", "gib": return Int(n * 1024)
    case "k", "kb", "ki", "kib": return max(1, Int(n / 1024))
    case "b": return max(1, Int(n / 1_048_576))
    default: return nil
    }
}

/// CPU text to ECS units: `256` (units), `0.5` / `2` (vCPUs, when below 32), `512m` (millicores).
func parseCPUUnits(_ text: String) -> Int? {
    let t = text.trimmingCharacters(in: .whitespaces).lowercased()
    if t.hasSuffix("m"), let milli = Double(t.dropLast()), milli.isFinite, milli >= 0, milli < 1e9 {
        return Int(milli * 1024 / 1000)
    }
    guard let n = Double(t), n.isFinite, n >= 0, n < 1e9 else { return nil }
    return n < 32 ? Int((n * 1024).rounded()) : Int(n)
}
