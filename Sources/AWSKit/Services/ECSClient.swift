import Foundation

/// The two ECS calls that explain a failed service deployment: which tasks stopped, and why.
public struct ECSClient: Sendable {
    public var client: AWSClient
    public init(client: AWSClient) { self.client = client }

    public struct StoppedTask: Sendable, Equatable {
        public var arn: String
        public var stoppedReason: String
        /// "container: reason (exit code N)" for each container that says something.
        public var containers: [String]
    }

    struct ListTasksInput: Encodable { var cluster: String; var serviceName: String?; var desiredStatus = "STOPPED"; var maxResults = 10 }
    struct ListTasksOutput: Decodable { var taskArns: [String]? }
    struct DescribeTasksInput: Encodable { var cluster: String; var tasks: [String] }
    struct DescribeTasksOutput: Decodable {
        struct Task: Decodable {
            struct Container: Decodable { var name: String?; var reason: String?; var exitCode: Int? }
            var taskArn: String?
            var stoppedReason: String?
            var containers: [Container]?
        }
        var tasks: [Task]?
    }

    /// The most recently stopped tasks of a service (ECS keeps them for about an hour).
    public func stoppedTasks(cluster: String, service: String?) async throws -> [StoppedTask] {
        let list = try await client.send(JSONProtocol.request(service: .ecs, version: "1.1",
            targetPrefix: "AmazonEC2ContainerServiceV20141113", operation: "ListTasks",
            body: ListTasksInput(cluster: cluster, serviceName: service)))
        let arns = try JSONProtocol.decode(ListTasksOutput.self, from: list).taskArns ?? []
        guard !arns.isEmpty else { return [] }
        let described = try await client.send(JSONProtocol.request(service: .ecs, version: "1.1",
            targetPrefix: "AmazonEC2ContainerServiceV20141113", operation: "DescribeTasks",
            body: DescribeTasksInput(cluster: cluster, tasks: Array(arns.prefix(5)))))
        return (try JSONProtocol.decode(DescribeTasksOutput.self, from: described).tasks ?? []).map { task in
            StoppedTask(arn: task.taskArn ?? "", stoppedReason: task.stoppedReason ?? "",
                        containers: (task.containers ?? []).compactMap { container in
                            guard container.reason != nil || (container.exitCode ?? 0) != 0 else { return nil }
                            var text = container.name ?? "container"
                            if let reason = container.reason { text += ": \(reason)" }
                            if let code = container.exitCode { text += " (exit code \(code))" }
                            return text
                        })
        }
    }

    /// `arn:aws:ecs:region:account:service/cluster/service` → (cluster, service).
    public static func clusterAndService(fromServiceARN arn: String) -> (cluster: String, service: String)? {
        guard let resource = arn.split(separator: ":").last else { return nil }
        let parts = resource.split(separator: "/")
        guard parts.count == 3, parts[0] == "service" else { return nil }
        return (String(parts[1]), String(parts[2]))
    }
}
