import ComposeKit
import Blueprint

/// A service's `x-ferry` block, parsed. Every field is optional: absent means "infer".
/// Documented key by key in docs/OVERRIDES.md.
struct ServiceOverrides {
    var role: ServiceRole?
    var target: DeploymentTarget?
    var isPublic: Bool?
    var paths: [String] = []
    var hosts: [String] = []
    var port: Int?
    var healthPath: String?
    var cpu: Int?
    var memory: Int?
    var desired: Int?
    var minimum: Int?
    var maximum: Int?
    var scalingTarget: Double?
    var scalingMetric: ScalingPolicy.Metric?
    var schedule: String?
    var skip = false
    var name: String?
    var env: [String: EnvDisposition] = [:]
    var engine: String?
    var engineVersion: String?
    var instanceClass: String?
    var storageGB: Int?
    /// `credentials: managed | generated` (relational stores).
    var credentials: StoreCredentials?
    var tables: [TableOverride] = []
    var bucketName: String?
    /// `x-ferry.auth`: `cognito` (default) or `firebase`/`external` to keep a hosted identity provider.
    var auth: String?
    var bucketVersioning: Bool?
    var lifecycleDays: Int?
    var expireDays: Int?
    var corsOrigins: [String] = []
    var topics: [String] = []
    var waivers: [String: String] = [:]
    /// `x-aws-*` (Docker's retired ECS integration).
    var awsRoleStatements: [PolicyStatement] = []
    var awsPolicies: [String] = []
    var pullCredentials: String?
    var minPercent: Int?
    var maxPercent: Int?
    var protocolName: String?
    /// `volumes: ephemeral`: named volumes stay task storage instead of EFS.
    var ephemeralVolumes = false
    /// `directories: s3 | skip`, or per host directory (`directories: {./data: s3, ./logs: skip}`):
    /// whether a bind-mounted data directory becomes an S3 bucket. Keys are as written.
    var directories: [String: String] = [:]
    var allDirectories: String?
    /// `training: false` drops the training job ferry adds beside a notebook service;
    /// `training: {command, cpu (vCPUs), memory (MiB), gpus}` shapes it.
    var training: TrainingOverride?

    struct TrainingOverride {
        var enabled = true
        var command: [String]?
        var vcpus: Int?
        var memory: Int?
        var gpus: Int?
    }
    /// Keys read, with their positions, for evidence.
    var evidence: [String: Evidence] = [:]
    /// Keys not understood (reported as findings).
    var unknownKeys: [String] = []

    struct TableOverride {
        var name: String?
        var partitionKey: KeyAttribute
        var sortKey: KeyAttribute?
        var ttl: String?
    }

    func overrideEvidence(_ key: String) -> [Evidence] { evidence[key].map { [$0] } ?? [] }
}

enum OverrideParser {
    static let knownServiceKeys: Set<String> = Set([
        "role", "target", "public", "path", "paths", "host", "hosts", "port", "health", "healthpath", "healthcheckpath",
        "cpu", "memory", "replicas", "desired", "count", "scaling", "autoscaling", "min", "max", "schedule", "skip",
        "name", "env", "environment", "engine", "version", "engineversion", "instanceclass", "instance", "instancetype", "storage", "credentials",
        "table", "tables", "partitionkey", "sortkey", "ttl", "bucket", "versioning", "lifecycle", "expire", "expiredays",
        "cors", "topics", "waive", "domain", "certificate", "volumes", "directories", "training", "auth",
    ].map(ExtensionReader.normalize))

    static func parse(service: Service) -> ServiceOverrides {
        var o = ServiceOverrides()
        let base = "services.\(service.name)"
        if let x = service.extensions["x-ferry"] {
            parseFerry(ExtensionReader(x, path: "\(base).x-ferry"), into: &o, service: service)
        }
        parseDockerECS(service: service, into: &o)
        return o
    }

    private static func note(_ o: inout ServiceOverrides, _ key: String, _ r: ExtensionReader, _ service: Service) {
        o.evidence[key] = Evidence(path: r.path, value: r.string ?? (r.isMapping ? "{…}" : nil),
                                   position: service.locations[String(r.path.dropFirst("services.\(service.name).".count))].map(SourcePosition.init))
    }

