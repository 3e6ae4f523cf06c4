import AWSKit
import Foundation

/// What `ferry deploy` did, as printed by `--format json`.
public struct DeployResult: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        case created, updated
        case noChanges = "no-changes"
        /// `--no-execute`: the change set waits for review.
        case changeSetReady = "change-set-ready"
        case failed
    }

    public struct Failure: Sendable, Codable, Equatable {
        public var logicalID: String
        public var resourceType: String
        public var status: String
        public var reason: String
    }

    public var stackName: String
    public var stackID: String?
    public var outcome: Outcome
    public var stackStatus: String?
    public var changeSetType: String?
    public var changeSetID: String?
    public var changes: ChangeSummary
    public var outputs: [String: String]
    public var failures: [Failure]
    public var templateURL: String?

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
