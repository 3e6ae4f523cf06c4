import Blueprint

/// Services with no inbound traffic: no port at all, or named/run as a queue worker,
/// scheduler or consumer (a port then only serves a health endpoint).
struct WorkerRole: RoleRule {
    let name = "WorkerRole"
    static let nameWords: Set<String> = ["worker", "workers", "consumer", "consumers", "queue", "jobs", "processor", "scheduler",
                                         "cron", "beat", "celery", "sidekiq", "listener", "subscriber", "dispatcher", "poller", "daemon"]
    static let commandWords = ["celery", " worker", "worker.", "sidekiq", "rq worker", "rqworker", "queue:work", "horizon", "dramatiq",
                               "huey", "arq ", "faktory", "consumer", "beat", "scheduler", "bullmq"]

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        if f.containerPorts.isEmpty {
            return Verdicts.make(.worker, .ecsFargate, rule: name, reason: "no port, exposed or published: no inbound traffic",
                                 evidence: [f.evidence("ports", nil)])
        }
        let words = Set(f.name.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).map(String.init))
        if let w = words.first(where: Self.nameWords.contains) {
            return Verdicts.make(.worker, .ecsFargate, rule: name,
                                 reason: "named as a \(w) and nothing calls it: no inbound traffic (port \(f.containerPorts[0]) only serves its health check)",
                                 evidence: [f.evidence("", f.name)],
                                 alternatives: [Alternative(choice: "web", whyNot: "no browser, proxy or service reaches it")])
        }
        if let w = Self.commandWords.first(where: { (" " + f.commandText).contains($0) }) {
            return Verdicts.make(.worker, .ecsFargate, rule: name,
                                 reason: "runs a background worker (\(w.trimmingCharacters(in: .whitespaces))) and nothing calls it",
                                 evidence: [f.evidence("command", nil)])
        }
        return nil
    }
}
