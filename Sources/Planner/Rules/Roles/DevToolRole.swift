import Blueprint

/// Development-only tooling (admin UIs, mail catchers, notebooks, emulators, local
/// observability stacks, interactive CLIs, services in dev-only profiles) is not deployed.
struct DevToolRole: RoleRule {
    let name = "DevToolRole"
    static let devProfiles: Set<String> = ["dev", "development", "debug", "tools", "tooling", "devtools", "test", "testing", "local",
                                           "simulate", "simulator", "simulation", "mock", "mocks", "admin", "observability",
                                           "monitoring", "profiling", "docs"]

    static let toolWords = ["jupyter", "notebook", "pgadmin", "adminer", "mailhog", "mailpit", "swagger", "filebrowser", "storybook", "phpmyadmin"]
    static let testWords: Set<String> = ["test", "tests", "e2e", "playwright", "cypress", "selenium", "testing", "k6", "locust", "jmeter"]

    func decide(_ f: ServiceFacts, _ ctx: PlanningContext) -> RoleVerdict? {
        if let e = f.technology, [.devtool, .observability, .localstack, .duckdbCLI].contains(e.technology) {
            let note = e.note ?? "development tool"
            var v = Verdicts.make(.devtool, .none, rule: name, reason: "\(f.technologyEvidence.flatMap(\.value).map { "image \($0)" } ?? f.name) is \(e.product): development only — \(note)",
                                  evidence: f.technologyEvidence.map { [$0] } ?? [],
                                  alternatives: [Alternative(choice: "ecs-fargate", whyNot: "not part of the production app; set x-ferry.role to deploy it anyway")])
            v.instead = note
            return v
        }
        // `gcloud beta emulators firestore start`, `firebase emulators:start`: what it runs says what it is.
        if let marker = GoogleCloudUsage.emulatorCommand(f) {
            var v = Verdicts.make(.devtool, .none, rule: name, reason: "runs a Google Cloud emulator (\(marker)): development only",
                                  evidence: [f.evidence(f.service.entrypoint != nil ? "entrypoint" : "command", marker)],
                                  alternatives: [Alternative(choice: "ecs-fargate", whyNot: "an emulator stands in for a managed service; set x-ferry.role to deploy it anyway")])
            v.instead = "the app uses the AWS service that replaces the Google one"
            v.weight = EvidenceWeights.technologyImage
            return v
        }
        if f.isInteractive && f.containerPorts.isEmpty && ctx.graph.callers(of: f.name).isEmpty {
            var v = Verdicts.make(.devtool, .none, rule: name,
                                  reason: "interactive shell (tty and stdin_open, no ports, nothing connects to it): nothing to serve on AWS",
                                  evidence: [f.evidence("tty", "true"), f.evidence("stdin_open", "true")])
            v.instead = "run it locally or as a one-off ECS task (`aws ecs run-task`)"
            v.weight = EvidenceWeights.interactiveShell
            return v
        }
        // Names and profiles only break ties: a service that builds, serves and is called is the app.
        let app = EvidenceWeights.serving(f, ctx, includeBuild: true)
        func hint(_ v: RoleVerdict, _ weight: Int) -> RoleVerdict? {
            var v = v
            v.weight = weight
            guard weight > app.score else {
                ctx.lose(f.name, LostEvidence(rule: name, role: .devtool, weight: weight, against: app.score, why: v.reasons.first ?? name,
                                              winner: app.summary))
                return nil
            }
            return v
        }
        let words = Set(f.name.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).map(String.init))
        let dockerfile = (f.service.build?.dockerfile ?? "").lowercased()
        if let tool = Self.toolWords.first(where: { words.contains($0) || dockerfile.contains($0) }) {
            var v = Verdicts.make(.devtool, .none, rule: name, reason: "\(tool) (by its name or Dockerfile): development only, not deployed",
                                  evidence: [f.evidence(words.contains(tool) ? "" : "build.dockerfile", words.contains(tool) ? f.name : dockerfile)])
            v.instead = "run it locally"
            // Named for the tool and built or run as it (Dockerfile.jupyter, `jupyter lab`): the product itself.
            let corroborated = [words.contains(tool), dockerfile.contains(tool), f.commandText.contains(tool)].filter { $0 }.count >= 2
            return hint(v, corroborated ? EvidenceWeights.technologyHealthcheck : EvidenceWeights.toolName)
        }
        if let w = words.first(where: Self.testWords.contains) {
            var v = Verdicts.make(.devtool, .none, rule: name, reason: "a test runner (\(w)): runs in CI, not in production",
                                  evidence: [f.evidence("", f.name)])
            v.instead = "run it in CI against the deployed URL"
            return hint(v, EvidenceWeights.testName)
        }
        if let p = f.service.profiles.first(where: { Self.devProfiles.contains($0.lowercased()) }) {
            var v = Verdicts.make(.devtool, .none, rule: name, reason: "only in the development profile \"\(p)\"",
                                  evidence: [f.evidence("profiles", p)])
            v.instead = "kept for local use"
            return hint(v, EvidenceWeights.devProfile)
        }
        return nil
    }
}
