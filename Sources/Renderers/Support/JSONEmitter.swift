import Blueprint
/// Writes a `DataNode` as JSON: two-space indentation, one member per line, `object` keys sorted,
/// a trailing newline. Hand-written rather than `JSONEncoder` so that the bytes depend on the value
/// alone (no platform differences in escaping or key order).
public enum JSONEmitter {
    public static func emit(_ node: DataNode, indent: Int = 2) -> String {
        var out = ""
        write(node, level: 0, indent: indent, into: &out)
        out += "\n"
        return out
    }

    /// Single-line JSON, for values embedded in other text (policy documents, dashboard bodies).
    public static func compact(_ node: DataNode) -> String {
        var out = ""
        writeCompact(node, into: &out)
        return out
    }

    private static func write(_ node: DataNode, level: Int, indent: Int, into out: inout String) {
        switch node {
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: " ", count: (level + 1) * indent)
                write(item, level: level + 1, indent: indent, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: level * indent) + "]"
        case .object, .ordered:
            let pairs = node.entries
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in pairs.enumerated() {
                out += String(repeating: " ", count: (level + 1) * indent)
                out += quote(key) + ": "
                write(value, level: level + 1, indent: indent, into: &out)
                out += index == pairs.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: level * indent) + "}"
        default:
            writeCompact(node, into: &out)
        }
    }

    private static func writeCompact(_ node: DataNode, into out: inout String) {
        switch node {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): out += quote(s)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                writeCompact(item, into: &out)
            }
            out += "]"
        case .object, .ordered:
            out += "{"
            for (index, (key, value)) in node.entries.enumerated() {
                if index > 0 { out += "," }
                out += quote(key) + ":"
                writeCompact(value, into: &out)
            }
            out += "}"
        }
    }

    /// A JSON string literal. Control characters are escaped; everything else is kept as UTF-8.
    public static func quote(_ s: String) -> String {
        // Most strings are printable ASCII without quotes or backslashes: nothing to escape.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if needsEscape(scalar.value) {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Control characters, line separators and non-characters: escaped so that the text is valid in both
    /// JSON and YAML double-quoted scalars and survives copy and paste.
    static func needsEscape(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
