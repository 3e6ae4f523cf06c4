import ArgumentParser
import AWSKit
import Foundation
import Verifier

struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print a deployed service's logs from CloudWatch Logs.",
        discussion: "The service's log group is found from the stack (its task definition's awslogs group). --follow keeps printing new events until Ctrl-C.")

    @ParentCommand var root: Ferry
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions

    @Argument(help: "The compose service (e.g. web), or its ECS service name.")
    var service: String

    @Flag(help: "Keep printing new events.")
    var follow = false

    @Option(help: "How far back to start: 30s, 10m, 2h, 1d.")
    var since = "10m"

    @Option(help: "Seconds between polls with --follow.")
    var interval = 2

    func validate() throws {
        guard ServiceLogs.duration(since) != nil else { throw ValidationError("--since takes a duration such as 30s, 10m, 2h or 1d") }
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
    }

    func run() async throws {
        do {
            let name = try stack.resolve(project: root.project)
            let client = try aws.client()
            let groups = try await ServiceLogs(client: client).logGroups(stackName: name, service: service)
            let logs = CloudWatchLogsClient(client: client)
            let from = Int64((Date().timeIntervalSince1970 - Double(ServiceLogs.duration(since) ?? 600)) * 1000)
            let follow = follow, interval = interval
            try await Interrupts.run {
                var start = from
                var printed = Set<String>()
                repeat {
                    var newest = start
                    for group in groups {
                        for event in try await logs.events(logGroup: group, since: start) where printed.insert(event.id).inserted {
                            let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: event.timestamp / 1000))
                            print("\(time) \(groups.count > 1 ? group + " " : "")\(event.stream)  \(event.message)")
                            newest = max(newest, Int64(event.timestamp))
                        }
                    }
                    start = newest  // events at the same millisecond are told apart by id
                    if follow { try await Task.sleep(for: .seconds(interval)) }
                } while follow
            }
        } catch is CancellationError {
            return
        } catch {
            throw CommandErrors.exit(for: error)
        }
    }
}
