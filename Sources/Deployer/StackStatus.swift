import AWSKit
import Foundation

/// `ferry status`: where a stack stands, its resources, recent failures and outputs.
public struct StackStatusReport: Sendable, Codable, Equatable {
    public struct Resource: Sendable, Codable, Equatable {
        public var logicalID: String
        public var type: String
        public var status: String
        public var physicalID: String?
        public var reason: String?
    }

    public var stackName: String
    public var stackID: String
    public var status: String
    public var statusReason: String?
    public var lastUpdated: Date?
    public var resources: [Resource]
    public var outputs: [String: String]
    /// Failed events of the latest operation, oldest first.
    public var failures: [DeployResult.Failure]

    public static func load(stack: String, cloudFormation: CloudFormationClient) async throws -> StackStatusReport {
        guard let found = try await cloudFormation.describeStack(stack) else { throw DeployError.stackNotFound(stack) }
        let resources = try await cloudFormation.listStackResources(found.id).map {
            Resource(logicalID: $0.logicalID, type: $0.resourceType, status: $0.status, physicalID: $0.physicalID, reason: $0.reason)
        }.sorted { $0.logicalID < $1.logicalID }
        let events = (try? await cloudFormation.describeStackEvents(found.id, maxPages: 2)) ?? []
        // Failures since the latest stack-level *_IN_PROGRESS event (the start of the last operation).
        let operationStart = events.firstIndex {
            $0.resourceType == "AWS::CloudFormation::Stack" && $0.status.hasSuffix("_IN_PROGRESS") && $0.logicalID == found.name
        } ?? events.count
        let failures = events.prefix(operationStart).filter { $0.status.hasSuffix("_FAILED") && !($0.reason ?? "").isEmpty }
            .reversed().map { DeployResult.Failure(logicalID: $0.logicalID, resourceType: $0.resourceType, status: $0.status, reason: $0.reason ?? "") }
        return StackStatusReport(stackName: found.name, stackID: found.id, status: found.status, statusReason: found.statusReason,
                                 lastUpdated: found.lastUpdatedTime ?? found.creationTime, resources: resources,
                                 outputs: Dictionary(uniqueKeysWithValues: found.outputs.map { ($0.key, $0.value) }),
                                 failures: Array(failures))
    }

    public func render() -> [String] {
        var lines = ["Stack \(stackName): \(status)\(statusReason.map { " (\($0))" } ?? "")"]
        if let lastUpdated { lines.append("Last change: \(ISO8601Format.string(lastUpdated))") }
        if !resources.isEmpty {
            lines.append("Resources (\(resources.count)):")
            let width = min(40, resources.map(\.logicalID.count).max() ?? 0)
            for resource in resources {
                var line = "  \(resource.logicalID.padding(toLength: max(width, resource.logicalID.count), withPad: " ", startingAt: 0))  \(resource.status.padding(toLength: 20, withPad: " ", startingAt: 0)) \(resource.type)"
                if resource.status.hasSuffix("_FAILED"), let reason = resource.reason { line += ": \(reason)" }
                lines.append(line)
            }
        }
        if !failures.isEmpty {
            lines.append("Failures in the latest operation:")
            for failure in failures { lines.append("  ✗ \(failure.logicalID) (\(failure.resourceType)) \(failure.status): \(failure.reason)") }
        }
        if !outputs.isEmpty {
            lines.append("Outputs:")
            for key in outputs.keys.sorted() { lines.append("  \(key) = \(outputs[key] ?? "")") }
        }
        return lines
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}

enum ISO8601Format {
    static func string(_ date: Date) -> String { date.formatted(.iso8601) }
}
