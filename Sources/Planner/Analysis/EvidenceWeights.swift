import Blueprint

/// How much each kind of evidence counts when rules disagree about a service. A decision follows
/// the strongest evidence; the plan shows what lost. Names and restart policies are weak (they
/// only break ties); what a service does (its image, its command, who calls it) is strong.
enum EvidenceWeights {
    // Explicit.
    static let override = 1000
    // What the image is.
    static let technologyImage = 100
    static let devtoolImage = 90
    static let reverseProxy = 80
    static let technologyHealthcheck = 60
    static let staticSite = 85
    static let technologyName = 50
    // Development-only hints.
    static let interactiveShell = 50
    static let devProfile = 40
    static let toolName = 25
    static let testName = 10
    // Runs to completion.
    static let setupCommand = 70
    static let awaitedCompletion = 60
    static let migrationCommand = 50
    static let restartNever = 15
    // Keeps running and serves.
    static let routedByProxy = 40
    static let serverCommand = 40
    static let calledByApps = 30
    static let httpHealthcheck = 25
    static let listens = 20
    static let dependedOn = 15
    static let builds = 15
    static let healthcheck = 10

    /// Commands that start a long-running server or worker.
    static let serverWords = ["gunicorn", "uvicorn", "runserver", "rails s", "rails server", "puma", "npm start", "npm run start",
                              "npm run dev", "yarn start", "pnpm start", "php-fpm", "apache2-foreground", "nginx", "httpd", "java -jar",
                              "flask run", "next start", "hypercorn", "daphne", "waitress", "supervisord", "streamlit", "celery",
                              "sidekiq", "serve", "server", "--port", "listen", "start-foreground", "agent"]

    struct Signs {
        var score = 0
        var signs: [String] = []
        mutating func add(_ weight: Int, _ sign: String) {
            score += weight
            signs.append(sign)
        }
        var summary: String { signs.isEmpty ? "none" : signs.joined(separator: ", ") }
    }

    static func runsServer(_ f: ServiceFacts) -> Bool {
        let text = " " + f.commandText
        return serverWords.contains { text.contains($0) } || WorkerRole.commandWords.contains { text.contains($0) }
    }

    /// Evidence that the service keeps running and serves: a port, a healthcheck, callers, a server command.
    /// `includeBuild` counts building from source (evidence of "the app", not of "long-running").
    static func serving(_ f: ServiceFacts, _ ctx: PlanningContext, includeBuild: Bool = false) -> Signs {
        var s = Signs()
        if includeBuild, f.isBuilt { s.add(builds, "builds from source") }
        if let p = f.containerPorts.first { s.add(listens, "listens on \(p)") }
        if f.healthProbe != nil { s.add(httpHealthcheck, "HTTP healthcheck") }
        else if let hc = f.service.healthcheck, !hc.disable, hc.test.first != "NONE", !hc.test.isEmpty { s.add(healthcheck, "healthcheck") }
        if ctx.proxyRoutes.contains(where: { $0.target == f.name }) { s.add(routedByProxy, "a proxy routes to it") }
        let callers = ctx.appCallers(of: f.name)
        if let c = callers.first { s.add(calledByApps, "\(c.caller) calls it") }
        else if let d = ctx.facts.first(where: { o in o.name != f.name && o.service.dependsOn.contains { $0.service == f.name && $0.condition != "service_completed_successfully" } }) {
            s.add(dependedOn, "\(d.name) depends on it")
        }
        if runsServer(f) { s.add(serverCommand, "runs a server") }
        return s
    }
}
