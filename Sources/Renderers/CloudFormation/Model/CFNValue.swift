/// A CloudFormation property value: literals, lists, maps and the intrinsic functions ferry uses.
///
/// Typed intrinsics (instead of raw `{"Ref": …}` maps) let the template be checked before it is written
/// (every `Ref`, `GetAtt`, `${…}` and condition must name something that exists) and let the nested-stack
/// splitter rewrite references that cross a stack boundary.
public indirect enum CFNValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([CFNValue])
    case map([String: CFNValue])
    /// `Ref` to a parameter, a resource or a pseudo parameter (`AWS::Region`, …).
    case ref(String)
    /// `Fn::GetAtt` on a resource attribute (`Outputs.X` for a nested stack).
    case getAtt(String, String)
    /// `Fn::Sub` with an optional variable map; `${Name}` / `${Name.Attr}` refer to the template.
    case sub(String, [String: CFNValue])
    case join(String, [CFNValue])
    case select(Int, CFNValue)
    /// `Fn::GetAZs`; an empty region string means the stack's region.
    case getAZs(String)
    case cidr(CFNValue, Int, Int)
    /// `Fn::If` with a condition name.
    case `if`(String, CFNValue, CFNValue)
    case equals(CFNValue, CFNValue)
    case not(CFNValue)
    case and([CFNValue])
    case or([CFNValue])
    /// A reference to a condition inside a condition expression.
    case condition(String)
    case split(String, CFNValue)
    /// `Fn::Base64` (EC2 user data).
    case base64(CFNValue)
    /// `AWS::NoValue`: the property is left out (used under `Fn::If`).
    case noValue

    /// The pseudo parameters CloudFormation defines; a `Ref` to these needs no declaration.
    public static let pseudoParameters: Set<String> = [
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    ]

    public static let stackName = CFNValue.ref("AWS::StackName")
    public static let region = CFNValue.ref("AWS::Region")
    public static let accountID = CFNValue.ref("AWS::AccountId")
    public static let partition = CFNValue.ref("AWS::Partition")

    /// The intrinsic-function form CloudFormation reads.
    public var node: DataNode {
        switch self {
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .bool(let b): return .bool(b)
        case .list(let items): return .array(items.map(\.node))
        case .map(let m): return .object(m.mapValues(\.node))
        case .ref(let name): return .object(["Ref": .string(name)])
        case .getAtt(let resource, let attribute):
            return .object(["Fn::GetAtt": .array([.string(resource), .string(attribute)])])
        case .sub(let text, let vars):
            if vars.isEmpty { return .object(["Fn::Sub": .string(text)]) }
            return .object(["Fn::Sub": .array([.string(text), .object(vars.mapValues(\.node))])])
        case .join(let separator, let items):
            return .object(["Fn::Join": .array([.string(separator), .array(items.map(\.node))])])
        case .select(let index, let list):
            return .object(["Fn::Select": .array([.int(index), list.node])])
        case .getAZs(let region): return .object(["Fn::GetAZs": .string(region)])
        case .cidr(let block, let count, let bits):
            return .object(["Fn::Cidr": .array([block.node, .int(count), .int(bits)])])
        case .if(let condition, let then, let otherwise):
            return .object(["Fn::If": .array([.string(condition), then.node, otherwise.node])])
        case .equals(let a, let b): return .object(["Fn::Equals": .array([a.node, b.node])])
        case .not(let a): return .object(["Fn::Not": .array([a.node])])
        case .and(let items): return .object(["Fn::And": .array(items.map(\.node))])
        case .or(let items): return .object(["Fn::Or": .array(items.map(\.node))])
        case .condition(let name): return .object(["Condition": .string(name)])
        case .split(let separator, let text):
            return .object(["Fn::Split": .array([.string(separator), text.node])])
        case .noValue: return .object(["Ref": .string("AWS::NoValue")])
        case .base64(let v): return .object(["Fn::Base64": v.node])
        }
    }

    /// Rebuilds the value bottom-up, letting `transform` replace any node (children first).
    func rewritten(_ transform: (CFNValue) -> CFNValue) -> CFNValue {
        let inner: CFNValue
        switch self {
        case .string, .int, .bool, .ref, .getAtt, .getAZs, .condition, .noValue: inner = self
        case .list(let items): inner = .list(items.map { $0.rewritten(transform) })
        case .and(let items): inner = .and(items.map { $0.rewritten(transform) })
        case .or(let items): inner = .or(items.map { $0.rewritten(transform) })
        case .map(let m): inner = .map(m.mapValues { $0.rewritten(transform) })
        case .sub(let text, let vars): inner = .sub(text, vars.mapValues { $0.rewritten(transform) })
        case .join(let sep, let items): inner = .join(sep, items.map { $0.rewritten(transform) })
        case .select(let i, let v): inner = .select(i, v.rewritten(transform))
        case .not(let v): inner = .not(v.rewritten(transform))
        case .split(let sep, let v): inner = .split(sep, v.rewritten(transform))
        case .base64(let v): inner = .base64(v.rewritten(transform))
        case .cidr(let v, let c, let b): inner = .cidr(v.rewritten(transform), c, b)
        case .if(let c, let a, let b): inner = .if(c, a.rewritten(transform), b.rewritten(transform))
        case .equals(let a, let b): inner = .equals(a.rewritten(transform), b.rewritten(transform))
        }
        return transform(inner)
    }
}

extension CFNValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: CFNValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, CFNValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
