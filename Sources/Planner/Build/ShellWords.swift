/// Shell text for rewritten commands: words quoted for `sh`, and stretches of them replaced by
/// `"${NAME}"` so the shell reads the value from the environment.
enum ShellWords {
    /// The index of the script in `sh -c script …` (also `bash`, `/bin/sh`, `-ec`, `-lc`).
    static func scriptIndex(_ words: [String]) -> Int? {
        guard words.count >= 3, let shell = words.first?.split(separator: "/").last,
              ["sh", "bash", "ash", "dash", "zsh"].contains(String(shell)) else { return nil }
        var i = 1
        while i < words.count - 1, words[i].hasPrefix("-") {
            if words[i].hasSuffix("c") { return i + 1 }
            i += 1
        }
        return nil
    }

    /// Words as one shell line: literal stretches quoted, spans read from the environment.
    static func line(_ words: [String], _ spans: [[CommandSecrets.Span]]) -> String {
        words.indices.map { i in
            let bytes = Array(words[i].utf8)
            var out = ""
            var at = 0
            for s in spans[i] {
                if s.range.lowerBound > at { out += quote(String(decoding: bytes[at..<s.range.lowerBound], as: UTF8.self)) }
                out += "\"${\(s.variable)}\""
                at = s.range.upperBound
            }
            if at < bytes.count || bytes.isEmpty { out += quote(String(decoding: bytes[at...], as: UTF8.self)) }
            return out
        }.joined(separator: " ")
    }

    /// A script with the spans replaced, quoted for where each falls: `"${X}"` outside quotes,
    /// `${X}` inside double quotes, `'"${X}"'` inside single quotes.
    static func inScript(_ script: String, _ spans: [CommandSecrets.Span]) -> String {
        let bytes = Array(script.utf8)
        var out: [UInt8] = []
        var quote: UInt8?
        var escaped = false
        var i = 0
        var pending = spans[...]
        while i < bytes.count {
            if let s = pending.first, s.range.lowerBound == i {
                let ref = "${\(s.variable)}"
                switch quote {
                case UInt8(ascii: "'") where out.last == UInt8(ascii: "'") && s.range.upperBound < bytes.count && bytes[s.range.upperBound] == UInt8(ascii: "'"):
                    // The whole quoted word: `'${X}'` becomes `"${X}"`.
                    out.removeLast()
                    out += Array("\"\(ref)\"".utf8)
                    i = s.range.upperBound + 1
                    quote = nil
                    pending = pending.dropFirst()
                    continue
                case UInt8(ascii: "'"): out += Array("'\"\(ref)\"'".utf8)
                case UInt8(ascii: "\""): out += Array(ref.utf8)
                default: out += Array("\"\(ref)\"".utf8)
                }
                i = s.range.upperBound
                pending = pending.dropFirst()
                continue
            }
            let c = bytes[i]
            out.append(c)
            i += 1
            if escaped { escaped = false; continue }
            if c == UInt8(ascii: "\\"), quote != UInt8(ascii: "'") { escaped = true }
            else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                if quote == nil { quote = c } else if quote == c { quote = nil }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A word as `sh` reads it back unchanged.
    static func quote(_ word: String) -> String {
        if !word.isEmpty, word.utf8.allSatisfy({ b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "_@%+=:,./-".utf8.contains(b)
        }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `scheme://…` stretches of a word (UTF-8 offsets), up to a space, quote or shell operator.
    static func urls(in word: String) -> [Range<Int>] {
        let b = Array(word.utf8)
        var out: [Range<Int>] = []
        var i = 0
        while i + 2 < b.count {
            guard b[i] == UInt8(ascii: ":"), b[i + 1] == UInt8(ascii: "/"), b[i + 2] == UInt8(ascii: "/") else { i += 1; continue }
            var start = i
            while start > 0, isSchemeByte(b[start - 1]) { start -= 1 }
            var end = i + 3
            while end < b.count, !" \t\n'\"`;|&()<>".utf8.contains(b[end]) { end += 1 }
            if start < i, out.last.map({ $0.upperBound <= start }) ?? true { out.append(start..<end) }
            i = end
        }
        return out
    }

    private static func isSchemeByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }

    /// Every place `needle` occurs in `word` (UTF-8 offsets).
    static func occurrences(of needle: String, in word: String) -> [Range<Int>] {
        let h = Array(word.utf8), n = Array(needle.utf8)
        guard !n.isEmpty, n.count <= h.count else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i + n.count <= h.count {
            if h[i] == n[0], Array(h[i..<(i + n.count)]) == n { out.append(i..<(i + n.count)); i += n.count } else { i += 1 }
        }
        return out
    }
}
