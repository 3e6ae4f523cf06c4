/// `.env` / `--env-file` / `env_file` parsing, as Docker Compose reads them:
/// `KEY=value`, `export KEY=value`, `KEY: value`, single quotes (literal), double quotes
/// (escapes, multi-line), unquoted values with ` #` comments, and interpolation of
/// `${VAR}` against earlier keys of the same file, then the given lookup.
/// A bare `KEY` takes its value from the lookup (and is left out when unset).
enum DotEnv {
    struct Entry: Equatable {
        var name: String
        var value: String
        var template: String?
        var references: [VariableReference]
        var substitutions: [Substitution] = []
        var line: Int
    }

    static func parse(_ text: String, file: String, lookup: @escaping (String) -> String?) throws -> [Entry] {
        var entries: [Entry] = []
        var defined: [String: String] = [:]
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        var index = 0
        while index < lines.count {
            let lineNumber = index + 1
            var line = lines[index].trimmed(" \t\r")
            index += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmed(" \t") }
            let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" })
            let key = String(separator.map { line[..<$0] } ?? Substring(line)).trimmed(" \t")
            let location = SourceLocation(file: file, line: lineNumber, column: 1)
            guard !key.isEmpty, key.allSatisfy({ !$0.isWhitespace && $0 != "'" && $0 != "\"" }) else {
                throw ComposeError("invalid line in env file: expected KEY=VALUE", at: location)
            }
            guard let separator else {
                if let v = defined[key] ?? lookup(key) {
                    entries.append(Entry(name: key, value: v, template: nil, references: [], line: lineNumber))
                }
                continue
            }
            var raw = String(line[line.index(after: separator)...]).trimmed(" \t")
            var interpolate = true
            var value: String
            if raw.hasPrefix("'") {
                interpolate = false
                raw.removeFirst()
                while !raw.contains("'"), index < lines.count { raw += "\n" + lines[index]; index += 1 }
                guard let end = raw.firstIndex(of: "'") else { throw ComposeError("unterminated single quote in env file", at: location) }
                value = String(raw[..<end])
            } else if raw.hasPrefix("\"") {
                raw.removeFirst()
                while closingQuote(raw) == nil, index < lines.count { raw += "\n" + lines[index]; index += 1 }
                guard let end = closingQuote(raw) else { throw ComposeError("unterminated double quote in env file", at: location) }
                value = unescape(String(raw[..<end]))
            } else {
                if let hash = raw.range(of: " #") ?? raw.range(of: "\t#") { raw = String(raw[..<hash.lowerBound]) }
                value = raw.trimmed(" \t")
            }
            var template: String?
            var references: [VariableReference] = []
            var substitutions: [Substitution] = []
            if interpolate, value.contains("$") {
                let snapshot = defined
                let t = Template(lookup: { snapshot[$0] ?? lookup($0) })
                do {
                    let r = try t.substitute(value)
                    template = value; references = r.references; substitutions = r.substitutions; value = r.value
                } catch {
                    throw ComposeError(error.message, at: location)
                }
            }
            defined[key] = value
            entries.removeAll { $0.name == key }
            entries.append(Entry(name: key, value: value, template: template, references: references, substitutions: substitutions, line: lineNumber))
        }
        return entries
    }

    private static func closingQuote(_ s: String) -> String.Index? {
        var escaped = false
        for i in s.indices {
            if escaped { escaped = false; continue }
            if s[i] == "\\" { escaped = true; continue }
            if s[i] == "\"" { return i }
        }
        return nil
    }

    private static func unescape(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\\": out.append("\\")
                case "\"": out.append("\"")
                case "$": out.append("$$")
                default: out.append("\\"); out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}

extension String {
    func trimmed(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
