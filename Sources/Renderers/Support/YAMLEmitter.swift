import Blueprint
/// Writes a `DataNode` as block-style YAML with two-space indentation and a trailing newline.
///
/// Strings are written plain only when no YAML 1.1 or 1.2 reader could take them for anything else
/// (numbers, booleans such as `on`/`yes`, nulls, timestamps, indicators, comments); every other string
/// is double-quoted with JSON escaping, which is valid YAML. The output is therefore also stable and
/// unambiguous for CloudFormation, which reads YAML 1.1.
public enum YAMLEmitter {
    public static func emit(_ node: DataNode) -> String {
        guard node.isCollection, !node.isEmptyCollection else { return scalar(node) + "\n" }
        var out = ""
        out.reserveCapacity(4096)
        block(node, indent: 0, padFirst: true, into: &out)
        return out
    }

    /// Writes `node` one line per scalar, each line ending in a newline. With `padFirst` false the
    /// first line's indentation is already written (an array item after its `- `).
    private static func block(_ node: DataNode, indent: Int, padFirst: Bool, into out: inout String) {
        var padNext = padFirst
        let spaces = indent < padding.count ? padding[indent] : String(repeating: " ", count: indent)
        func pad() {
            if padNext { out.append(spaces) }
            padNext = true
        }
        switch node {
        case .array(let items):
            for item in items {
                pad()
                out.append("- ")
                if item.isCollection && !item.isEmptyCollection {
                    block(item, indent: indent + 2, padFirst: false, into: &out)
                } else {
                    out.append(scalar(item))
                    out.append("\n")
                }
            }
        case .object, .ordered:
            for (key, value) in node.entries {
                pad()
                out.append(scalar(.string(key)))
                if value.isCollection && !value.isEmptyCollection {
                    out.append(":\n")
                    block(value, indent: indent + 2, padFirst: true, into: &out)
                } else {
                    out.append(": ")
                    out.append(scalar(value))
                    out.append("\n")
                }
            }
        default:
            pad()
            out.append(scalar(node))
            out.append("\n")
        }
    }

    static func scalar(_ node: DataNode) -> String {
        switch node {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .string(let s): return isPlainSafe(s) ? s : JSONEmitter.quote(s)
        case .array: return "[]"
        case .object, .ordered: return "{}"
        }
    }

    private static let padding = (0..<64).map { String(repeating: " ", count: $0) }

    private static let reserved: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]

    /// Conservative: a string starting with a letter, `_`, `/` or `$`, made of a small safe character set,
    /// without `: ` or `#`, not ending in `:` or a space, and not a YAML 1.1 boolean or null word.
    static func isPlainSafe(_ s: String) -> Bool {
        let bytes = s.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard isASCIILetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: "/") || first == UInt8(ascii: "$") else { return false }
        if last == UInt8(ascii: " ") || last == UInt8(ascii: ":") { return false }
        if bytes.count <= 5, reserved.contains(s.lowercased()) { return false }
        var previous = UInt8(ascii: " ")
        for c in bytes {
            guard c < 128, safe[Int(c)] else { return false }
            if previous == UInt8(ascii: ":") && c == UInt8(ascii: " ") { return false }
            previous = c
        }
        return true
    }

    /// ASCII bytes allowed in a plain scalar: letters, digits and ` _./:$+=,(){}-@*`.
    private static let safe: [Bool] = (0..<128).map { b in
        let c = UInt8(b)
        return isASCIILetter(c) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || " _./:$+=,(){}-@*".utf8.contains(c)
    }

    private static func isASCIILetter(_ c: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
    }
}
