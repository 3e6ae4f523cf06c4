/// `command` and `entrypoint`: a list as it is, a string split like a POSIX shell
/// (quotes and backslashes), as Compose does.
enum CommandSyntax {
    static func transform(_ node: YAMLNode, path: String) throws -> [String]? {
        try words(node, path: path)?.map(\.text)
    }

    /// One word and the substitutions that produced parts of it (offsets into the word).
    struct Word: Equatable {
        var text: String
        var substitutions: [Substitution] = []
    }

    /// The words with what interpolation put into each: a list item keeps its scalar's record;
    /// a string's record is carried through the word splitting.
    static func words(_ node: YAMLNode, path: String) throws -> [Word]? {
        if node.isNull { return nil }
        if let scalar = node.scalar {
            let text = try node.asString(path)
            guard let words = splitTracking(text) else {
                throw ComposeError("\(path): unterminated quote in \"\(text)\"", at: node.location)
            }
            return words.map { w in Word(text: w.text, substitutions: project(scalar.substitutions, through: w.sources)) }
        }
        return try node.asList(path).enumerated().map { i, item in
            Word(text: try item.asString("\(path)[\(i)]"), substitutions: item.scalar?.substitutions ?? [])
        }
    }

    /// POSIX-shell word splitting without expansion; nil on an unterminated quote.
    static func split(_ text: String) -> [String]? { splitTracking(text)?.map(\.text) }

    /// A split word and, for each of its UTF-8 bytes, the offset it came from in the text.
    struct TrackedWord {
        var text: String
        var sources: [Int]
    }

    /// Byte-wise: every character the splitting looks at is ASCII, and no byte of a multi-byte
    /// UTF-8 sequence is.
    static func splitTracking(_ text: String) -> [TrackedWord]? {
        var words: [TrackedWord] = []
        var current: [UInt8] = []
        var sources: [Int] = []
        var inWord = false
        var quote: UInt8?
        var escaped = false
        let dq = UInt8(ascii: "\""), sq = UInt8(ascii: "'"), bs = UInt8(ascii: "\\"), nl = UInt8(ascii: "\n")
        func emit() {
            words.append(TrackedWord(text: String(decoding: current, as: UTF8.self), sources: sources))
            current = []; sources = []; inWord = false
        }
        for (offset, c) in text.utf8.enumerated() {
            if escaped {
                if quote == dq, ![bs, dq, UInt8(ascii: "$"), UInt8(ascii: "`"), nl].contains(c) { current.append(bs); sources.append(offset - 1) }
                if c != nl { current.append(c); sources.append(offset) }
                escaped = false; inWord = true
                continue
            }
            if let q = quote {
                if c == q { quote = nil }
                else if c == bs && q == dq { escaped = true }
                else { current.append(c); sources.append(offset) }
                continue
            }
            switch c {
            case sq, dq: quote = c; inWord = true
            case bs: escaped = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), nl, UInt8(ascii: "\r"):
                if inWord { emit() }
            default: current.append(c); sources.append(offset); inWord = true
            }
        }
        if quote != nil { return nil }
        if escaped { current.append(bs); sources.append(text.utf8.count - 1) }
        if inWord { emit() }
        return words
    }

    /// The substitutions of the whole text, as ranges of one word (those that reach it).
    static func project(_ substitutions: [Substitution], through sources: [Int]) -> [Substitution] {
        substitutions.compactMap { s in
            let inside = sources.indices.filter { s.range.contains(sources[$0]) }
            guard let first = inside.first, let last = inside.last else { return nil }
            return Substitution(range: first..<(last + 1), variables: s.variables)
        }
    }
}
