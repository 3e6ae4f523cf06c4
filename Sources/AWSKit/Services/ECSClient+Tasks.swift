import Foundation

/// One-off tasks: register a task definition, run it, follow it to the end, deregister it. What
/// `ferry migrate` uses to restore a dump from inside the stack's VPC.
extension ECSClient {
    public struct ContainerSpec: Sendable, Encodable, Equatable {
        public struct Mount: Sendable, Encodable, Equatable { public var sourceVolume: String; public var containerPath: String }
        public struct Variable: Sendable, Encodable, Equatable { public var name: String; public var value: String }
        public struct Secret: Sendable, Encodable, Equatable { public var name: String; public var valueFrom: String }
        public struct Dependency: Sendable, Encodable, Equatable { public var containerName: String; public var condition: String }
        public struct LogConfiguration: Sendable, Encodable, Equatable { public var logDriver = "awslogs"; public var options: [String: String] }

        public var name: String
        public var image: String
        public var essential: Bool
        /// MiB reserved for the container (the whole task's, for a one-container task).
        public var memory: Int?
        public var entryPoint: [String]?
        public var command: [String]
        public var environment: [Variable]
        public var secrets: [Secret]
        public var mountPoints: [Mount]
        public var dependsOn: [Dependency]?
        public var logConfiguration: LogConfiguration?

        public init(name: String, image: String, essential: Bool, memory: Int? = nil, entryPoint: [String]? = nil, command: [String], environment: [String: String] = [:],
                    secrets: [String: String] = [:], mounts: [String: String] = [:], dependsOn: [String: String]? = nil,
                    logGroup: String? = nil, region: String? = nil, streamPrefix: String = "ferry-migration") {
            self.name = name
            self.image = image
            self.essential = essential
            self.memory = memory
            self.entryPoint = entryPoint
            self.command = command
            self.environment = environment.sorted { $0.key < $1.key }.map { Variable(name: $0.key, value: $0.value) }
            self.secrets = secrets.sorted { $0.key < $1.key }.map { Secret(name: $0.key, valueFrom: $0.value) }
            self.mountPoints = mounts.sorted { $0.key < $1.key }.map { Mount(sourceVolume: $0.key, containerPath: $0.value) }
            self.dependsOn = dependsOn?.sorted { $0.key < $1.key }.map { Dependency(containerName: $0.key, condition: $0.value) }
            if let logGroup, let region {
                logConfiguration = LogConfiguration(options: ["awslogs-group": logGroup, "awslogs-region": region, "awslogs-stream-prefix": streamPrefix])
            }
        }
    }

    struct RegisterInput: Encodable {
        struct Volume: Encodable { var name: String }
        struct Storage: Encodable { var sizeInGiB: Int }
        var family: String
        var networkMode = "awsvpc"
        var requiresCompatibilities = ["FARGATE"]
        var cpu: String
        var memory: String
        var executionRoleArn: String
        var containerDefinitions: [ContainerSpec]
        var volumes: [Volume]
        var ephemeralStorage: Storage?
    }
    struct RegisterOutput: Decodable { struct T: Decodable { var taskDefinitionArn: String? }; var taskDefinition: T? }

    /// Registers a Fargate task definition with task-local volumes; returns its ARN.
    public func registerTaskDefinition(family: String, cpu: Int, memory: Int, executionRoleARN: String, containers: [ContainerSpec],
                                       volumes: [String], ephemeralStorageGiB: Int?) async throws -> String {
        let input = RegisterInput(family: family, cpu: String(cpu), memory: String(memory), executionRoleArn: executionRoleARN,
                                  containerDefinitions: containers, volumes: volumes.map { .init(name: $0) },
                                  ephemeralStorage: ephemeralStorageGiB.map { .init(sizeInGiB: max(21, $0)) })
        let output = try await call("RegisterTaskDefinition", input, as: RegisterOutput.self)
        guard let arn = output.taskDefinition?.taskDefinitionArn else { throw AWSClientError.malformedResponse("RegisterTaskDefinition returned no ARN") }
        return arn
    }

    struct DeregisterInput: Encodable { var taskDefinition: String }
    struct Empty: Decodable {}

