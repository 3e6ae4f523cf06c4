import ComposeKit
/// The YAML the generator writes: block mappings in insertion order, block sequences and
/// double-quoted scalars (so no value is read as a number, boolean or null by accident).
/// Numbers and booleans that Compose expects as such are `.plain`.
indirect enum YAMLNode: Sendable {
    case map([(String, YAMLNode)])
    case list([YAMLNode])
    case text(String)
    case plain(String)

    static func number(_ n: Int) -> YAMLNode { .plain(String(n)) }
    static func bool(_ b: Bool) -> YAMLNode { .plain(b ? "true" : "false") }
    static func texts(_ items: [String]) -> YAMLNode { .list(items.map { .text($0) }) }

    func emit() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .map(let pairs):
            for (key, value) in pairs {
                out += pad + Self.key(key) + ":"
                value.writeValue(into: &out, indent: indent)
            }
        case .list(let items):
            for item in items {
                out += pad + "-"
                switch item {
                case .map(let pairs) where !pairs.isEmpty:
                    // `- key: value` with the remaining keys aligned under the first.
                    var nested = ""
                    item.write(into: &nested, indent: indent + 2)
                    out += " " + nested.dropFirst(indent + 2)
                default:
                    item.writeValue(into: &out, indent: indent)
                }
            }
        case .text, .plain:
            out += pad + scalar + "\n"
        }
    }

    /// The part after `key:` or `-`: inline for scalars and empty collections, else on the next lines.
    private func writeValue(into out: inout String, indent: Int) {
        switch self {
        case .map(let pairs) where pairs.isEmpty: out += " {}\n"
        case .list(let items) where items.isEmpty: out += " []\n"
        case .map, .list:
            out += "\n"
            write(into: &out, indent: indent + 2)
        case .text, .plain: out += " " + scalar + "\n"
        }
    }

    private var scalar: String {
        switch self {
        case .plain(let s): return s
        case .text(let s): return Self.quoted(s)
        default: return ""
        }
    }

    private static func key(_ k: String) -> String {
        k.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-./".contains($0)) } && !k.isEmpty ? k : quoted(k)
    }

    /// ComposeKit's JSON string literal: a YAML double-quoted scalar, control characters escaped.
    static func quoted(_ s: String) -> String { ConfigValue.jsonString(s) }
}
