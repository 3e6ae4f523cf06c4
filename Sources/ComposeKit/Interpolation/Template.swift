/// Compose variable substitution: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
/// `${VAR:?message}`, `${VAR?message}`, `${VAR:+alternate}`, `${VAR+alternate}` and `$$`.
/// Defaults, messages and alternates are templates themselves (nested `${...}`), expanded
/// only when used. A `$` that starts none of these is literal; a malformed `${...}` is an error.
struct Template {
    /// Failure of one substitution; the caller adds the location.
    struct Failure: Error, Equatable {
        var message: String
    }

    /// Result of a substitution: the text and how each variable resolved.
    struct Result: Equatable {
        var value: String
        var references: [VariableReference]
        /// Which part of `value` each `$…` produced, and from which variables.
        var substitutions: [Substitution] = []
        /// Variables that were unset and had no default (Compose warns about each).
        var unset: [String]
    }

    /// Looks a variable up: nil when unset.
    let lookup: (String) -> String?

    func substitute(_ text: String) throws(Failure) -> Result {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return Result(value: text, references: [], unset: []) }
        var state = State()
        let bytes = Array(text.utf8)
        let out = try expand(bytes, 0, bytes.count, &state, whole: text)
        return Result(value: String(decoding: out, as: UTF8.self), references: state.references,
                      substitutions: state.substitutions, unset: state.unset)
    }

    private struct State {
        var references: [VariableReference] = []
        var substitutions: [Substitution] = []
        var unset: [String] = []
        var depth = 0
        /// Variables read by the substitution being expanded (defaults may read more than one).
        var touched: [String] = []
        mutating func record(_ name: String, _ resolution: VariableReference.Resolution) {
            let ref = VariableReference(variable: name, resolution: resolution)
            if !references.contains(ref) { references.append(ref) }
            if !touched.contains(name) { touched.append(name) }
        }
        /// Only substitutions written at the top level have offsets in the final value.
        mutating func substituted(at offset: Int, length: Int) {
            guard depth == 1 else { return }
            substitutions.append(Substitution(range: offset..<(offset + length), variables: touched))
        }
    }

    private static let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")

    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c == UInt8(ascii: "_")
    }
    private static func isNameChar(_ c: UInt8) -> Bool { isNameStart(c) || (c >= 0x30 && c <= 0x39) }

    private func invalid(_ whole: String) -> Failure {
        Failure(message: "invalid interpolation format in \"\(whole)\": use $$ for a literal dollar sign")
    }

    private func expand(_ b: [UInt8], _ start: Int, _ end: Int, _ state: inout State, whole: String) throws(Failure) -> [UInt8] {
        state.depth += 1
        defer { state.depth -= 1 }
        if state.depth > 32 { throw Failure(message: "interpolation nested too deeply in \"\(whole)\"") }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let c = b[i]
            guard c == Self.dollar else { out.append(c); i += 1; continue }
            // A `$` not followed by `$`, `{` or a name is kept literally (`$1`, `a$`), as in Compose.
            guard i + 1 < end else { out.append(c); i += 1; continue }
            let n = b[i + 1]
            if n == Self.dollar {
                out.append(Self.dollar); i += 2
            } else if n == Self.open {
                guard let closeIndex = Self.matchingClose(b, from: i + 2, end: end) else { throw invalid(whole) }
                if state.depth == 1 { state.touched = [] }
                let text = try braced(b, i + 2, closeIndex, &state, whole: whole)
                state.substituted(at: out.count, length: text.count)
                out += text
                i = closeIndex + 1
            } else if Self.isNameStart(n) {
                var j = i + 1
                while j < end, Self.isNameChar(b[j]) { j += 1 }
                let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
                if state.depth == 1 { state.touched = [] }
                let text = Array(resolvePlain(name, &state).utf8)
                state.substituted(at: out.count, length: text.count)
                out += text
                i = j
            } else {
                out.append(c); i += 1
            }
        }
        return out
    }

    /// The `}` closing a `${` whose body starts at `from`, counting nested braces.
    private static func matchingClose(_ b: [UInt8], from: Int, end: Int) -> Int? {
        var depth = 1
        var i = from
        while i < end {
            if b[i] == close {
                depth -= 1
                if depth == 0 { return i }
            } else if b[i] == open {
                depth += 1
            }
            i += 1
        }
        return nil
    }

    private func resolvePlain(_ name: String, _ state: inout State) -> String {
        if let v = lookup(name) { state.record(name, .environment); return v }
        state.record(name, .unsetEmpty)
        if !state.unset.contains(name) { state.unset.append(name) }
        return ""
    }

    private func braced(_ b: [UInt8], _ start: Int, _ end: Int, _ state: inout State, whole: String) throws(Failure) -> [UInt8] {
        var j = start
        guard j < end, Self.isNameStart(b[j]) else { throw invalid(whole) }
        while j < end, Self.isNameChar(b[j]) { j += 1 }
        let name = String(decoding: b[start..<j], as: UTF8.self)
        if j == end { return Array(resolvePlain(name, &state).utf8) }
        var colon = false
        if b[j] == UInt8(ascii: ":") { colon = true; j += 1 }
        guard j < end else { throw invalid(whole) }
        let op = b[j]
        let argStart = j + 1
        let value = lookup(name)
        // With a colon, an empty value counts as unset.
        let isSet = colon ? (value.map { !$0.isEmpty } ?? false) : value != nil
        switch op {
        case UInt8(ascii: "-"):
            if isSet, let value { state.record(name, .environment); return Array(value.utf8) }
            state.record(name, .defaultValue)
            return try expand(b, argStart, end, &state, whole: whole)
        case UInt8(ascii: "?"):
            if isSet, let value { state.record(name, .environment); return Array(value.utf8) }
            let message = try expand(b, argStart, end, &state, whole: whole)
            let text = String(decoding: message, as: UTF8.self)
            throw Failure(message: "required variable \(name) is missing a value" + (text.isEmpty ? "" : ": \(text)"))
        case UInt8(ascii: "+"):
            if isSet {
                state.record(name, .alternate)
                return try expand(b, argStart, end, &state, whole: whole)
            }
            state.record(name, .unsetEmpty)
            return []
        default:
            throw invalid(whole)
        }
    }
}
