/// What a normalizer needs besides the node: where relative paths start, the
/// environment for bare variables and env files, and the limits.
struct TransformContext {
    var baseDirectory: String
    var home: String?
    var environment: InterpolationEnvironment
    var limits: LoadLimits
    /// Env files parsed once per load (many services often share one).
    let envFiles = EnvFileCache()
}

final class EnvFileCache {
    private var parsed: [String: [DotEnv.Entry]] = [:]

    func entries(_ path: String, context: TransformContext, referencedAt: SourceLocation) throws -> [DotEnv.Entry] {
        if let hit = parsed[path] { return hit }
        let text = try Paths.read(path, limits: context.limits, referencedAt: referencedAt, what: "env file")
        let env = context.environment
        let entries = try DotEnv.parse(text, file: path, lookup: { env.value($0) })
        parsed[path] = entries
        return entries
    }
}

/// Stage 6: one merged service node → `Service`. Each key is handled by its own
/// `*Syntax` normalizer; `x-` keys become extensions; keys of the Compose spec that the
/// model does not carry are kept in `otherKeys` and reported; unknown keys are errors.
enum ServiceTransform {
    static func transform(name: String, node: YAMLNode, declaredAt: SourceLocation, context: TransformContext,
                          diagnostics: inout [Diagnostic]) throws -> Service {
        let path = "services.\(name)"
        var s = Service(name: name)
        s.location = declaredAt
        if node.isNull { return s }
        let entries = try node.asMapping(path)
        Locations.record(node, prefix: "", into: &s.locations, depth: 0)
        for e in entries {
            let key = e.key, v = e.value, p = "\(path).\(key)"
            switch key {
            case "image": s.image = try v.asOptionalString(p)
            case "build": s.build = try BuildSyntax.transform(v, service: name, context: context, diagnostics: &diagnostics)
            case "command", "entrypoint":
                let words = try CommandSyntax.words(v, path: p)
                if key == "command" { s.command = words?.map(\.text) } else { s.entrypoint = words?.map(\.text) }
                for (i, w) in (words ?? []).enumerated() where !w.substitutions.isEmpty { s.wordSubstitutions["\(key)[\(i)]"] = w.substitutions }
            case "environment", "env_file": break   // together below
            case "ports": s.ports = v.isNull ? [] : try PortSyntax.transform(v, service: name)
            case "expose": s.expose = v.isNull ? [] : try ExposeSyntax.transform(v, service: name)
            case "volumes": s.volumes = v.isNull ? [] : try VolumeSyntax.transform(v, service: name, base: context.baseDirectory, home: context.home)
            case "tmpfs": s.tmpfs = v.isNull ? [] : try TmpfsSyntax.transform(v, service: name)
            case "depends_on": s.dependsOn = v.isNull ? [] : try DependsOnSyntax.transform(v, service: name)
            case "links": s.links = v.isNull ? [] : try v.asStringList(p)
            case "healthcheck":
                s.healthcheck = try HealthcheckSyntax.transform(v, service: name)
                for (i, subs) in HealthcheckSyntax.testSubstitutions(v) where !subs.isEmpty { s.wordSubstitutions["healthcheck.test[\(i)]"] = subs }
            case "deploy": s.deploy = try DeploySyntax.transform(v, service: name, diagnostics: &diagnostics)
            case "restart": s.restart = try v.asOptionalString(p)
            case "profiles": s.profiles = v.isNull ? [] : try v.asStringList(p)
            case "labels": s.labels = v.isNull ? [:] : try LabelsSyntax.transform(v, path: p)
            case "networks": s.networks = v.isNull ? [:] : try ServiceNetworksSyntax.transform(v, service: name)
            case "network_mode": s.networkMode = try v.asOptionalString(p)
            case "secrets": s.secrets = v.isNull ? [] : try FileReferenceSyntax.transform(v, path: p)
            case "configs": s.configs = v.isNull ? [] : try FileReferenceSyntax.transform(v, path: p)
            case "user": s.user = try v.asOptionalString(p)
            case "working_dir": s.workingDir = try v.asOptionalString(p)
            case "hostname": s.hostname = try v.asOptionalString(p)
            case "container_name": s.containerName = try v.asOptionalString(p)
            case "privileged": s.privileged = try v.asBool(p)
            case "read_only": s.readOnly = try v.asBool(p)
            case "tty": s.tty = try v.asBool(p)
            case "stdin_open": s.stdinOpen = try v.asBool(p)
            case "init": s.init_ = v.isNull ? nil : try v.asBool(p)
            case "cap_add": s.capAdd = v.isNull ? [] : try v.asStringList(p)
            case "cap_drop": s.capDrop = v.isNull ? [] : try v.asStringList(p)
            case "devices": s.devices = v.isNull ? [] : try devices(v, p)
            case "gpus": s.gpus = try DeviceRequestSyntax.gpus(v, p)
            case "extra_hosts": s.extraHosts = v.isNull ? [] : try extraHosts(v, p)
            case "platform": s.platform = try v.asOptionalString(p)
            case "pull_policy": s.pullPolicy = try v.asOptionalString(p)
            case "stop_grace_period": s.stopGracePeriod = v.isNull ? nil : try Durations.seconds(v, p)
            case "logging": s.logging = v.composeValue
            case "extends": break   // resolved before this stage
            default:
                if key.hasPrefix("x-") {
                    s.extensions[key] = v.composeValue
                } else if ServiceKeys.all.contains(key) {
                    s.otherKeys[key] = v.composeValue
                    diagnostics.append(Diagnostic(.notice, "\(p) is not carried over", at: e.keyLocation, keyPath: p))
                } else {
                    throw ComposeError("\(path): unknown key \"\(key)\"", at: e.keyLocation)
                }
            }
        }
        s.environment = try EnvironmentSyntax.transform(environment: node["environment"], envFile: node["env_file"], service: name, context: context)
        return s
    }