    private static func parseFerry(_ x: ExtensionReader, into o: inout ServiceOverrides, service s: Service) {
        if let b = x.bool, x.string != nil, !x.isMapping {
            // `x-ferry: false` means skip.
            o.skip = !b
            return
        }
        for (key, _) in x.entries where !knownServiceKeys.contains(ExtensionReader.normalize(key)) {
            o.unknownKeys.append("\(x.path).\(key)")
        }
        if let r = x.child("role"), let v = r.string {
            o.role = ServiceRole(rawValue: v.lowercased()); note(&o, "role", r, s)
            if o.role == nil { o.unknownKeys.append("\(r.path)=\(v)") }
        }
        if let r = x.child("target"), let v = r.string {
            o.target = DeploymentTarget(rawValue: v.lowercased()); note(&o, "target", r, s)
            if o.target == nil { o.unknownKeys.append("\(r.path)=\(v)") }
        }
        if let r = x.child("public"), let v = r.bool { o.isPublic = v; note(&o, "public", r, s) }
        if let r = x.child("path", "paths") {
            o.paths = r.strings.map { $0.hasPrefix("/") ? $0 : "/" + $0 }; note(&o, "path", r, s)
        }
        if let r = x.child("host", "hosts", "domain") { o.hosts = r.strings; note(&o, "host", r, s) }
        if let r = x.child("port"), let v = r.int, (1...65535).contains(v) { o.port = v; note(&o, "port", r, s) }
        if let r = x.child("health", "healthpath", "healthcheckpath"), let v = r.string {
            o.healthPath = v.hasPrefix("/") ? v : "/" + v; note(&o, "health", r, s)
        }
        if let r = x.child("cpu"), let v = r.string.flatMap(parseCPUUnits), v > 0 { o.cpu = v; note(&o, "cpu", r, s) }
        if let r = x.child("memory"), let v = r.string.flatMap(parseMemoryMiB), v > 0 { o.memory = v; note(&o, "memory", r, s) }
        if let r = x.child("replicas", "desired", "count"), let v = r.int, v >= 0 { o.desired = v; note(&o, "replicas", r, s) }
        if let r = x.child("min"), let v = r.int, v >= 0 { o.minimum = v; note(&o, "scaling", r, s) }
        if let r = x.child("max"), let v = r.int, v >= 0 { o.maximum = v; note(&o, "scaling", r, s) }
        if let sc = x.child("scaling", "autoscaling") {
            note(&o, "scaling", sc, s)
            if sc.bool == false { o.maximum = o.minimum ?? o.desired ?? 1 }
            if let v = sc.child("min")?.int, v >= 0 { o.minimum = v }
            if let v = sc.child("max")?.int, v >= 0 { o.maximum = v }
            if let v = sc.child("desired", "replicas")?.int, v >= 0 { o.desired = v }
            for (name, metric) in [("cpu", ScalingPolicy.Metric.cpu), ("memory", .memory), ("requests", .requests)] {
                if let v = sc.child(name)?.double, v > 0 { o.scalingMetric = metric; o.scalingTarget = v }
            }
            if let v = sc.child("target")?.double, v > 0 { o.scalingTarget = v }
            if let m = sc.child("metric")?.string.flatMap({ ScalingPolicy.Metric(rawValue: $0.lowercased()) }) { o.scalingMetric = m }
        }
        if let r = x.child("schedule"), let v = r.string { o.schedule = v; note(&o, "schedule", r, s) }
        if let r = x.child("skip"), let v = r.bool { o.skip = v; note(&o, "skip", r, s) }
        if let r = x.child("name"), let v = r.string { o.name = v; note(&o, "name", r, s) }
        if let r = x.child("env", "environment") {
            for (name, d) in r.entries {
                if let text = d.string?.lowercased(), let disp = EnvDisposition(rawValue: text == "remove" ? "removed" : text) {
                    o.env[name] = disp
                    o.evidence["env.\(name)"] = Evidence(path: d.path, value: text)
                } else {
                    o.unknownKeys.append(d.path)
                }
            }
        }
        if let r = x.child("engine"), let v = r.string { o.engine = v.lowercased(); note(&o, "engine", r, s) }
        if let r = x.child("version", "engineversion"), let v = r.string { o.engineVersion = v; note(&o, "version", r, s) }
        if let r = x.child("instanceclass", "instance", "instancetype"), let v = r.string { o.instanceClass = v; note(&o, "instance", r, s) }
        if let r = x.child("storage"), let v = r.int, v > 0 { o.storageGB = v; note(&o, "storage", r, s) }
        if let r = x.child("auth"), let v = r.string { o.auth = v.lowercased(); note(&o, "auth", r, s) }
        if let r = x.child("credentials") {
            switch r.string?.lowercased() {
            case "managed"?, "rds-managed"?, "service"?: o.credentials = .service; note(&o, "credentials", r, s)
            case "generated"?, "template"?: o.credentials = .template; note(&o, "credentials", r, s)
            default: o.unknownKeys.append(r.path)
            }
        }
        // Tables: a `tables` list, a `table` mapping, or flat `table`/`partition_key`/`sort_key`.
        var tableReaders = x.child("tables")?.items ?? []
        if let t = x.child("table"), t.isMapping { tableReaders.append(t) }
        for t in tableReaders {
            if let table = tableOverride(t, name: t.child("name")?.string) { o.tables.append(table) }
        }
        if tableReaders.isEmpty, x.child("partitionkey") != nil || x.child("table")?.string != nil {
            if let table = tableOverride(x, name: x.child("table")?.string) { o.tables.append(table) }
            else if let name = x.child("table")?.string {
                o.tables.append(.init(name: name, partitionKey: KeyAttribute(name: "pk"), sortKey: nil, ttl: nil))
            }
        }
        if !o.tables.isEmpty, let r = x.child("tables", "table", "partitionkey") { note(&o, "table", r, s) }
        if let b = x.child("bucket") {
            note(&o, "bucket", b, s)
            if let v = b.string, !b.isMapping { o.bucketName = v }
            if let v = b.child("name")?.string { o.bucketName = v }
            if let v = b.child("versioning")?.bool { o.bucketVersioning = v }
            if let v = b.child("lifecycle", "glacierdays", "transitiondays")?.int, v > 0 { o.lifecycleDays = v }
            if let v = b.child("expire", "expiredays", "expiration")?.int, v > 0 { o.expireDays = v }
            if let v = b.child("cors")?.strings { o.corsOrigins = v }
        }
        if let v = x.child("versioning")?.bool { o.bucketVersioning = v }
        if let v = x.child("lifecycle")?.int, v > 0 { o.lifecycleDays = v }
        if let v = x.child("expire", "expiredays")?.int, v > 0 { o.expireDays = v }
        if let v = x.child("cors")?.strings, !v.isEmpty { o.corsOrigins = v }
        if let r = x.child("topics") { o.topics = r.strings; note(&o, "topics", r, s) }
        if let r = x.child("volumes") {
            switch r.string?.lowercased() {
            case "ephemeral"?: o.ephemeralVolumes = true; note(&o, "volumes", r, s)
            case "efs"?, "persistent"?: note(&o, "volumes", r, s)
            default: o.unknownKeys.append(r.path)
            }
        }
        if let r = x.child("training") {
            var t = ServiceOverrides.TrainingOverride()
            if !r.isMapping, let b = r.bool {
                t.enabled = b
            } else if r.isMapping {
                if let c = r.child("command") {
                    t.command = c.items.isEmpty ? c.string.map { ["sh", "-c", $0] } : c.items.compactMap(\.string)
                }
                t.vcpus = r.child("cpu", "cpus", "vcpus")?.int
                t.memory = r.child("memory")?.int
                t.gpus = r.child("gpus", "gpu")?.int
            } else {
                o.unknownKeys.append(r.path)
            }
            o.training = t
            note(&o, "training", r, s)
        }
        if let r = x.child("directories") {
            let choices: Set<String> = ["s3", "skip"]
            if let v = r.string?.lowercased(), !r.isMapping {
                if choices.contains(v) { o.allDirectories = v; note(&o, "directories", r, s) } else { o.unknownKeys.append(r.path) }
            }
            for (key, value) in r.entries {
                guard let v = value.string?.lowercased(), choices.contains(v) else { o.unknownKeys.append(value.path); continue }
                o.directories[key] = v
                note(&o, "directories", r, s)
            }
        }
        if let w = x.child("waive") {
            for (id, reason) in w.entries { o.waivers[id] = reason.string ?? "waived" }
        }
    }

