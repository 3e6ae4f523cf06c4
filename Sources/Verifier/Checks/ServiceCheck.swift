import AWSKit

/// Each ECS service runs its desired count, and its deployment is not failing; for one that is short,
/// the stopped tasks' reasons say why.
struct ServiceCheck: VerifyCheck {
    func run(_ c: VerifyContext) async -> [VerifyReport.Result] {
        let ecs = ECSClient(client: c.client)
        var results: [VerifyReport.Result] = []
        let byCluster = Dictionary(grouping: c.inventory.services, by: \.cluster)
        for cluster in byCluster.keys.sorted() {
            let names = (byCluster[cluster] ?? []).map(\.name).sorted()
            let states: [ECSClient.ServiceState]
            do { states = try await ecs.services(cluster: cluster, names: names) } catch {
                results.append(c.failure("service", cluster, error)); continue
            }
            for state in states.sorted(by: { $0.name < $1.name }) {
                var detail = "\(state.running)/\(state.desired) running"
                if state.pending > 0 { detail += ", \(state.pending) pending" }
                if let rollout = state.rolloutState { detail += ", deployment \(rollout)" }
                let short = state.running < state.desired || state.rolloutState == "FAILED" || state.status != "ACTIVE"
                if short, let stopped = try? await ecs.stoppedTasks(cluster: cluster, service: state.name), !stopped.isEmpty {
                    let reasons = stopped.prefix(3).map { task in
                        ([task.stoppedReason] + task.containers).filter { !$0.isEmpty }.joined(separator: "; ")
                    }
                    detail += ". Stopped tasks: " + reasons.joined(separator: " | ")
                }
                results.append(c.result("service", state.name, short ? .fail : .pass, detail))
            }
        }
        return results
    }
}
