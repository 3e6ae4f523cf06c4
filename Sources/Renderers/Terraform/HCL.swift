/// A small model of the HCL that ferry writes: blocks with labels, attributes and nested blocks,
/// and values (literals, references, templates, lists, objects, function calls). The Terraform
/// layers build it; `HCLEmitter` writes it as `terraform fmt` would; tests read it back.
public indirect enum HCLValue: Sendable, Equatable {
    case string(String)
    case number(String)
    case bool(Bool)
    /// An expression written as is: `aws_vpc.main.id`, `var.region`, `null`.
    case expression(String)
    /// A quoted template: literal text and `${…}` interpolations.
    case template([HCLTemplatePart])
    case list([HCLValue])
    case object([HCLAttribute])
    /// `name(arguments…)`, e.g. `jsonencode({…})`.
    case call(String, [HCLValue])

    public static func int(_ value: Int) -> HCLValue { .number(String(value)) }
    public static func ref(_ expression: String) -> HCLValue { .expression(expression) }
    public static let null = HCLValue.expression("null")

    /// Integral values as integers, fractions as their shortest decimal text.
    public static func number(_ value: Double) -> HCLValue {
        if value.rounded() == value, abs(value) < 1e15 { return .number(String(Int(value))) }
        return .number(String(value))
    }

    public static func strings(_ values: [String]) -> HCLValue { .list(values.map { .string($0) }) }
}

extension HCLValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
}

public enum HCLTemplatePart: Sendable, Equatable {
    case text(String)
    case interpolation(String)
}

/// `name = value` inside a block body or an object.
public struct HCLAttribute: Sendable, Equatable {
    public var name: String
    public var value: HCLValue
    public init(_ name: String, _ value: HCLValue) {
        self.name = name
        self.value = value
    }
}

/// One item of a block body, in the order written.
public enum HCLItem: Sendable, Equatable {
    case attribute(HCLAttribute)
    case block(HCLBlock)
    case comment(String)
    case blank
}

/// `type "label" "label" { … }`.
public struct HCLBlock: Sendable, Equatable {
    public var type: String
    public var labels: [String]
    public var body: [HCLItem]

    public init(_ type: String, _ labels: [String] = [], _ body: [HCLItem] = []) {
        self.type = type
        self.labels = labels
        self.body = body
    }

    public mutating func set(_ name: String, _ value: HCLValue) { body.append(.attribute(HCLAttribute(name, value))) }
    public mutating func add(_ block: HCLBlock) { body.append(.block(block)) }

    public var attributes: [HCLAttribute] {
        body.compactMap { if case .attribute(let a) = $0 { return a } else { return nil } }
    }
    public var blocks: [HCLBlock] {
        body.compactMap { if case .block(let b) = $0 { return b } else { return nil } }
    }
    public func attribute(_ name: String) -> HCLValue? { attributes.first { $0.name == name }?.value }
}

/// Builds blocks with a result builder-free, dictionary-like syntax: `HCLBlock.make("x", ["a"]) { $0["k"] = v }`.
extension HCLBlock {
    public static func make(_ type: String, _ labels: [String] = [], _ build: (inout HCLBlock) -> Void) -> HCLBlock {
        var block = HCLBlock(type, labels)
        build(&block)
        return block
    }

    /// A nested block `type { … }` built in place.
    public mutating func nested(_ type: String, _ labels: [String] = [], _ build: (inout HCLBlock) -> Void) {
        add(HCLBlock.make(type, labels, build))
    }

    public subscript(name: String) -> HCLValue? {
        get { attribute(name) }
        set {
            body.removeAll { if case .attribute(let a) = $0 { return a.name == name } else { return false } }
            if let newValue { set(name, newValue) }
        }
    }
}

/// One `.tf` file: top-level blocks and comments.
public struct HCLFile: Sendable, Equatable {
    public var path: String
    public var header: [String]
    public var blocks: [HCLBlock]
    public init(path: String, header: [String] = [], blocks: [HCLBlock] = []) {
        self.path = path
        self.header = header
        self.blocks = blocks
    }
}