    private static func tableOverride(_ t: ExtensionReader, name: String?) -> ServiceOverrides.TableOverride? {
        guard let pk = t.child("partitionkey", "pk", "hashkey")?.string else { return nil }
        func attr(_ text: String) -> KeyAttribute {
            // `user_id:S`, `ts:N`, or just a name (string).
            let parts = text.split(separator: ":").map(String.init)
            if parts.count == 2, ["S", "N", "B"].contains(parts[1].uppercased()) {
                return KeyAttribute(name: parts[0], type: parts[1].uppercased())
            }
            return KeyAttribute(name: text)
        }
        let sk = t.child("sortkey", "sk", "rangekey")?.string.map(attr)
        return .init(name: name, partitionKey: attr(pk), sortKey: sk, ttl: t.child("ttl")?.string)
    }

    /// Docker's retired ECS integration keys on a service.
    private static func parseDockerECS(service s: Service, into o: inout ServiceOverrides) {
        let base = "services.\(s.name)"
        func reader(_ key: String) -> ExtensionReader? {
            s.extensions[key].map { ExtensionReader($0, path: "\(base).\(key)") }
        }
        if let r = reader("x-aws-role") {
            note(&o, "x-aws-role", r, s)
            o.awsRoleStatements = policyStatements(from: r)
        }
        if let r = reader("x-aws-policies") {
            o.awsPolicies = r.strings.filter { $0.hasPrefix("arn:") }
            if o.awsPolicies.count != r.strings.count { o.unknownKeys.append("\(r.path) (entries that are not policy ARNs)") }
            note(&o, "x-aws-policies", r, s)
        }
        if let r = reader("x-aws-autoscaling") {
            note(&o, "x-aws-autoscaling", r, s)
            if let v = r.child("min")?.int, v >= 0 { o.minimum = v }
            if let v = r.child("max")?.int, v >= 0 { o.maximum = v }
            if let v = r.child("cpu")?.double, v > 0 { o.scalingMetric = .cpu; o.scalingTarget = v }
            if let v = r.child("memory", "mem")?.double, v > 0 { o.scalingMetric = .memory; o.scalingTarget = v }
        }
        if let r = reader("x-aws-pull_credentials") {
            // Only an ARN can be referenced; placeholders are reported, not rendered.
            if let v = r.string, v.hasPrefix("arn:") { o.pullCredentials = v } else { o.unknownKeys.append("\(r.path) (not a Secrets Manager ARN)") }
            note(&o, "x-aws-pull_credentials", r, s)
        }
        if let r = reader("x-aws-min_percent"), let v = r.int { o.minPercent = v; note(&o, "x-aws-min_percent", r, s) }
        if let r = reader("x-aws-max_percent"), let v = r.int { o.maxPercent = v; note(&o, "x-aws-max_percent", r, s) }
        if let r = reader("x-aws-protocol"), let v = r.string { o.protocolName = v.lowercased(); note(&o, "x-aws-protocol", r, s) }
    }

    /// Statements of an IAM policy document given inline (`Statement: [...]`) or a list of statements.
    static func policyStatements(from r: ExtensionReader) -> [PolicyStatement] {
        let list = r.child("statement")?.items ?? r.items
        return list.enumerated().compactMap { i, st in
            let actions = st.child("action")?.strings ?? []
            guard !actions.isEmpty else { return nil }
            let resources = (st.child("resource")?.strings ?? ["*"]).map { ResourceReference.arn($0) }
            return PolicyStatement(sid: st.child("sid")?.string ?? "Custom\(i + 1)",
                                   effect: st.child("effect")?.string ?? "Allow", actions: actions, resources: resources)
        }
    }
}

extension SourcePosition {
    init(_ l: SourceLocation) { self.init(file: l.file, line: l.line, column: l.column) }
}
