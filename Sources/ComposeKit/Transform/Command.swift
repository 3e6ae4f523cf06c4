/// `command` and `entrypoint`: a list as it is, a string split like a POSIX shell
/// (quotes and backslashes), as Compose does.
enum CommandSyntax {
    static func transform(_ node: YAMLNode, path: String) throws -> [String]? {
        if node.isNull { return nil }
        if node.scalar != nil {
            let text = try node.asString(path)
            guard let words = split(text) else {
                throw ComposeError("\(path): unterminated quote in \"\(text)\"", at: node.location)
            }
            return words
        }
        return try node.asList(path).enumerated().map { try $1.asString("\(path)[\($0)]") }
    }

    /// POSIX-shell word splitting without expansion; nil on an unterminated quote.
    static func split(_ text: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in text {
            if escaped {
                if quote == "\"", !"\\\"$`\n".contains(c) { current.append("\\") }
                if c != "\n" { current.append(c) }
                escaped = false; inWord = true
                continue
            }
            if let q = quote {
                if c == q { quote = nil }
                else if c == "\\" && q == "\"" { escaped = true }
                else { current.append(c) }
                continue
            }
            switch c {
            case "'", "\"": quote = c; inWord = true
            case "\\": escaped = true
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(c); inWord = true
            }
        }
        if quote != nil { return nil }
        if escaped { current.append("\\") }
        if inWord { words.append(current) }
        return words
    }
}
