import AWSKit
import Foundation

/// `ferry run JOB`: submits one of the stack's Batch jobs to its queue, then follows it, printing each
/// state change and the job's log lines until it succeeds or fails.
public struct JobRun: Sendable {
    public var client: AWSClient
    public var pollInterval: Duration
    public init(client: AWSClient, pollInterval: Duration = .seconds(5)) {
        self.client = client
        self.pollInterval = pollInterval
    }

    /// The job queue and job definition of `job` (the compose name, `app-training`, or the logical ID).
    public struct Target: Sendable, Equatable {
        public var name: String
        public var queue: String
        public var definition: String
    }

    public static func target(_ job: String, in inventory: StackInventory) throws -> Target {
        let definitions = inventory.resources(of: "AWS::Batch::JobDefinition")
        let names = definitions.map { String($0.logicalID.dropLast("JobDefinition".count)) }
        let wanted = StackInventory.pascal(job) + "JobDefinition"
        guard let definition = definitions.first(where: { $0.logicalID == wanted || $0.logicalID == job }), let arn = definition.physicalID,
              let queue = inventory.resources(of: "AWS::Batch::JobQueue").first?.physicalID else {
            throw VerifyError.jobNotFound(job, available: names.map(Self.kebab))
        }
        return Target(name: job, queue: queue, definition: arn)
    }

    /// `AppTraining` → `app-training`, as the compose service was named (near enough to find it again).
    static func kebab(_ pascal: String) -> String {
        var out = ""
        for ch in pascal {
            if ch.isUppercase, !out.isEmpty { out += "-" }
            out += ch.lowercased()
        }
        return out
    }

    /// A Batch job name: letters, digits, `-` and `_`, at most 128.
    public static func jobName(_ job: String, at date: Date) -> String {
        let safe = String(job.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }.prefix(100))
        return "\(safe)-\(Int(date.timeIntervalSince1970))"
    }

    public enum Event: Sendable, Equatable {
        case submitted(id: String, queue: String)
        case status(String, reason: String?)
        case log(String)
    }

    /// Submits and, when `follow`, waits for the end; returns the job's last state.
    public func run(_ target: Target, command: [String]?, follow: Bool, now: Date = Date(),
                    report: @Sendable (Event) -> Void) async throws -> BatchClient.Job {
        let batch = BatchClient(client: client)
        let (logGroup, defaultCommand) = try await batch.jobDefinition(target.definition)
        if (command ?? []).isEmpty, (defaultCommand ?? []).isEmpty {
            throw VerifyError.cannotRun("\(target.name) has no command: give one after --, e.g. ferry run \(target.name) -- python train.py")
        }
        let id = try await batch.submitJob(name: Self.jobName(target.name, at: now), queue: target.queue, definition: target.definition,
                                           command: (command ?? []).isEmpty ? nil : command)
        report(.submitted(id: id, queue: target.queue))
        guard follow else { return BatchClient.Job(status: "SUBMITTED") }
        let logs = CloudWatchLogsClient(client: client)
        let start = Int64(now.timeIntervalSince1970 * 1000) - 60_000
        var lastStatus = ""
        var printed = Set<String>()
        while true {
            guard let job = try await batch.describeJob(id) else { throw VerifyError.cannotRun("Batch does not know the job \(id)") }
            if job.status != lastStatus {
                report(.status(job.status, reason: job.statusReason))
                lastStatus = job.status
            }
            if let group = logGroup, let stream = job.logStreamName {
                for event in try await logs.events(logGroup: group, since: start) where event.stream == stream && printed.insert(event.id).inserted {
                    report(.log(event.message))
                }
            }
            if job.isFinished { return job }
            try await Task.sleep(for: pollInterval)
        }
    }
}
