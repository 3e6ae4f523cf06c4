import Foundation
import ComposeKit
import Blueprint

/// Builds a Fargate workload for every deployed service: image or build + ECR repository,
/// size, capacity and scaling, ports, health check, classified environment, roles and logs.
enum WorkloadBuilder {
    static func run(_ ctx: PlanningContext) {
        RoutePlanner.run(ctx)
        for f in ctx.facts {
            guard let v = ctx.verdicts[f.name] else { continue }
            guard [.web, .internal, .worker, .job].contains(v.role) else {
                ctx.serviceEnv[f.name] = EnvClassifier.notDeployed(f, v, ctx)
                continue
            }
            build(f, v, ctx)
        }
        if !ctx.blueprint.workloads.isEmpty {
            var cluster = ClusterSpec(name: ctx.prefix, containerInsights: ctx.defaults.containerInsights,
                                      spotForWorkers: ctx.defaults.spotForWorkers)
            cluster.existingClusterName = ctx.overrides.existingCluster
            ctx.blueprint.cluster = cluster
        }
    }

    private static func build(_ f: ServiceFacts, _ v: RoleVerdict, _ ctx: PlanningContext) {
        let s = f.service
        let short = f.shortName
        var decisions = v.decisions

        // Image.
        var image: ImageSource
        if let b = s.build {
            let repo = "\(ctx.slug)/\(short)"
            let context = relative(b.context, to: ctx.project.workingDirectory)
            image = ImageSource(build: BuildRecipe(context: context, dockerfile: b.dockerfile, target: b.target,
                                                   args: b.args.keys.sorted(), platform: b.platforms.first ?? s.platform),
                                repository: repo, tagParameter: LogicalIDs.pascal(short) + "ImageTag")
            ctx.blueprint.repositories.append(ImageRepository(name: repo, workload: f.name))
            decisions.append(Decision(topic: "image", choice: "ecr:\(repo)", reason: "built from \(context): pushed to its own ECR repository (scan on push, keep the last 10 images)",
                                      evidence: [f.evidence("build", context)], rule: "WorkloadBuilder"))
        } else {
            image = ImageSource(image: s.image ?? "")
            decisions.append(Decision(topic: "image", choice: s.image ?? "", reason: "registry image used as is", evidence: [f.evidence("image", s.image)], rule: "WorkloadBuilder"))
            if s.image == nil {
                ctx.addFinding(Finding(id: "FERRY-PLAN-NO-IMAGE", severity: .error, message: "\(f.name) has neither image nor build",
                                       subject: "services.\(f.name)", fix: "add an image or a build section"), waiverFor: f.name)
            }
        }
        image.pullCredentialsSecret = f.overrides.pullCredentials

        // Ports: drop development-only and UDP ports.
        var ports: [ContainerPort] = []
        // The port the load balancer or the healthcheck uses is the app's, whatever the port table says.
        let servingPort = ctx.routes[f.name]?.port ?? f.overrides.port ?? f.healthProbe?.port
        for p in f.containerPorts {
            if p != servingPort, DevPorts.reason(port: p, f) != nil { continue }
            ports.append(ContainerPort(port: p, appProtocol: HTTPPorts.likelyHTTP(p) ? "http" : nil))
        }
        if v.role == .worker, f.healthProbe == nil, ctx.discoveryNames[f.name] == nil { ports = [] }
        if let primary = ctx.routes[f.name]?.port ?? f.httpPort, let i = ports.firstIndex(where: { $0.port == primary }), i > 0 {
            ports.insert(ports.remove(at: i), at: 0)
        }

        // Size, capacity, scaling.
        let (size, sizeDecision) = TaskSizing.size(f, v, ctx)
        decisions.append(sizeDecision)
        let (capacity, scaling, capDecisions) = TaskSizing.capacity(f, v, ctx)
        decisions += capDecisions

        // Environment.
        var env = EnvClassifier.classify(f, ctx)
        for ref in s.secrets {
            let secretName = ctx.secret(forEnv: ref.source.uppercased(), value: "file:\(ref.source)", service: f.name,
                                        description: "compose secret \(ref.source) (supply its content before the first deploy)",
                                        generation: .provided, decisions: [])
            let envName = Naming.fromEnv(ref.target.map { ($0 as NSString).lastPathComponent } ?? ref.source).uppercased().replacingOccurrences(of: "-", with: "_")
            if !env.contains(where: { $0.name == envName }) {
                env.append(EnvVar(name: envName, disposition: .secret, value: .secret(name: secretName, key: nil),
                                  reason: "compose secret \(ref.source): ECS injects secrets as environment variables, not files (/run/secrets/\(ref.target ?? ref.source))",
                                  evidence: [f.evidence("secrets", ref.source)], rule: "SecretEnvVar"))
            }
        }
        env.sort { $0.name < $1.name }

        // Health check, command and entrypoint: secrets in them are read from the environment.
        var rewrite = CommandSecrets(f, environment: env, ctx)
        var health: ContainerHealthCheck?
        if let hc = s.healthcheck, !hc.disable, let first = hc.test.first, first != "NONE" {
            let test = first == "CMD" || first == "CMD-SHELL" ? hc.test : ["CMD-SHELL", hc.test.joined(separator: " ")]
            let cmd = rewrite.healthCheck(test)
            if !containsSecret(cmd.joined(separator: " "), f, ctx) {
                health = ContainerHealthCheck(command: cmd, interval: clamp(hc.interval, 5, 300, 30), timeout: clamp(hc.timeout, 2, 60, 5),
                                              retries: min(max(hc.retries ?? 3, 1), 10), startPeriod: clamp(hc.startPeriod, 0, 300, 0))
            }
        }
        var (entrypoint, command) = rewrite.commandLine(entrypoint: s.entrypoint, command: s.command)
        env = rewrite.environment.sorted { $0.name < $1.name }
        if !rewrite.rewrittenKeys.isEmpty {
            let keys = rewrite.rewrittenKeys.joined(separator: ", ")
            decisions.append(Decision(topic: "command", choice: "secrets from the environment",
                                      reason: "the \(keys) of \(f.name) used secrets or connection strings: rewritten to read them from environment variables the task gets from Secrets Manager",
                                      evidence: [Evidence(path: "services.\(f.name).\(rewrite.rewrittenKeys[0])")], rule: "CommandSecrets"))
        }
        // Whatever is left (a secret in a form the rewrite cannot see) is not copied.
        if let c = command, containsSecret(c.joined(separator: " "), f, ctx) {
            command = nil
            ctx.addFinding(Finding(id: "FERRY-PLAN-SECRET-IN-COMMAND", severity: .error,
                                   message: "the command of \(f.name) contains a secret value: not copied to the task definition",
                                   subject: "services.\(f.name).command", fix: "read the secret from an environment variable in the command (\"$VAR\")"), waiverFor: f.name)
        }
        if let e = entrypoint, containsSecret(e.joined(separator: " "), f, ctx) {
            entrypoint = nil
            ctx.addFinding(Finding(id: "FERRY-PLAN-SECRET-IN-COMMAND", severity: .error,
                                   message: "the entrypoint of \(f.name) contains a secret value: not copied to the task definition",
                                   subject: "services.\(f.name).entrypoint", fix: "read the secret from an environment variable"), waiverFor: f.name)
        }

        let scratch = s.volumes.enumerated().compactMap { i, m -> ScratchVolume? in
            guard m.type == .volume || m.type == .tmpfs else { return nil }
            return ScratchVolume(name: Naming.kebab(m.source ?? "scratch-\(i)"), containerPath: m.target, readOnly: m.readOnly)
        } + s.tmpfs.enumerated().map { i, t in ScratchVolume(name: "tmpfs-\(i)", containerPath: String(t.split(separator: ":").first ?? Substring(t))) }

        let logGroupName = "/\(ctx.slug)/\(ctx.environment)/\(short)"
        ctx.blueprint.logGroups.append(LogGroup(name: short, logGroupName: logGroupName,
                                                retentionDays: ctx.overrides.logRetentionDays ?? ctx.defaults.logRetentionDays, workload: f.name))
        let deployedDeps = s.dependsOn.map(\.service).filter { ctx.isDeployedApp($0) && ctx.facts($0) != nil }.sorted()
        var w = Workload(name: f.name, shortName: short, role: v.role, target: v.target, image: image, size: size, capacity: capacity,
                         scaling: scaling, ports: ports, healthCheck: health, environment: env, command: command, entrypoint: entrypoint,
                         workingDirectory: s.workingDir, user: s.user,
                         stopTimeout: s.stopGracePeriod.map { min(max(Int($0), 2), 120) }, readonlyRootFilesystem: s.readOnly,
                         taskRole: "\(short)-task", executionRole: "execution", logGroup: short, securityGroup: "svc-\(short)",
                         schedule: f.overrides.schedule, isPublic: v.isPublic && v.role == .web,
                         discoveryName: ctx.discoveryNames[f.name], dependsOn: deployedDeps, scratchVolumes: scratch, decisions: decisions)
        if let mn = f.overrides.minPercent { w.deployment.minimumHealthyPercent = max(0, min(mn, 100)) }
        if let mx = f.overrides.maxPercent { w.deployment.maximumPercent = max(100, min(mx, 200)) }
        if v.role == .job { w.capacity = Capacity(desired: 0, minimum: 0, maximum: 0) }
        ctx.blueprint.workloads.append(w)
        ctx.elements[f.name] = "workloads.\(f.name)"
    }

