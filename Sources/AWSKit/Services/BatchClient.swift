import Foundation

/// The AWS Batch calls `ferry run` needs (REST-JSON protocol): submit a job, read its state, and find
/// its job definition's log group.
public struct BatchClient: Sendable {
    public var client: AWSClient
    public init(client: AWSClient) { self.client = client }

    func call<Body: Encodable, Output: Decodable>(_ operation: String, path: String, _ body: Body, as: Output.Type) async throws -> Output {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let request = AWSRequest(service: .batch, operation: operation, method: "POST", path: path,
                                 headers: [.init("Content-Type", "application/json")], body: try encoder.encode(body))
        return try JSONProtocol.decode(Output.self, from: try await client.send(request))
    }

    struct ContainerOverrides: Encodable { var command: [String]? }
    struct SubmitJobInput: Encodable {
        var jobName: String
        var jobQueue: String
        var jobDefinition: String
        var containerOverrides: ContainerOverrides?
    }
    struct SubmitJobOutput: Decodable { var jobId: String; var jobArn: String? }

    /// Submits a job; `command` replaces the job definition's command when given. Returns the job id.
    public func submitJob(name: String, queue: String, definition: String, command: [String]?) async throws -> String {
        let input = SubmitJobInput(jobName: name, jobQueue: queue, jobDefinition: definition,
                                   containerOverrides: command.map { ContainerOverrides(command: $0) })
        return try await call("SubmitJob", path: "/v1/submitjob", input, as: SubmitJobOutput.self).jobId
    }

    /// A job's state, as DescribeJobs reports it.
    public struct Job: Sendable, Equatable {
        /// SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED or FAILED.
        public var status: String
        public var statusReason: String?
        public var exitCode: Int?
        public var containerReason: String?
        public var logStreamName: String?
        public var attempts: Int
        public var isFinished: Bool { status == "SUCCEEDED" || status == "FAILED" }
        public init(status: String, statusReason: String? = nil, exitCode: Int? = nil, containerReason: String? = nil,
                    logStreamName: String? = nil, attempts: Int = 0) {
            self.status = status
            self.statusReason = statusReason
            self.exitCode = exitCode
            self.containerReason = containerReason
            self.logStreamName = logStreamName
            self.attempts = attempts
        }
    }

    struct DescribeJobsInput: Encodable { var jobs: [String] }
    struct DescribeJobsOutput: Decodable {
        struct Detail: Decodable {
            struct Container: Decodable { var exitCode: Int?; var reason: String?; var logStreamName: String? }
            struct Attempt: Decodable {}
            var status: String
            var statusReason: String?
            var container: Container?
            var attempts: [Attempt]?
        }
        var jobs: [Detail]?
    }

    public func describeJob(_ id: String) async throws -> Job? {
        let output = try await call("DescribeJobs", path: "/v1/describejobs", DescribeJobsInput(jobs: [id]), as: DescribeJobsOutput.self)
        guard let d = output.jobs?.first else { return nil }
        return Job(status: d.status, statusReason: d.statusReason, exitCode: d.container?.exitCode, containerReason: d.container?.reason,
                   logStreamName: d.container?.logStreamName, attempts: d.attempts?.count ?? 0)
    }

    struct DescribeJobDefinitionsInput: Encodable { var jobDefinitions: [String] }
    struct DescribeJobDefinitionsOutput: Decodable {
        struct Definition: Decodable {
            struct Container: Decodable {
                struct Log: Decodable { var logDriver: String?; var options: [String: String]? }
                var logConfiguration: Log?
                var command: [String]?
            }
            var containerProperties: Container?
        }
        var jobDefinitions: [Definition]?
    }

    /// The awslogs group and the default command of a job definition (ARN or `name:revision`).
    public func jobDefinition(_ definition: String) async throws -> (logGroup: String?, command: [String]?) {
        let output = try await call("DescribeJobDefinitions", path: "/v1/describejobdefinitions",
                                    DescribeJobDefinitionsInput(jobDefinitions: [definition]), as: DescribeJobDefinitionsOutput.self)
        let container = output.jobDefinitions?.first?.containerProperties
        return (container?.logConfiguration?.options?["awslogs-group"], container?.command)
    }
}

extension AWSService {
    public static let batch = AWSService(endpointEnvironmentID: "BATCH", signingName: "batch", endpointPrefix: "batch",
                                         signingOptions: .standard)
}