    public func deregisterTaskDefinition(_ arn: String) async throws {
        _ = try await call("DeregisterTaskDefinition", DeregisterInput(taskDefinition: arn), as: Empty.self)
    }

    /// Where a task runs: private subnets, security groups, no public address.
    public struct NetworkPlacement: Sendable, Equatable, Codable {
        public var subnets: [String]
        public var securityGroups: [String]
        public init(subnets: [String], securityGroups: [String]) {
            self.subnets = subnets
            self.securityGroups = securityGroups
        }

        /// Reads `awsvpcConfiguration={subnets=[a,b],securityGroups=[sg],assignPublicIp=DISABLED}`, the
        /// `--network-configuration` shorthand a stack output holds.
        public init?(shorthand: String) {
            func list(_ key: String) -> [String] {
                guard let start = shorthand.range(of: key + "=["), let end = shorthand[start.upperBound...].firstIndex(of: "]") else { return [] }
                return shorthand[start.upperBound..<end].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            subnets = list("subnets")
            securityGroups = list("securityGroups")
            if subnets.isEmpty { return nil }
        }
    }

    struct RunInput: Encodable {
        struct Network: Encodable {
            struct VPC: Encodable { var subnets: [String]; var securityGroups: [String]; var assignPublicIp = "DISABLED" }
            var awsvpcConfiguration: VPC
        }
        var cluster: String
        var taskDefinition: String
        var launchType = "FARGATE"
        var count = 1
        var startedBy: String
        var networkConfiguration: Network
    }
    struct RunOutput: Decodable {
        struct T: Decodable { var taskArn: String? }
        struct F: Decodable { var arn: String?; var reason: String?; var detail: String? }
        var tasks: [T]?
        var failures: [F]?
    }

    /// Starts one Fargate task; returns its ARN.
    public func runTask(cluster: String, taskDefinition: String, placement: NetworkPlacement, startedBy: String) async throws -> String {
        let input = RunInput(cluster: cluster, taskDefinition: taskDefinition, startedBy: startedBy,
                             networkConfiguration: .init(awsvpcConfiguration: .init(subnets: placement.subnets, securityGroups: placement.securityGroups)))
        let output = try await call("RunTask", input, as: RunOutput.self)
        if let arn = output.tasks?.first?.taskArn { return arn }
        let why = (output.failures ?? []).map { [$0.reason, $0.detail].compactMap { $0 }.joined(separator: ": ") }.joined(separator: "; ")
        throw AWSClientError.malformedResponse("RunTask started no task" + (why.isEmpty ? "" : ": " + why))
    }

    public struct TaskState: Sendable, Equatable {
        public var arn: String
        public var lastStatus: String
        public var stoppedReason: String?
        /// Container name → exit code, for containers that exited.
        public var exitCodes: [String: Int]
        public var isStopped: Bool { lastStatus == "STOPPED" || lastStatus == "DELETED" }
        /// The task id, the last part of its ARN (log stream names end with it).
        public var id: String { String(arn.split(separator: "/").last ?? "") }
    }

    struct TaskStateInput: Encodable { var cluster: String; var tasks: [String] }
    struct TaskStateOutput: Decodable {
        struct T: Decodable {
            struct C: Decodable { var name: String?; var exitCode: Int? }
            var taskArn: String?; var lastStatus: String?; var stoppedReason: String?; var containers: [C]?
        }
        var tasks: [T]?
    }

    /// The task's state, nil when ECS no longer knows it.
    public func task(cluster: String, arn: String) async throws -> TaskState? {
        let output = try await call("DescribeTasks", TaskStateInput(cluster: cluster, tasks: [arn]), as: TaskStateOutput.self)
        guard let t = output.tasks?.first else { return nil }
        var codes: [String: Int] = [:]
        for c in t.containers ?? [] { if let name = c.name, let code = c.exitCode { codes[name] = code } }
        return TaskState(arn: t.taskArn ?? arn, lastStatus: t.lastStatus ?? "UNKNOWN", stoppedReason: t.stoppedReason, exitCodes: codes)
    }
}
