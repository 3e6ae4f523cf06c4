import Foundation

/// Service state and task definitions: what `verify`, `logs` and `rollback` read.
extension ECSClient {
    static let target = "AmazonEC2ContainerServiceV20141113"

    func call<Body: Encodable, Output: Decodable>(_ operation: String, _ body: Body, as: Output.Type) async throws -> Output {
        let response = try await client.send(JSONProtocol.request(service: .ecs, version: "1.1", targetPrefix: Self.target,
                                                                  operation: operation, body: body))
        return try JSONProtocol.decode(Output.self, from: response)
    }

    public struct ServiceState: Sendable, Equatable {
        public var arn: String
        public var name: String
        public var status: String
        public var desired: Int
        public var running: Int
        public var pending: Int
        public var taskDefinition: String
        /// The primary deployment's rollout state (COMPLETED, IN_PROGRESS, FAILED) when ECS reports one.
        public var rolloutState: String?
    }

    struct DescribeServicesInput: Encodable { var cluster: String; var services: [String] }
    struct DescribeServicesOutput: Decodable {
        struct S: Decodable {
            struct D: Decodable { var status: String?; var rolloutState: String? }
            var serviceArn: String?; var serviceName: String?; var status: String?
            var desiredCount: Int?; var runningCount: Int?; var pendingCount: Int?; var taskDefinition: String?
            var deployments: [D]?
        }
        var services: [S]?
    }

    public func services(cluster: String, names: [String]) async throws -> [ServiceState] {
        var out: [ServiceState] = []
        var start = 0
        while start < names.count {
            let batch = Array(names[start..<min(names.count, start + 10)])
            start += batch.count
            let output = try await call("DescribeServices", DescribeServicesInput(cluster: cluster, services: batch), as: DescribeServicesOutput.self)
            out += (output.services ?? []).map { s in
                ServiceState(arn: s.serviceArn ?? "", name: s.serviceName ?? "", status: s.status ?? "", desired: s.desiredCount ?? 0,
                             running: s.runningCount ?? 0, pending: s.pendingCount ?? 0, taskDefinition: s.taskDefinition ?? "",
                             rolloutState: s.deployments?.first { $0.status == "PRIMARY" }?.rolloutState)
            }
        }
        return out
    }

    public struct TaskDefinition: Sendable, Equatable {
        public var arn: String
        public var family: String
        public var revision: Int
        /// Container name → image.
        public var images: [String: String]
        /// Container name → awslogs group.
        public var logGroups: [String: String]
    }

    struct DescribeTaskDefinitionInput: Encodable { var taskDefinition: String }
    struct DescribeTaskDefinitionOutput: Decodable {
        struct T: Decodable {
            struct C: Decodable {
                struct L: Decodable { var logDriver: String?; var options: [String: String]? }
                var name: String?; var image: String?; var logConfiguration: L?
            }
            var taskDefinitionArn: String?; var family: String?; var revision: Int?; var containerDefinitions: [C]?
        }
        var taskDefinition: T?
    }

    public func taskDefinition(_ id: String) async throws -> TaskDefinition {
        let output = try await call("DescribeTaskDefinition", DescribeTaskDefinitionInput(taskDefinition: id), as: DescribeTaskDefinitionOutput.self)
        let t = output.taskDefinition
        var images: [String: String] = [:], logs: [String: String] = [:]
        for c in t?.containerDefinitions ?? [] {
            let name = c.name ?? ""
            if let image = c.image { images[name] = image }
            if c.logConfiguration?.logDriver == "awslogs", let group = c.logConfiguration?.options?["awslogs-group"] { logs[name] = group }
        }
        return TaskDefinition(arn: t?.taskDefinitionArn ?? id, family: t?.family ?? "", revision: t?.revision ?? 0, images: images, logGroups: logs)
    }

    struct ListTaskDefinitionsInput: Encodable { var familyPrefix: String; var status: String; var sort = "DESC"; var maxResults = 100 }
    struct ListTaskDefinitionsOutput: Decodable { var taskDefinitionArns: [String]? }

    /// The family's revisions, newest first, inactive ones included: CloudFormation deregisters the
    /// revision it replaces, and a deregistered revision can still run.
    public func taskDefinitionRevisions(family: String) async throws -> [String] {
        var arns: [String] = []
        for status in ["ACTIVE", "INACTIVE"] {
            arns += try await call("ListTaskDefinitions", ListTaskDefinitionsInput(familyPrefix: family, status: status),
                                   as: ListTaskDefinitionsOutput.self).taskDefinitionArns ?? []
        }
        return Set(arns).sorted { Self.revision(of: $0) > Self.revision(of: $1) }
    }

    /// `…:task-definition/family:7` → 7.
    public static func revision(of arn: String) -> Int { Int(arn.split(separator: ":").last ?? "") ?? 0 }
}
