import AWSKit
import Foundation

/// Where a service's logs are (the awslogs group of its task definition) and reading them.
public struct ServiceLogs: Sendable {
    public var client: AWSClient
    public init(client: AWSClient) { self.client = client }

    /// The log groups of `service` in the stack: from its ECS service's task definition, or, for a
    /// one-off job without a service, the stack's log group named after it.
    public func logGroups(stackName: String, service: String) async throws -> [String] {
        let inventory = try await StackInventory.load(stackName, cloudFormation: CloudFormationClient(client: client))
        if let found = inventory.service(named: service) {
            let ecs = ECSClient(client: client)
            let state = try await ecs.services(cluster: found.cluster, names: [found.name]).first
            if let definition = state?.taskDefinition, !definition.isEmpty {
                let groups = try await ecs.taskDefinition(definition).logGroups.values
                if !groups.isEmpty { return Array(Set(groups)).sorted() }
            }
        }
        let logical = StackInventory.pascal(service) + "LogGroup"
        if let group = inventory.resources(of: "AWS::Logs::LogGroup").first(where: { $0.logicalID == logical }), let name = group.physicalID {
            return [name]
        }
        throw VerifyError.serviceNotFound(service, available: inventory.services.map(\.name).sorted())
    }

    /// `10m`, `2h`, `1d`, `30s` → seconds.
    public static func duration(_ text: String) -> Int? {
        guard let unit = text.last, let value = Int(text.dropLast()), value >= 0 else { return Int(text) }
        switch unit {
        case "s": return value
        case "m": return value * 60
        case "h": return value * 3600
        case "d": return value * 86400
        default: return nil
        }
    }
}