    /// `devices`: `"/dev/x:/dev/y:rwm"` strings, or long `{source, target, permissions}`.
    static func devices(_ node: YAMLNode, _ path: String) throws -> [String] {
        try node.asList(path).enumerated().map { i, item in
            if item.entries != nil {
                let source = try item["source"]?.asString("\(path)[\(i)].source") ?? ""
                let target = try item["target"]?.asOptionalString("\(path)[\(i)].target") ?? source
                let perms = try item["permissions"]?.asOptionalString("\(path)[\(i)].permissions")
                return [source, target, perms].compactMap { $0 }.joined(separator: ":")
            }
            return try item.asString("\(path)[\(i)]")
        }
    }

    /// `extra_hosts`: a list of `host:ip` / `host=ip`, or a mapping; as `host=ip`, sorted.
    static func extraHosts(_ node: YAMLNode, _ path: String) throws -> [String] {
        if let entries = node.entries {
            return try entries.flatMap { e -> [String] in
                try e.value.asStringList("\(path).\(e.key)").map { "\(e.key)=\($0)" }
            }.sorted()
        }
        return try node.asList(path).enumerated().map { i, item in
            let text = try item.asString("\(path)[\(i)]")
            if text.contains("=") { return text }
            guard let colon = text.firstIndex(of: ":") else {
                throw ComposeError("\(path)[\(i)]: expected HOST:IP, found \"\(text)\"", at: item.location)
            }
            return String(text[..<colon]) + "=" + String(text[text.index(after: colon)...])
        }
    }
}

/// Where each key of a service was written: `image`, `environment.JWT_SECRET`,
/// `ports[0]`, `healthcheck.test`, `deploy.resources.limits.memory`. Scalars point at
/// their value, mappings and lists at their key.
enum Locations {
    static func record(_ node: YAMLNode, prefix: String, into locations: inout [String: SourceLocation], depth: Int) {
        guard depth < 4 else { return }
        switch node.kind {
        case .mapping(let entries):
            for e in entries {
                let p = prefix.isEmpty ? e.key : "\(prefix).\(e.key)"
                // A scalar is located at its value; a mapping or list at its key.
                locations[p] = e.value.scalar != nil ? e.value.location : e.keyLocation
                record(e.value, prefix: p, into: &locations, depth: depth + 1)
            }
        case .sequence(let items):
            for (i, item) in items.enumerated() {
                let p = "\(prefix)[\(i)]"
                locations[p] = item.location
                record(item, prefix: p, into: &locations, depth: depth + 1)
            }
        case .scalar:
            break
        }
    }
}

/// Every service key of the Compose Specification (unknown keys are errors, as in Compose).
enum ServiceKeys {
    static let all: Set<String> = [
        "annotations", "attach", "blkio_config", "build", "cgroup", "cgroup_parent", "command", "configs",
        "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime",
        "cpu_shares", "cpus", "cpuset", "credential_spec", "depends_on", "deploy", "develop", "device_cgroup_rules",
        "devices", "dns", "dns_opt", "dns_search", "domainname", "driver_opts", "entrypoint", "env_file", "label_file",
        "environment", "expose", "extends", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck",
        "hostname", "image", "init", "ipc", "isolation", "labels", "links", "logging", "mac_address", "mem_limit",
        "mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode", "networks", "oom_kill_disable",
        "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop", "privileged", "profiles",
        "provider", "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime", "scale", "secrets",
        "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls",
        "tmpfs", "tty", "ulimits", "use_api_socket", "user", "userns_mode", "uts", "volumes", "volumes_from",
        "working_dir", "volume_driver",
    ]
}
