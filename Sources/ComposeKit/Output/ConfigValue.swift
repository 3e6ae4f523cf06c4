/// A small document tree for `ferry config` output; object keys are emitted sorted so
/// the output is byte-stable.
public indirect enum ConfigValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([ConfigValue])
    case object([String: ConfigValue])

    init(_ value: ComposeValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(Int64(i))
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .sequence(let a): self = .array(a.map(ConfigValue.init))
        case .mapping(let m): self = .object(Dictionary(m.map { ($0.key, ConfigValue($0.value)) }, uniquingKeysWith: { _, b in b }))
        }
    }
}

extension ConfigValue {
    /// Keys in output order: at the top level Compose's own order (`name`, `services`,
    /// `networks`, `volumes`, `secrets`, `configs`, then the rest), elsewhere sorted.
    static func orderedKeys(_ o: [String: ConfigValue], root: Bool) -> [String] {
        guard root else { return o.keys.sorted() }
        let rank = ["name": 0, "services": 1, "networks": 2, "volumes": 3, "secrets": 4, "configs": 5]
        return o.keys.sorted { (rank[$0] ?? 9, $0) < (rank[$1] ?? 9, $1) }
    }

    /// JSON with two-space indentation, keys sorted.
    public func json() -> String { json(indent: "", root: true) }

    func json(indent: String, root: Bool = false) -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return Self.number(d)
        case .string(let s): return Self.jsonString(s)
        case .array(let a):
            if a.isEmpty { return "[]" }
            let inner = indent + "  "
            return "[\n" + a.map { inner + $0.json(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let o):
            if o.isEmpty { return "{}" }
            let inner = indent + "  "
            return "{\n" + Self.orderedKeys(o, root: root).map { k in inner + Self.jsonString(k) + ": " + (o[k] ?? .null).json(indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    static func number(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return d.isFinite ? String(d) : "0"
    }

    /// A JSON string literal, which is also a YAML double-quoted scalar.
    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16) }
                else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// Block-style YAML, keys sorted, strings quoted whenever YAML would read them as
    /// something else.
    public func yaml() -> String {
        var out = ""
        Self.writeYAML(self, indent: 0, into: &out, inline: false, root: true)
        return out
    }

    private static func writeYAML(_ value: ConfigValue, indent: Int, into out: inout String, inline: Bool, root: Bool = false) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let o):
            if o.isEmpty { out += "{}\n"; return }
            if inline { out += "\n" }
            for k in orderedKeys(o, root: root) {
                let v = o[k] ?? .null
                out += pad + yamlKey(k) + ":"
                writeChild(v, indent: indent, into: &out)
            }
        case .array(let a):
            if a.isEmpty { out += "[]\n"; return }
            if inline { out += "\n" }
            for v in a {
                out += pad + "-"
                switch v {
                case .object(let o) where !o.isEmpty:
                    // First key on the dash line, the rest aligned under it.
                    let keys = o.keys.sorted()
                    for (i, k) in keys.enumerated() {
                        out += (i == 0 ? " " : pad + "  ") + yamlKey(k) + ":"
                        writeChild(o[k] ?? .null, indent: indent + 2, into: &out)
                    }
                default:
                    writeChild(v, indent: indent, into: &out)
                }
            }
        default:
            out += scalarYAML(value) + "\n"
        }
    }

    private static func writeChild(_ v: ConfigValue, indent: Int, into out: inout String) {
        switch v {
        case .object(let o) where !o.isEmpty: writeYAML(v, indent: indent + 2, into: &out, inline: true)
        case .array(let a) where !a.isEmpty: writeYAML(v, indent: indent + 2, into: &out, inline: true)
        default: out += " "; writeYAML(v, indent: indent + 2, into: &out, inline: false)
        }
    }

    private static func scalarYAML(_ v: ConfigValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return number(d)
        case .string(let s): return yamlString(s)
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    static func yamlKey(_ k: String) -> String { yamlString(k) }

    static func yamlString(_ s: String) -> String {
        if needsQuotes(s) { return jsonString(s) }
        return s
    }

    private static func needsQuotes(_ s: String) -> Bool {
        if s.isEmpty { return true }
        if ["null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO",
            "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N", "<<"].contains(s) { return true }
        if Double(s) != nil || YAMLNode.parseInt(s) != nil { return true }
        if s.first == " " || s.last == " " { return true }
        if let f = s.first, "?:,[]{}#&*!|>'\"%@`.+".contains(f) { return true }
        // `-` starts a plain scalar only when a non-space follows (`--flag` is fine).
        if s.hasPrefix("-"), s.count == 1 || s.dropFirst().first == " " || s.dropFirst().first == "." || s.dropFirst().first?.isNumber == true { return true }
        // Number-like text (`1:30`, `1_000`, `0b1`) stays quoted; `10s` or `3d-ago` need not.
        if let f = s.first, f.isNumber, !s.contains(where: { $0.isLetter && !"eExXoObB".contains($0) }) { return true }
        for u in s.unicodeScalars where u.value < 0x20 || u == "\u{7F}" { return true }
        if s.contains(": ") || s.contains(" #") || s.hasSuffix(":") { return true }
        return false
    }
}
