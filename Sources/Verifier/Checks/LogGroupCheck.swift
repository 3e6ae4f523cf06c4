import AWSKit
import Foundation

/// The log groups of running services have received events. A group no running task writes to (a
/// one-off job not run yet, a service at 0 tasks) only warns when empty.
struct LogGroupCheck: VerifyCheck {
    func run(_ c: VerifyContext) async -> [VerifyReport.Result] {
        let logs = CloudWatchLogsClient(client: c.client)
        let running = await Self.groupsOfRunningServices(c)
        var results: [VerifyReport.Result] = []
        for group in c.inventory.resources(of: "AWS::Logs::LogGroup") {
            guard let name = group.physicalID else { continue }
            do {
                if let last = try await logs.lastEventTime(logGroup: name) {
                    results.append(c.result("logs", name, .pass, "last event \(Self.format(last))"))
                } else if running.contains(name) {
                    results.append(c.result("logs", name, .fail, "no events yet, although its service should be running: its containers have not started or do not log"))
                } else {
                    results.append(c.result("logs", name, .warn, "no events yet (no running service writes to it)"))
                }
            } catch {
                results.append(c.failure("logs", name, error))
            }
        }
        return results
    }

    /// Log groups of the services whose desired count is above zero.
    static func groupsOfRunningServices(_ c: VerifyContext) async -> Set<String> {
        let ecs = ECSClient(client: c.client)
        var out = Set<String>()
        for (cluster, services) in Dictionary(grouping: c.inventory.services, by: \.cluster) {
            guard let states = try? await ecs.services(cluster: cluster, names: services.map(\.name)) else { continue }
            for state in states where state.desired > 0 && !state.taskDefinition.isEmpty {
                if let definition = try? await ecs.taskDefinition(state.taskDefinition) { out.formUnion(definition.logGroups.values) }
            }
        }
        return out
    }

    static func format(_ milliseconds: Double) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: milliseconds / 1000))
    }
}