    /// Whether `text` contains the value of a secret-looking variable of the service, or a part a
    /// secret variable put into one of its words.
    private static func containsSecret(_ text: String, _ f: ServiceFacts, _ ctx: PlanningContext) -> Bool {
        let inWords = f.service.wordSubstitutions.keys.sorted().contains { key in
            guard let word = word(key, f.service) else { return false }
            return SecretTaint.secretParts(word, f.service.wordSubstitutions[key] ?? []).contains { $0.utf8.count >= 4 && text.contains($0) }
        }
        let open = ctx.openValues
        return inWords || f.service.environment.contains { e in
            guard let v = e.value, v.count >= 6, !open.contains(v) else { return false }
            return text.contains(v) && (SecretSignals.nameLooksSecret(e.name) || SecretSignals.valueLooksSecret(v))
        }
    }

    /// The word a `command[2]`-style key names.
    private static func word(_ key: String, _ s: Service) -> String? {
        guard let open = key.lastIndex(of: "["), let i = Int(key[key.index(after: open)...].dropLast()) else { return nil }
        let words: [String]?
        switch key[..<open] {
        case "command": words = s.command
        case "entrypoint": words = s.entrypoint
        case "healthcheck.test": words = s.healthcheck?.test
        default: words = nil
        }
        guard let words, i < words.count else { return nil }
        return words[i]
    }

