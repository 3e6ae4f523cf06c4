import Foundation
import Yams

/// A CloudFormation template read just enough to reason about it: its resources' types and
/// deletion/replacement policies, and its size against the inline limit. JSON or YAML (CloudFormation
/// short-form tags such as `!Ref` are read as plain values, which is all this needs).
public struct TemplateDocument: Sendable {
    public struct Resource: Sendable, Equatable {
        public var logicalID: String
        public var type: String
        public var deletionPolicy: String
        public var updateReplacePolicy: String
    }

    /// CloudFormation's limit for `TemplateBody`; larger templates go through S3.
    public static let inlineLimit = 51_200

    public let text: String
    public let resources: [String: Resource]
    /// Declared parameter names, and which of them have a Default.
    public let parameterNames: [String]
    public let parametersWithDefault: Set<String>
    /// Each parameter's Description, AllowedPattern and ConstraintDescription, where declared.
    public let parameterDescriptions: [String: String]
    public let parameterPatterns: [String: String]
    public let parameterConstraints: [String: String]

    public var byteCount: Int { text.utf8.count }
    public var needsUpload: Bool { byteCount > Self.inlineLimit }

    public init(text: String, path: String = "template") throws {
        self.text = text
        let root: Any?
        do {
            root = try Yams.load(yaml: Self.stripTags(text))
        } catch let error as YamlError {
            throw DeployError.badInput("\(path): \(Self.describe(error))")
        }
        guard let document = root as? [String: Any] else {
            throw DeployError.badInput("\(path):1:1: a CloudFormation template must be a mapping with a Resources section")
        }
        guard let resources = document["Resources"] as? [String: Any], !resources.isEmpty else {
            throw DeployError.badInput("\(path):1:1: the template has no Resources")
        }
        var parsed: [String: Resource] = [:]
        for (id, value) in resources {
            let body = value as? [String: Any] ?? [:]
            let type = body["Type"] as? String ?? ""
            let properties = body["Properties"] as? [String: Any] ?? [:]
            let deletion = body["DeletionPolicy"] as? String ?? DataStores.defaultDeletionPolicy(type: type, properties: properties)
            let replace = body["UpdateReplacePolicy"] as? String ?? "Delete"
            parsed[id] = Resource(logicalID: id, type: type, deletionPolicy: deletion, updateReplacePolicy: replace)
        }
        self.resources = parsed
        let parameters = document["Parameters"] as? [String: Any] ?? [:]
        parameterNames = parameters.keys.sorted()
        parametersWithDefault = Set(parameters.compactMap { key, value in
            (value as? [String: Any])?["Default"] != nil ? key : nil
        })
        func field(_ name: String) -> [String: String] {
            parameters.reduce(into: [:]) { out, entry in
                if let text = (entry.value as? [String: Any])?[name] as? String { out[entry.key] = text }
            }
        }
        parameterDescriptions = field("Description")
        parameterPatterns = field("AllowedPattern")
        parameterConstraints = field("ConstraintDescription")
    }

    /// `!Ref X` → `X`, `!Sub …` → `…`: Yams would otherwise reject unknown tags.
    static func stripTags(_ text: String) -> String {
        text.replacingOccurrences(of: #"!(Ref|Sub|GetAtt|Join|Select|Split|If|Equals|Not|And|Or|FindInMap|GetAZs|ImportValue|Base64|Cidr|Condition|Transform|ToJsonString|Length)\b"#,
                                  with: "", options: .regularExpression)
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            return "\(mark.line):\(mark.column): \(problem)\(context.map { " (\($0.text))" } ?? "")"
        default:
            return "\(error)"
        }
    }
}
