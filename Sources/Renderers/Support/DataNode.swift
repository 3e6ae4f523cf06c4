/// A JSON-shaped value tree that every structured renderer (CloudFormation, parameters files, workflows)
/// builds and then hands to `JSONEmitter` or `YAMLEmitter`.
///
/// Objects come in two kinds: `object` is emitted with its keys sorted (the default, so output never
/// depends on dictionary order), `ordered` keeps the order the renderer gave, for the few places where a
/// conventional order reads better (a template's top-level sections, `Type` before `Properties`).
/// Numbers are integers only: CloudFormation and the other formats we emit accept strings where a
/// fraction is needed, and integers have a single spelling, which keeps output byte-stable.
public indirect enum DataNode: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([DataNode])
    case object([String: DataNode])
    case ordered([(String, DataNode)])

    public static func == (lhs: DataNode, rhs: DataNode) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case (.object, .object), (.ordered, .ordered), (.object, .ordered), (.ordered, .object):
            let a = lhs.entries, b = rhs.entries
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The key/value pairs in emission order (sorted for `object`, as given for `ordered`).
    public var entries: [(String, DataNode)] {
        switch self {
        case .object(let dict): return dict.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        case .ordered(let pairs): return pairs
        default: return []
        }
    }

    /// True for an object or array without members (emitted inline as `{}` / `[]`).
    var isEmptyCollection: Bool {
        switch self {
        case .array(let a): return a.isEmpty
        case .object(let o): return o.isEmpty
        case .ordered(let o): return o.isEmpty
        default: return false
        }
    }

    var isCollection: Bool {
        switch self {
        case .array, .object, .ordered: return true
        default: return false
        }
    }
}

extension DataNode: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: DataNode...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, DataNode)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
