import AWSKit
import Foundation

/// A deployed stack as `verify`, `logs` and `rollback` see it: its status, outputs and every
/// resource, nested stacks' resources included.
public struct StackInventory: Sendable {
    public var stack: CloudFormation.Stack
    public var resources: [CloudFormation.StackResource]

    public static func load(_ name: String, cloudFormation: CloudFormationClient) async throws -> StackInventory {
        guard let stack = try await cloudFormation.describeStack(name) else {
            throw VerifyError.stackNotFound(name)
        }
        var resources: [CloudFormation.StackResource] = []
        var queue = [stack.id]
        var seen = Set<String>()
        while let next = queue.first {
            queue.removeFirst()
            guard seen.insert(next).inserted else { continue }
            for resource in try await cloudFormation.listStackResources(next) {
                resources.append(resource)
                if resource.resourceType == "AWS::CloudFormation::Stack", let id = resource.physicalID, !id.isEmpty { queue.append(id) }
            }
        }
        return StackInventory(stack: stack, resources: resources)
    }

    public func resources(of type: String) -> [CloudFormation.StackResource] {
        resources.filter { $0.resourceType == type && !($0.physicalID ?? "").isEmpty }
            .sorted { $0.logicalID < $1.logicalID }
    }

    public func output(_ key: String) -> String? { stack.outputs.first { $0.key == key }?.value }

    /// ECS services as (cluster, service name, logical ID).
    public var services: [(cluster: String, name: String, logicalID: String)] {
        resources(of: "AWS::ECS::Service").compactMap { resource in
            guard let arn = resource.physicalID, let (cluster, service) = ECSClient.clusterAndService(fromServiceARN: arn) else { return nil }
            return (cluster, service, resource.logicalID)
        }
    }

    /// The service a user means by `name`: the compose service name (`web`), the ECS service name, or
    /// the logical ID (`WebService`).
    public func service(named name: String) -> (cluster: String, name: String, logicalID: String)? {
        let pascal = Self.pascal(name)
        return services.first { $0.name == name || $0.logicalID == name || $0.logicalID == pascal + "Service" }
            ?? services.first { $0.name.hasSuffix("-" + name) }
    }

    /// `api-gateway` → `ApiGateway`, as the renderer names logical IDs.
    static func pascal(_ name: String) -> String {
        name.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

public enum VerifyError: Error, Sendable, Equatable, CustomStringConvertible {
    case stackNotFound(String)
    case serviceNotFound(String, available: [String])
    case cannotRollback(String)
    case jobNotFound(String, available: [String])
    case cannotRun(String)

    public var description: String {
        switch self {
        case .stackNotFound(let name): return "stack '\(name)' does not exist (check --stack-name and --region)"
        case .serviceNotFound(let name, let available):
            return "stack has no ECS service '\(name)'" + (available.isEmpty ? " (it has none)" : "; its services: \(available.joined(separator: ", "))")
        case .cannotRollback(let reason), .cannotRun(let reason): return reason
        case .jobNotFound(let name, let available):
            return "stack has no Batch job '\(name)'" + (available.isEmpty ? " (it has none: jobs run on AWS Batch when the plan says `batch`)" : "; its jobs: \(available.joined(separator: ", "))")
        }
    }
}
