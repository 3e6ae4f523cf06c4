import Foundation

/// The CloudFormation values ferry reads, trimmed to the fields it uses.
public enum CloudFormation {
    public struct Stack: Sendable, Equatable, Codable {
        public var name: String
        public var id: String
        public var status: String
        public var statusReason: String?
        public var outputs: [Output]
        /// Names only: values may be secrets (NoEcho) and are never kept.
        public var parameterKeys: [String]
        public var creationTime: Date?
        public var lastUpdatedTime: Date?
        public var description: String?
    }

    public struct Output: Sendable, Equatable, Codable {
        public var key: String
        public var value: String
        public var description: String?
        public var exportName: String?
    }

    public struct Parameter: Sendable, Equatable, Codable {
        public var key: String
        public var value: String?
        public var usePreviousValue: Bool
        public init(key: String, value: String?, usePreviousValue: Bool = false) {
            self.key = key
            self.value = value
            self.usePreviousValue = usePreviousValue
        }
    }

    public struct ChangeSet: Sendable, Equatable {
        public var id: String
        public var stackID: String
        /// CREATE_PENDING, CREATE_IN_PROGRESS, CREATE_COMPLETE, FAILED, …
        public var status: String
        public var statusReason: String?
        /// UNAVAILABLE, AVAILABLE, EXECUTE_IN_PROGRESS, EXECUTE_COMPLETE, EXECUTE_FAILED, OBSOLETE
        public var executionStatus: String?
        public var changes: [ResourceChange]
    }

    public struct ResourceChange: Sendable, Equatable, Codable {
        /// Add, Modify, Remove, Import, Dynamic
        public var action: String
        public var logicalID: String
        public var physicalID: String?
        public var resourceType: String
        /// True, False, Conditional (Modify only).
        public var replacement: String?
        /// Properties, Metadata, Tags, … and the property names that change.
        public var scope: [String]
        public var changedProperties: [String]
        public var requiresRecreation: [String]
    }

    public struct StackEvent: Sendable, Equatable, Codable {
        public var id: String
        public var logicalID: String
        public var physicalID: String?
        public var resourceType: String
        public var status: String
        public var reason: String?
        public var timestamp: Date?
    }

    public struct StackResource: Sendable, Equatable, Codable {
        public var logicalID: String
        public var physicalID: String?
        public var resourceType: String
        public var status: String
        public var reason: String?
    }

    /// Statuses in which nothing more will happen without a new action.
    public static func isTerminal(_ status: String) -> Bool {
        status.hasSuffix("_COMPLETE") || status.hasSuffix("_FAILED")
    }
}
