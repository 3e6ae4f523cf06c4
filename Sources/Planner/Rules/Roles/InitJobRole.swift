import ComposeKit
import Blueprint

/// One-shot containers. Those that create buckets, tables, queues or topics in a service that
/// becomes managed are `init` (the infrastructure replaces them); migrations and other
/// one-shots are `job` (an ECS task run on each deploy or by hand).
struct InitJobRole: RoleRule {
    let name = "InitJobRole"

    static let setupWords = ["mc mb", "mc alias", "mc anonymous", "mc policy", "s3 mb", "s3api create-bucket", "create-bucket",
                             "createbucket", "create-table", "create_table", "create-queue", "create-topic", "kafka-topics",
                             "rabbitmqadmin declare", "awslocal", "mc admin", "init-buckets", "create-stream"]
    static let migrationWords = ["migrate", "migration", "alembic", "flyway", "liquibase", "prisma", "db:migrate", "knex",
                                 "sequelize", "typeorm", "dbmate", "goose", "atlas", "db:push", "db:setup", "upgrade head", "seed"]

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        let s = f.service
        var evidence: [Evidence] = []
        var why: [String] = []
        var oneShot = EvidenceWeights.Signs()
        if f.restartsNever {
            evidence.append(f.evidence("restart", s.restart ?? s.deploy?.restartPolicy?.condition))
            let text = "restart: \"\(s.restart ?? s.deploy?.restartPolicy?.condition ?? "no")\""
            why.append(text)
            oneShot.add(EvidenceWeights.restartNever, text)
        }
        let waiters = ctx.facts.filter { other in
            other.service.dependsOn.contains { $0.service == s.name && $0.condition == "service_completed_successfully" }
        }
        if let w = waiters.first {
            evidence.append(w.evidence("depends_on.\(s.name)", "service_completed_successfully"))
            why.append("\(w.name) waits for it to complete")
            oneShot.add(EvidenceWeights.awaitedCompletion, "\(w.name) waits for it to complete")
        }
        let server = EvidenceWeights.runsServer(f)
        // `migrate && gunicorn …` migrates then serves: a server, not a migration job.
        let migrates = (Self.migrationWords.contains { f.commandText.contains($0) } && !server) || f.technology?.technology == .migrationTool
        let setup = (Self.setupWords.contains { f.commandText.contains($0) } && !server)
            || f.technology?.technology == .minioClient || f.technology?.technology == .awsCLI
        if setup { oneShot.add(EvidenceWeights.setupCommand, "its command creates resources") }
        else if migrates { oneShot.add(EvidenceWeights.migrationCommand, "runs migrations") }
        let schedule = f.overrides.schedule
        guard oneShot.score > 0 || schedule != nil else { return nil }
        let serving = EvidenceWeights.serving(f, ctx)
        if schedule == nil, oneShot.score <= serving.score {
            ctx.lose(f.name, LostEvidence(rule: name, role: .job, weight: oneShot.score, against: serving.score,
                                          why: oneShot.summary, winner: serving.summary))
            return nil
        }
        if migrates, why.isEmpty { why.append("runs migrations and exposes no port") }
        if setup, why.isEmpty { why.append("its command creates resources") }

        let targets = ctx.graph.callees(of: s.name).filter { ref in
            if case .dependsOn = ref.kind { return true }
            return ref.isNetworkCall
        }.map(\.callee)
        let allReplaced = !targets.isEmpty && targets.allSatisfy { ctx.facts($0).flatMap(DataStoreRules.inferredTarget) != nil }
        if setup && (allReplaced || targets.isEmpty) && schedule == nil {
            let store = targets.first.map { " in \($0)" } ?? ""
            let reason = "one-shot (\(why.joined(separator: "; "))) that sets up resources\(store); the managed service's resources replace it"
            var v = Verdicts.make(.`init`, .none, rule: name, reason: reason, evidence: evidence + [f.evidence(s.entrypoint != nil ? "entrypoint" : "command", nil)],
                                  alternatives: [Alternative(choice: "job", whyNot: "what it creates is declared in the template instead")])
            v.instead = "declared in the template"
            v.weight = oneShot.score
            return v
        }
        if let schedule {
            var v = Verdicts.make(.job, .ecsFargateTask, rule: name, reason: "x-ferry.schedule: runs on a schedule (\(schedule))",
                                  evidence: f.overrides.overrideEvidence("schedule"))
            v.weight = EvidenceWeights.override
            return v
        }
        let reason = migrates ? "one-shot (\(why.joined(separator: "; "))) running migrations: an ECS task run before services update"
            : "one-shot (\(why.joined(separator: "; "))): an ECS task run on deploy or by hand"
        var v = Verdicts.make(.job, .ecsFargateTask, rule: name, reason: reason, evidence: evidence,
                              alternatives: [Alternative(choice: "ecs-fargate", whyNot: "a service would restart it forever")])
        v.weight = oneShot.score
        return v
    }
}
