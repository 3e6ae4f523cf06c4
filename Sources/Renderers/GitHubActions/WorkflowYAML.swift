import Blueprint
/// Writes a workflow `DataNode` as YAML like `YAMLEmitter`, except that multi-line strings (the
/// `run:` scripts) become literal block scalars (`|`), so the scripts read as shell, not as one
/// escaped line. Strings a literal block cannot hold exactly fall back to the quoted form.
enum WorkflowYAML {
    static func emit(_ node: DataNode) -> String {
        var lines: [String] = []
        block(node, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func block(_ node: DataNode, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case .array(let items):
            for item in items {
                if isNested(item) {
                    var child: [String] = []
                    block(item, indent: indent + 2, into: &child)
                    if let first = child.first { child[0] = pad + "- " + first.dropFirst(indent + 2) }
                    lines.append(contentsOf: child)
                } else {
                    lines.append(pad + "- " + YAMLEmitter.scalar(item))
                }
            }
        case .object, .ordered:
            for (key, value) in node.entries {
                let head = pad + YAMLEmitter.scalar(.string(key)) + ":"
                if case .string(let text) = value, let body = literalLines(text) {
                    lines.append(head + " |" + (text.hasSuffix("\n") ? "" : "-"))
                    lines.append(contentsOf: body.map { $0.isEmpty ? "" : pad + "  " + $0 })
                } else if isNested(value) {
                    lines.append(head)
                    block(value, indent: indent + 2, into: &lines)
                } else {
                    lines.append(head + " " + YAMLEmitter.scalar(value))
                }
            }
        default:
            lines.append(pad + YAMLEmitter.scalar(node))
        }
    }

    private static func isNested(_ node: DataNode) -> Bool {
        switch node {
        case .array(let a): return !a.isEmpty
        case .object(let o): return !o.isEmpty
        case .ordered(let o): return !o.isEmpty
        default: return false
        }
    }

    /// The lines of `text` as a literal block, or nil when a block would not give back the same
    /// string: single lines, leading spaces on the first line, trailing spaces, tabs or control
    /// characters, or more than one final newline.
    static func literalLines(_ text: String) -> [String]? {
        guard text.contains("\n"), !text.hasSuffix("\n\n") else { return nil }
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, !first.hasPrefix(" "), !first.isEmpty else { return nil }
        for line in lines {
            if line.hasSuffix(" ") { return nil }
            if line.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return nil }
        }
        return lines
    }
}
