import Blueprint
import Foundation

/// A CloudFormation template read back from its JSON form, so checks see exactly what would be deployed
/// (whichever renderer produced it, or a hand-written template given to `ferry check --template`).
public struct TemplateDocument: Sendable, Equatable {
    public struct Resource: Sendable, Equatable {
        public var logicalID: String
        public var type: String
        public var properties: TemplateValue
        public var deletionPolicy: String?
        public var updateReplacePolicy: String?
        public var metadata: TemplateValue
    }

    /// Resources sorted by logical ID.
    public var resources: [Resource]
    public var parameters: [String: TemplateValue]
    /// Where the template came from (a path or `generated`), for messages.
    public var origin: String

    public init(json: String, origin: String = "template.json") throws {
        let root: TemplateValue
        do { root = try JSONValue.parse(json) } catch let error as JSONValue.SyntaxError {
            throw PolicyError("\(origin):\(error.line):\(error.column): not a JSON CloudFormation template (expected \(error.expected))")
        }
        guard case .object(let top) = root, case .object(let res)? = top["Resources"] else {
            throw PolicyError("\(origin):1:1: a CloudFormation template needs a Resources map")
        }
        var resources: [Resource] = []
        for (id, value) in res.sorted(by: { $0.key < $1.key }) {
            guard case .object(let r) = value, case .string(let type)? = r["Type"] else {
                throw PolicyError("\(origin):1:1: resource \(id) has no Type")
            }
            resources.append(Resource(logicalID: id, type: type, properties: r["Properties"] ?? .object([:]),
                                      deletionPolicy: r["DeletionPolicy"]?.string,
                                      updateReplacePolicy: r["UpdateReplacePolicy"]?.string,
                                      metadata: r["Metadata"] ?? .object([:])))
        }
        self.resources = resources
        if case .object(let p)? = top["Parameters"] { parameters = p } else { parameters = [:] }
        self.origin = origin
    }

    public func resources(ofType type: String) -> [Resource] { resources.filter { $0.type == type } }

    public func resource(_ logicalID: String) -> Resource? { resources.first { $0.logicalID == logicalID } }

    /// The logical ID a value points at (`{"Ref": X}` or `{"Fn::GetAtt": [X, …]}`), if any.
    public static func referencedID(_ value: TemplateValue?) -> String? {
        guard case .object(let o)? = value else { return nil }
        if let r = o["Ref"]?.string { return r }
        if case .array(let parts)? = o["Fn::GetAtt"], let first = parts.first?.string { return first }
        if let s = o["Fn::GetAtt"]?.string { return s.split(separator: ".").first.map(String.init) }
        return nil
    }
}

/// A policy input failure, `file:line:column: message` when the place is known.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The template's JSON, as Blueprint's `JSONValue` (object keys unordered, arrays in order), with the
/// lookups checks need.
public typealias TemplateValue = JSONValue

extension JSONValue {
    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var array: [TemplateValue] { if case .array(let a) = self { return a }; return [] }
    public var object: [String: TemplateValue] { if case .object(let o) = self { return o }; return [:] }

    /// Booleans as CloudFormation accepts them: `true` or the strings "true"/"false".
    public var bool: Bool? {
        switch self {
        case .bool(let b): return b
        case .string(let s): return s.lowercased() == "true" ? true : (s.lowercased() == "false" ? false : nil)
        default: return nil
        }
    }

    public var number: Double? {
        switch self {
        case .number(let n): return n
        case .string(let s): return Double(s)
        default: return nil
        }
    }

    /// A scalar or a list of scalars as strings (IAM's `Action: "s3:*"` or `Action: ["a", "b"]`).
    /// Intrinsic functions give their own text form so `"*"` is never mistaken for one.
    public var stringList: [String] {
        switch self {
        case .string(let s): return [s]
        case .array(let a): return a.flatMap(\.stringList)
        case .object: return ["<intrinsic>"]
        default: return []
        }
    }

    /// Every string reachable from here (for `Fn::Sub` bodies and joined ARNs).
    public var allStrings: [String] {
        switch self {
        case .string(let s): return [s]
        case .array(let a): return a.flatMap(\.allStrings)
        case .object(let o): return o.keys.sorted().flatMap { o[$0]?.allStrings ?? [] }
        default: return []
        }
    }
}