    private static func clamp(_ v: Double?, _ lo: Int, _ hi: Int, _ dflt: Int) -> Int {
        guard let v, v.isFinite else { return dflt }
        return min(max(Int(v.rounded()), lo), hi)
    }

    static func relative(_ path: String, to base: String) -> String {
        if path.contains("://") || path.hasPrefix("git@") { return path }
        let b = base.hasSuffix("/") ? base : base + "/"
        if path == base { return "." }
        if path.hasPrefix(b) { return String(path.dropFirst(b.count)) }
        // Outside the project directory: count the levels up.
        let pc = path.split(separator: "/")
        let bc = base.split(separator: "/")
        var i = 0
        while i < pc.count, i < bc.count, pc[i] == bc[i] { i += 1 }
        let ups = Array(repeating: "..", count: bc.count - i)
        let rest = pc.dropFirst(i).map(String.init)
        let joined = (ups + rest).joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }
}

/// Ports that only serve development (notebooks, debuggers, live reload).
enum DevPorts {
    /// A well-known debugger port is taken for one only with corroboration: the command starts the
    /// debugger, or the service listens on another port too (n8n serves its app on 5678).
    static func reason(port: Int, _ f: ServiceFacts) -> String? {
        if port == f.overrides.port || port == f.healthProbe?.port { return nil }
        let corroborated = { (words: [String]) in f.containerPorts.count > 1 || words.contains { f.commandText.contains($0) } }
        if port == 8888 && (f.commandText.contains("jupyter") || f.commandText.contains("notebook")) {
            return f.commandText.contains("jupyter") ? "Jupyter Lab (the command starts `jupyter lab --port=8888`): development only" : "port 8888 is Jupyter's: development only"
        }
        switch port {
        case 9229...9230 where corroborated(["--inspect", "inspect"]): return "Node.js inspector: debugging only"
        case 5678 where corroborated(["debugpy", "ptvsd"]): return "debugpy: debugging only"
        case 35729: return "live reload: development only"
        case 24678: return "Vite HMR: development only"
        case 4040 where f.commandText.contains("ngrok"): return "ngrok inspector: development only"
        default: return nil
        }
    }
}

/// CloudFormation-friendly names.
enum LogicalIDs {
    /// `svc-auth` → `SvcAuth`.
    static func pascal(_ s: String) -> String {
        s.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
