/// The project's own services: HTTP APIs, browser frontends and background workers, built from
/// source or pulled as images ferry does not know, wired to the datastores through their environment.
enum AppParts {
    static func api(_ d: inout ProjectDraft) {
        let name = d.freshName(d.rng.pick(["api", "backend", "server", "app", "web"]))
        let port = d.rng.pick([8000, 8080, 3000, 5000, 4000, 8081])
        var s = source(name, &d)
        s.servedPort = port
        let p = d.ports(for: port)
        (s.ports, s.expose) = (p.ports, p.expose)
        if d.rng.chance(0.3) { s.command = .text(d.rng.pick(["uvicorn main:app --host 0.0.0.0 --port \(port)", "npm start",
                                                             "gunicorn -b 0.0.0.0:\(port) app:app", "bundle exec rails s -b 0.0.0.0"])) }
        wire(&s, &d, datastores: 0...3)
        s.environment.append(("PORT", String(port)))
        secrets(&s, &d)
        if d.rng.chance(0.5) { s.healthcheck = httpHealth(port, &d) }
        s.restart = d.restartPolicy()
        d.services.append(s)
    }

    static func frontend(_ d: inout ProjectDraft) {
        let name = d.freshName(d.rng.pick(["frontend", "web", "ui", "client", "dashboard"]))
        let port = d.rng.pick([3000, 5173, 8080, 4200, 80])
        var s = source(name, &d)
        s.servedPort = port
        let p = d.ports(for: port, publishChance: 0.8)
        (s.ports, s.expose) = (p.ports, p.expose)
        if let api = d.httpApps.first {
            let url = d.rng.chance(0.6) ? "http://localhost:\(api.servedPort ?? 8000)" : "http://\(api.name):\(api.servedPort ?? 8000)"
            let prefix = d.rng.pick(["NEXT_PUBLIC_", "VITE_", "REACT_APP_", "NUXT_PUBLIC_", ""])
            s.environment.append((prefix + "API_URL", url))
            if d.rng.chance(0.4) { s.environment.append(("API_INTERNAL_URL", "http://\(api.name):\(api.servedPort ?? 8000)")) }
            s.dependsOn.append((api.name, nil))
        }
        if d.rng.chance(0.3) { s.environment.append(("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", "pk_test_51Hx")) }
        if d.rng.chance(0.5) { s.environment.append(("NODE_ENV", "production")) }
        if d.rng.chance(0.3) { s.healthcheck = httpHealth(port, &d) }
        s.restart = d.restartPolicy()
        d.services.append(s)
    }

    static func worker(_ d: inout ProjectDraft) {
        let name = d.freshName(d.rng.pick(["worker", "celery", "sidekiq", "jobs", "consumer"]))
        var s = source(name, &d)
        s.command = .text(d.rng.pick(["celery -A app worker -l info", "npm run worker", "bundle exec sidekiq",
                                      "python manage.py rqworker default", "node dist/consumer.js"]))
        wire(&s, &d, datastores: 1...3)
        secrets(&s, &d)
        if d.rng.chance(0.2) { s.healthcheck = .map([("test", .texts(["CMD-SHELL", "celery -A app inspect ping || exit 1"])), ("interval", .text("30s"))]) }
        s.restart = d.restartPolicy()
        d.services.append(s)
    }

    /// `build:` (short or long form, with a Dockerfile written) or an image from a registry ferry does not know.
    static func source(_ name: String, _ d: inout ProjectDraft) -> ServiceSpec {
        var s = ServiceSpec(name)
        switch d.rng.int(0...3) {
        case 0:
            s.build = .text("./\(name)")
            d.files["\(name)/Dockerfile"] = "FROM alpine:3.20\n"
        case 1:
            s.build = .map([("context", .text(".")), ("dockerfile", .text("docker/\(name).Dockerfile"))])
            d.files["docker/\(name).Dockerfile"] = "FROM alpine:3.20\n"
            if d.rng.chance(0.5) { s.image = "acme/\(name):latest" }
        case 2: s.image = d.rng.pick(["ghcr.io/acme/\(name):1.4.2", "registry.example.com/team/\(name):2024.06", "acme/\(name)"])
        default: s.image = "\(d.rng.pick(["node:20-alpine", "python:3.12-slim", "ruby:3.3", "golang:1.22"]))"
        }
        return s
    }

    /// Connection variables for some datastores and other apps, and `depends_on` on them.
    static func wire(_ s: inout ServiceSpec, _ d: inout ProjectDraft, datastores: ClosedRange<Int>) {
        var stores = d.datastoreNames
        let count = min(stores.count, d.rng.int(datastores))
        for _ in 0..<count {
            let i = d.rng.int(0...(stores.count - 1))
            let store = stores.remove(at: i)
            for (k, v) in d.clientEnvironment[store] ?? [] where !s.environment.contains(where: { $0.0 == k }) {
                s.environment.append((k, v))
            }
            let target = d.services.first { $0.name == store }
            let condition: String? = d.rng.chance(0.5) ? nil : (target?.hasHealthcheck == true && d.rng.chance(0.7) ? "service_healthy" : "service_started")
            s.dependsOn.append((store, condition))
        }
        if let other = d.httpApps.filter({ $0.name != s.name }).first, d.rng.chance(0.3) {
            s.environment.append((other.name.uppercased().replacingOccurrences(of: "-", with: "_") + "_URL", "http://\(other.name):\(other.servedPort ?? 80)"))
        }
        if d.rng.chance(0.4) { s.environment.append(("LOG_LEVEL", d.rng.pick(["info", "debug", "warn"]))) }
        if d.rng.chance(0.2) { s.envFile = ".env" }
        s.environmentAsList = d.rng.chance(0.3)
        if s.environmentAsList, s.envFile == nil, d.rng.chance(0.3) {
            // A bare name takes its value from the shell or `.env`.
            d.dotenv.append(("FEATURE_FLAGS", "beta,search"))
            s.environment.append(("FEATURE_FLAGS", "${FEATURE_FLAGS}"))
        }
    }

    static func secrets(_ s: inout ServiceSpec, _ d: inout ProjectDraft) {
        if d.rng.chance(0.6) { s.environment.append((d.rng.pick(["SECRET_KEY", "JWT_SECRET", "SESSION_SECRET", "APP_KEY"]), d.secretReference("APP_SECRET"))) }
        if d.rng.chance(0.3) { s.environment.append(("STRIPE_API_KEY", d.secretReference("STRIPE_API_KEY"))) }
        if d.rng.chance(0.15) { s.environment.append(("SENTRY_DSN", "${SENTRY_DSN:-}")) }
    }

    static func httpHealth(_ port: Int, _ d: inout ProjectDraft) -> YAMLNode {
        let path = d.rng.pick(["/health", "/healthz", "/api/health", "/"])
        let test: YAMLNode = switch d.rng.int(0...2) {
        case 0: .texts(["CMD", "curl", "-f", "http://localhost:\(port)\(path)"])
        case 1: .texts(["CMD-SHELL", "wget -qO- http://localhost:\(port)\(path) || exit 1"])
        default: .text("curl -fsS http://127.0.0.1:\(port)\(path) || exit 1")
        }
        return .map([("test", test), ("interval", .text("15s")), ("timeout", .text("3s")), ("retries", .number(3)),
                     ("start_period", .text("10s"))])
    }
}
