/// A YAML value after interpolation, with its source position. Used for `x-` extension
/// fields (`x-ferry`, `x-aws-*`) and for keys ComposeKit keeps but does not model.
/// Mapping entries keep document order.
public indirect enum ComposeValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case sequence([ComposeValue])
    case mapping([(key: String, value: ComposeValue)])

    public static func == (lhs: ComposeValue, rhs: ComposeValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.sequence(a), .sequence(b)): return a == b
        case let (.mapping(a), .mapping(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case let .bool(v): hasher.combine(v)
        case let .int(v): hasher.combine(v)
        case let .double(v): hasher.combine(v)
        case let .string(v): hasher.combine(v)
        case let .sequence(v): hasher.combine(v)
        case let .mapping(v): for (k, x) in v { hasher.combine(k); hasher.combine(x) }
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([ComposeValue].self) { self = .sequence(a) }
        else {
            let m = try c.decode([String: ComposeValue].self)
            self = .mapping(m.keys.sorted().map { ($0, m[$0]!) })
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(v): try c.encode(v)
        case let .int(v): try c.encode(v)
        case let .double(v): try c.encode(v)
        case let .string(v): try c.encode(v)
        case let .sequence(v): try c.encode(v)
        case let .mapping(v): try c.encode(Dictionary(v.map { ($0.key, $0.value) }, uniquingKeysWith: { _, b in b }))
        }
    }

    /// The value at `key` when this is a mapping.
    public subscript(key: String) -> ComposeValue? {
        guard case let .mapping(entries) = self else { return nil }
        return entries.last(where: { $0.key == key })?.value
    }

    /// Scalars as text (`8080`, `true`, `web`); nil for null, sequences and mappings.
    public var scalarText: String? {
        switch self {
        case let .string(s): return s
        case let .int(i): return String(i)
        case let .double(d): return String(d)
        case let .bool(b): return b ? "true" : "false"
        default: return nil
        }
    }
}
