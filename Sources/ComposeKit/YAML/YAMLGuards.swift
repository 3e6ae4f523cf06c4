/// Limits that make hostile input fail fast with a clear message instead of exhausting
/// memory, time or the stack. Real Compose files sit far below each of them.
public struct LoadLimits: Sendable, Equatable {
    /// Largest compose or env file read, in bytes.
    public var maxFileBytes: Int
    /// Deepest nesting of mappings and sequences.
    public var maxDepth: Int
    /// Most nodes one document may expand to once aliases are resolved (billion laughs).
    public var maxNodes: Int
    /// Most files one load may read through `include` and `extends`.
    public var maxFiles: Int

    public init(maxFileBytes: Int = 8 << 20, maxDepth: Int = 64, maxNodes: Int = 250_000, maxFiles: Int = 256) {
        self.maxFileBytes = maxFileBytes; self.maxDepth = maxDepth; self.maxNodes = maxNodes; self.maxFiles = maxFiles
    }

    public static let `default` = LoadLimits()
}

/// A scan of the raw text before the YAML parser sees it. The parser builds its tree
/// recursively and hashes mapping keys to find duplicates, so two shapes must be refused
/// up front: nesting deep enough to exhaust the stack, and aliases used as mapping keys
/// (hashing an alias of an expanded alias tree takes exponential time).
enum YAMLPrescan {
    static func check(_ text: String, file: String, maxDepth: Int) throws {
        let bytes = Array(text.utf8)
        var line = 1, column = 1
        var flowDepth = 0
        var atLineStart = true
        var lineIndicatorRun = 0
        var previous: UInt8 = UInt8(ascii: "\n")
        var i = 0
        func fail(_ message: String) -> ComposeError {
            ComposeError(message, at: SourceLocation(file: file, line: line, column: column))
        }
        // Block nesting needs at least one column per level; this bound keeps the parser's
        // recursion shallow while allowing any indentation a person would write.
        let maxIndicatorRun = max(maxDepth * 16, 256)
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\n") {
                line += 1; column = 1; atLineStart = true; lineIndicatorRun = 0; previous = c; i += 1; continue
            }
            if atLineStart {
                if c == UInt8(ascii: " ") || c == UInt8(ascii: "-") || c == UInt8(ascii: "?") || c == UInt8(ascii: ":") || c == UInt8(ascii: "\t") {
                    lineIndicatorRun += 1
                    if lineIndicatorRun > maxIndicatorRun { throw fail("nesting is too deep (more than \(maxIndicatorRun) leading indentation characters)") }
                } else {
                    atLineStart = false
                }
            }
            let tokenStart = previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") || previous == UInt8(ascii: "\n")
                || previous == UInt8(ascii: "[") || previous == UInt8(ascii: "{") || previous == UInt8(ascii: ",")
                || previous == UInt8(ascii: "-") || previous == UInt8(ascii: ":") || previous == UInt8(ascii: "?")
            switch c {
            case UInt8(ascii: "#") where tokenStart:
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "\"") where tokenStart:
                i += 1; column += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1; column += 1 }
                    if i < bytes.count, bytes[i] == UInt8(ascii: "\n") { line += 1; column = 0 }
                    i += 1; column += 1
                }
            case UInt8(ascii: "'") where tokenStart:
                i += 1; column += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "'") {
                    if bytes[i] == UInt8(ascii: "\n") { line += 1; column = 0 }
                    i += 1; column += 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                if flowDepth > maxDepth { throw fail("nesting is too deep (more than \(maxDepth) levels)") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flowDepth = max(0, flowDepth - 1)
            case UInt8(ascii: "?") where atLineStart || structuralStart(bytes, before: i):
                // Explicit (complex) keys: Compose keys are plain strings.
                let next = i + 1 < bytes.count ? bytes[i + 1] : UInt8(ascii: "\n")
                if next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") {
                    throw fail("explicit mapping keys (?) are not supported: keys must be plain strings")
                }
            case UInt8(ascii: "*") where tokenStart:
                // An alias must not become a mapping key, alone or inside a collection key.
                // The scanner makes a line's leading token a key when a `:` follows on that
                // line (`*a: v`, `*a b: v`, `[*a x: v]`, `{[*a]: v}`), so refuse any `:`
                // after a named alias on its line, before a comment.
                var j = i + 1
                while j < bytes.count, !isAliasTerminator(bytes[j]) { j += 1 }
                var previousByte = bytes[j - 1]
                // `*` without a name (a shell glob in a script) is no alias.
                while j > i + 1, j < bytes.count {
                    let b = bytes[j]
                    if b == UInt8(ascii: "\n") { break }
                    if b == UInt8(ascii: "#"), previousByte == UInt8(ascii: " ") || previousByte == UInt8(ascii: "\t") { break }
                    if b == UInt8(ascii: ":") { throw fail("an alias cannot be used as a mapping key") }
                    previousByte = b
                    j += 1
                }
                if previous == UInt8(ascii: "?") || (i >= 2 && bytes[i - 1] == UInt8(ascii: " ") && bytes[i - 2] == UInt8(ascii: "?")) {
                    throw fail("an alias cannot be used as a mapping key")
                }
            default:
                break
            }
            previous = i < bytes.count ? bytes[i] : c
            i += 1; column += 1
        }
    }

    /// Whether the last non-blank byte before `i` on its line opens or separates flow entries.
    private static func structuralStart(_ bytes: [UInt8], before i: Int) -> Bool {
        var k = i - 1
        while k >= 0, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t") { k -= 1 }
        guard k >= 0 else { return true }
        return bytes[k] == UInt8(ascii: "[") || bytes[k] == UInt8(ascii: "{") || bytes[k] == UInt8(ascii: ",")
    }

    /// libyaml's anchor names are letters, digits, `-` and `_`.
    private static func isAliasTerminator(_ c: UInt8) -> Bool {
        !((c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_"))
    }
}
