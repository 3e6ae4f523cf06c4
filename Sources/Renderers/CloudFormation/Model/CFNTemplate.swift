/// One CloudFormation template. Sections are dictionaries keyed by logical ID; the serializer sorts them,
/// so the order in which a renderer adds things never shows in the output.
public struct CFNTemplate: Sendable, Equatable {
    public var description: String
    public var metadata: [String: CFNValue] = [:]
    public var parameters: [String: CFNParameter] = [:]
    public var conditions: [String: CFNValue] = [:]
    public var resources: [String: CFNResource] = [:]
    public var outputs: [String: CFNOutput] = [:]

    public init(description: String) { self.description = description }

    /// CloudFormation's hard limits (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
    public enum Limits {
        public static let resources = 500
        public static let parameters = 200
        public static let outputs = 200
        /// Template body passed inline (`--template-body`).
        public static let inlineBytes = 51_200
        /// Template uploaded to S3 (`--template-url`, `aws cloudformation package`).
        public static let s3Bytes = 1_000_000
        public static let descriptionBytes = 1_024
    }

    /// Adds a resource; a second resource under the same logical ID is a programming error in a renderer,
    /// reported by `CFNTemplateCheck` rather than silently overwritten.
    public mutating func add(_ logicalID: String, _ resource: CFNResource) {
        if resources[logicalID] != nil { duplicateIDs.append(logicalID) }
        resources[logicalID] = resource
    }

    /// Logical IDs added twice (see `add`).
    public internal(set) var duplicateIDs: [String] = []

    /// The template as a value tree: sections in CloudFormation's conventional order, everything else sorted.
    public var node: DataNode {
        var sections: [(String, DataNode)] = [
            ("AWSTemplateFormatVersion", "2010-09-09"),
            ("Description", .string(description)),
        ]
        if !metadata.isEmpty { sections.append(("Metadata", .object(metadata.mapValues(\.node)))) }
        if !parameters.isEmpty { sections.append(("Parameters", .object(parameters.mapValues(\.node)))) }
        if !conditions.isEmpty { sections.append(("Conditions", .object(conditions.mapValues(\.node)))) }
        sections.append(("Resources", .object(resources.mapValues(\.node))))
        if !outputs.isEmpty { sections.append(("Outputs", .object(outputs.mapValues(\.node)))) }
        return .ordered(sections)
    }

    public func yaml() -> String { YAMLEmitter.emit(node) }
    public func json() -> String { JSONEmitter.emit(node) }
}

public struct CFNParameter: Sendable, Equatable {
    public var type: String
    public var description: String
    public var defaultValue: CFNValue?
    public var allowedValues: [String] = []
    public var allowedPattern: String?
    public var constraintDescription: String?
    public var minLength: Int?
    public var maxLength: Int?
    public var minValue: Int?
    public var maxValue: Int?
    public var noEcho = false

    public init(type: String = "String", description: String, default defaultValue: CFNValue? = nil) {
        self.type = type
        self.description = description
        self.defaultValue = defaultValue
    }

    var node: DataNode {
        var o: [String: DataNode] = ["Type": .string(type), "Description": .string(description)]
        if let defaultValue { o["Default"] = defaultValue.node }
        if !allowedValues.isEmpty { o["AllowedValues"] = .array(allowedValues.map { .string($0) }) }
        if let allowedPattern { o["AllowedPattern"] = .string(allowedPattern) }
        if let constraintDescription { o["ConstraintDescription"] = .string(constraintDescription) }
        if let minLength { o["MinLength"] = .int(minLength) }
        if let maxLength { o["MaxLength"] = .int(maxLength) }
        if let minValue { o["MinValue"] = .int(minValue) }
        if let maxValue { o["MaxValue"] = .int(maxValue) }
        if noEcho { o["NoEcho"] = .bool(true) }
        return .object(o)
    }
}

public struct CFNResource: Sendable, Equatable {
    public var type: String
    public var properties: [String: CFNValue]
    public var dependsOn: [String] = []
    public var condition: String?
    /// `Delete`, `Retain`, `Snapshot` or `RetainExceptOnCreate`.
    public var deletionPolicy: String?
    public var updateReplacePolicy: String?
    public var metadata: [String: CFNValue] = [:]
    /// Which nested stack this resource may move to when the template must be split: resources of one
    /// workload share a group and move together. `nil` keeps the resource in the root stack.
    public var group: String?

    public init(_ type: String, _ properties: [String: CFNValue] = [:], group: String? = nil) {
        self.type = type
        self.properties = properties
        self.group = group
    }

    var node: DataNode {
        var pairs: [(String, DataNode)] = [("Type", .string(type))]
        if let condition { pairs.append(("Condition", .string(condition))) }
        if !dependsOn.isEmpty {
            pairs.append(("DependsOn", .array(Array(Set(dependsOn)).sorted().map { .string($0) })))
        }
        if let deletionPolicy { pairs.append(("DeletionPolicy", .string(deletionPolicy))) }
        if let updateReplacePolicy { pairs.append(("UpdateReplacePolicy", .string(updateReplacePolicy))) }
        if !metadata.isEmpty { pairs.append(("Metadata", .object(metadata.mapValues(\.node)))) }
        if !properties.isEmpty { pairs.append(("Properties", .object(properties.mapValues(\.node)))) }
        return .ordered(pairs)
    }
}

public struct CFNOutput: Sendable, Equatable {
    public var description: String
    public var value: CFNValue
    public var exportName: CFNValue?
    public var condition: String?

    public init(_ description: String, _ value: CFNValue, export exportName: CFNValue? = nil) {
        self.description = description
        self.value = value
        self.exportName = exportName
    }

    var node: DataNode {
        var o: [String: DataNode] = ["Description": .string(description), "Value": value.node]
        if let exportName { o["Export"] = .object(["Name": exportName.node]) }
        if let condition { o["Condition"] = .string(condition) }
        return .object(o)
    }
}
