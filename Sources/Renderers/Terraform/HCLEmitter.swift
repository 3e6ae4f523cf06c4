/// Writes the HCL model as `terraform fmt` leaves it: two-space indents, `=` aligned over each run of
/// single-line attributes (a multi-line value, a block, a comment or a blank line ends the run, as fmt
/// does), objects and lists of objects one item a line with trailing commas.
public enum HCLEmitter {
    public static func emit(_ file: HCLFile) -> String {
        var out = ""
        for line in file.header { out += "# \(line)\n" }
        if !file.header.isEmpty && !file.blocks.isEmpty { out += "\n" }
        for (index, block) in file.blocks.enumerated() {
            if index > 0 { out += "\n" }
            out += emit(block, indent: 0)
        }
        return out
    }

    public static func emit(_ block: HCLBlock, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        let head = ([block.type] + block.labels.map(quoted)).joined(separator: " ")
        if block.body.isEmpty { return "\(pad)\(head) {}\n" }
        return "\(pad)\(head) {\n" + body(block.body, indent: indent + 2) + "\(pad)}\n"
    }

    /// Items of a block body or an object, with fmt's alignment.
    static func body(_ items: [HCLItem], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = ""
        var run: [(String, String)] = []
        func flush() {
            let width = run.map(\.0.count).max() ?? 0
            for (key, value) in run {
                out += pad + key + String(repeating: " ", count: width - key.count) + " = " + value + "\n"
            }
            run.removeAll()
        }
        for item in items {
            switch item {
            case .attribute(let attribute):
                let key = attribute.name
                let value = self.value(attribute.value, indent: indent)
                if value.contains("\n") {
                    flush()
                    out += pad + key + " = " + value + "\n"
                } else {
                    run.append((key, value))
                }
            case .block(let block):
                flush()
                out += emit(block, indent: indent)
            case .comment(let text):
                flush()
                out += pad + "# " + text + "\n"
            case .blank:
                flush()
                out += "\n"
            }
        }
        flush()
        return out
    }

    /// A value's text; multi-line values end without a newline, their inner lines indented under `indent`.
    static func value(_ value: HCLValue, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .string(let text): return quoted(text)
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .expression(let text): return text
        case .template(let parts):
            return "\"" + parts.map { part in
                switch part {
                case .text(let text): return escape(text)
                case .interpolation(let expression): return "${\(expression)}"
                }
            }.joined() + "\""
        case .list(let items):
            if items.isEmpty { return "[]" }
            let rendered = items.map { self.value($0, indent: indent + 2) }
            if !rendered.contains(where: { $0.contains("\n") }), !items.contains(where: isObject) {
                return "[" + rendered.joined(separator: ", ") + "]"
            }
            return "[\n" + rendered.map { pad + "  " + $0 + ",\n" }.joined() + pad + "]"
        case .object(let attributes):
            if attributes.isEmpty { return "{}" }
            let items = attributes.map { HCLItem.attribute(HCLAttribute(objectKey($0.name), $0.value)) }
            return "{\n" + body(items, indent: indent + 2) + pad + "}"
        case .call(let name, let arguments):
            return name + "(" + arguments.map { self.value($0, indent: indent) }.joined(separator: ", ") + ")"
        }
    }

    static func isObject(_ value: HCLValue) -> Bool {
        if case .object = value { return true }
        return false
    }

    /// Object keys are bare when they are identifiers, quoted otherwise (`"aws:SecureTransport"`).
    static func objectKey(_ key: String) -> String {
        let identifier = key.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
            && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        return identifier ? key : quoted(key)
    }

    public static func quoted(_ text: String) -> String { "\"" + escape(text) + "\"" }

    /// HCL string escapes, and `$${` / `%%{` so literal text is never read as a template.
    public static func escape(_ text: String) -> String {
        var out = ""
        var previous: Character = " "
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "{" where previous == "$": out += "{"; out.insert("$", at: out.index(out.endIndex, offsetBy: -1))
            case "{" where previous == "%": out += "{"; out.insert("%", at: out.index(out.endIndex, offsetBy: -1))
            default:
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.append(character)
                }
            }
            previous = character
        }
        return out
    }
}
