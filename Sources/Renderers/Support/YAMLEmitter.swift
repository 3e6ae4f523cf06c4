/// Writes a `DataNode` as block-style YAML with two-space indentation and a trailing newline.
///
/// Strings are written plain only when no YAML 1.1 or 1.2 reader could take them for anything else
/// (numbers, booleans such as `on`/`yes`, nulls, timestamps, indicators, comments); every other string
/// is double-quoted with JSON escaping, which is valid YAML. The output is therefore also stable and
/// unambiguous for CloudFormation, which reads YAML 1.1.
public enum YAMLEmitter {
    public static func emit(_ node: DataNode) -> String {
        guard node.isCollection, !node.isEmptyCollection else { return scalar(node) + "\n" }
        var lines: [String] = []
        block(node, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func block(_ node: DataNode, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case .array(let items):
            for item in items {
                if item.isCollection && !item.isEmptyCollection {
                    // Render the item one level deeper, then put the dash into its first line's indentation.
                    var child: [String] = []
                    block(item, indent: indent + 2, into: &child)
                    if let first = child.first {
                        child[0] = pad + "- " + first.dropFirst(indent + 2)
                    }
                    lines.append(contentsOf: child)
                } else {
                    lines.append(pad + "- " + scalar(item))
                }
            }
        case .object, .ordered:
            for (key, value) in node.entries {
                if value.isCollection && !value.isEmptyCollection {
                    lines.append(pad + scalar(.string(key)) + ":")
                    block(value, indent: indent + 2, into: &lines)
                } else {
                    lines.append(pad + scalar(.string(key)) + ": " + scalar(value))
                }
            }
        default:
            lines.append(pad + scalar(node))
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

    private static let reserved: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]

    /// Conservative: a string starting with a letter, `_`, `/` or `$`, made of a small safe character set,
    /// without `: ` or `#`, not ending in `:` or a space, and not a YAML 1.1 boolean or null word.
    static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        guard isASCIILetter(first) || first == "_" || first == "/" || first == "$" else { return false }
        if last == " " || last == ":" { return false }
        if reserved.contains(s.lowercased()) { return false }
        var previous: Unicode.Scalar = " "
        for c in s.unicodeScalars {
            let ok = isASCIILetter(c) || ("0"..."9").contains(c) || " _./:$+=,(){}-@*".unicodeScalars.contains(c)
            if !ok { return false }
            if previous == ":" && c == " " { return false }
            previous = c
        }
        return true
    }

    private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }
}
