/// The loader's own YAML tree: aliases already expanded, merge keys (`<<`) applied,
/// every node with the place it was written. Scalars remember their type as YAML
/// resolved it (a quoted `"8080"` stays a string) and, after interpolation, the
/// template they came from.
struct YAMLNode: Sendable {
    enum Kind: Sendable {
        case scalar(Scalar)
        case sequence([YAMLNode])
        case mapping([Entry])
    }

    /// A Compose override tag on the node (`!reset`, `!override`).
    enum OverrideTag: Sendable { case reset, override }

    var kind: Kind
    var location: SourceLocation
    var overrideTag: OverrideTag?

    struct Entry: Sendable {
        var key: String
        var keyLocation: SourceLocation
        var value: YAMLNode
    }

    init(_ kind: Kind, at location: SourceLocation, overrideTag: OverrideTag? = nil) {
        self.kind = kind; self.location = location; self.overrideTag = overrideTag
    }
}

/// A scalar's text plus what YAML made of it.
struct Scalar: Sendable {
    enum Resolved: Sendable, Equatable { case string, int, double, bool, null }
    var text: String
    var resolved: Resolved
    /// The text before interpolation, when it contained `$`.
    var template: String?
    var references: [VariableReference] = []
    /// Which parts of `text` interpolation produced (see `Substitution`).
    var substitutions: [Substitution] = []

    init(_ text: String, _ resolved: Resolved = .string, template: String? = nil, references: [VariableReference] = []) {
        self.text = text; self.resolved = resolved; self.template = template; self.references = references
    }
}

extension YAMLNode {
    static func string(_ s: String, at location: SourceLocation) -> YAMLNode {
        YAMLNode(.scalar(Scalar(s)), at: location)
    }

    var scalar: Scalar? { if case let .scalar(s) = kind { return s }; return nil }
    var entries: [Entry]? { if case let .mapping(e) = kind { return e }; return nil }
    var items: [YAMLNode]? { if case let .sequence(i) = kind { return i }; return nil }

    var isNull: Bool { if case let .scalar(s) = kind { return s.resolved == .null }; return false }

    /// Scalar text; nil for null, sequences and mappings.
    var text: String? {
        guard case let .scalar(s) = kind, s.resolved != .null else { return nil }
        return s.text
    }

    /// The value at `key` in a mapping (the last one wins, as after a merge).
    subscript(key: String) -> YAMLNode? {
        guard case let .mapping(entries) = kind else { return nil }
        return entries.last(where: { $0.key == key })?.value
    }

    func entry(_ key: String) -> Entry? {
        guard case let .mapping(entries) = kind else { return nil }
        return entries.last(where: { $0.key == key })
    }

    /// Sets or appends `key` in a mapping; no effect on other kinds.
    mutating func set(_ key: String, _ value: YAMLNode, keyLocation: SourceLocation? = nil) {
        guard case var .mapping(entries) = kind else { return }
        if let i = entries.lastIndex(where: { $0.key == key }) {
            entries[i].value = value
        } else {
            entries.append(Entry(key: key, keyLocation: keyLocation ?? value.location, value: value))
        }
        kind = .mapping(entries)
    }

    mutating func remove(_ key: String) {
        guard case let .mapping(entries) = kind else { return }
        kind = .mapping(entries.filter { $0.key != key })
    }

    /// A short name of the node's kind for error messages.
    var kindName: String {
        switch kind {
        case .scalar(let s):
            switch s.resolved {
            case .string: return "a string"
            case .int: return "an integer"
            case .double: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            }
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// Converts to the public value type (mapping order kept).
    var composeValue: ComposeValue {
        switch kind {
        case .scalar(let s):
            switch s.resolved {
            case .null: return .null
            case .bool: return .bool(Self.parseBool(s.text) ?? false)
            case .int: return Self.parseInt(s.text).map { .int($0) } ?? .string(s.text)
            case .double: return Double(s.text).map { .double($0) } ?? .string(s.text)
            case .string: return .string(s.text)
            }
        case .sequence(let items): return .sequence(items.map(\.composeValue))
        case .mapping(let entries): return .mapping(entries.map { ($0.key, $0.value.composeValue) })
        }
    }

    static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    static func parseInt(_ text: String) -> Int? {
        var t = Substring(text)
        var negative = false
        if t.first == "-" || t.first == "+" { negative = t.first == "-"; t = t.dropFirst() }
        let value: Int?
        if t.hasPrefix("0x") { value = Int(t.dropFirst(2), radix: 16) }
        else if t.hasPrefix("0o") { value = Int(t.dropFirst(2), radix: 8) }
        else { value = Int(t, radix: 10) }
        return value.map { negative ? -$0 : $0 }
    }
}
