/// `deploy`: mode, replicas, resources (limits/reservations: cpus, memory, pids; reservations:
/// devices), restart_policy, labels. Other deploy keys are reported as dropped.
enum DeploySyntax {
    static let modelled: Set<String> = ["mode", "replicas", "resources", "restart_policy", "labels"]

    static func transform(_ node: YAMLNode, service: String, diagnostics: inout [Diagnostic]) throws -> Deploy? {
        let path = "services.\(service).deploy"
        if node.isNull { return nil }
        var d = Deploy()
        for e in try node.asMapping(path) {
            let p = "\(path).\(e.key)"
            switch e.key {
            case "mode": d.mode = try e.value.asOptionalString(p)
            case "replicas": d.replicas = e.value.isNull ? nil : try e.value.asInt(p)
            case "labels": d.labels = try LabelsSyntax.transform(try Canonical.keyValueMapping(e.value, what: p), path: p)
            case "resources":
                if e.value.isNull { continue }
                for r in try e.value.asMapping(p) {
                    switch r.key {
                    case "limits": d.limits = try resources(r.value, "\(p).limits", &diagnostics)
                    case "reservations": d.reservations = try resources(r.value, "\(p).reservations", &diagnostics)
                    default: diagnostics.append(dropped("\(p).\(r.key)", r.keyLocation))
                    }
                }
            case "restart_policy":
                if e.value.isNull { continue }
                var rp = RestartPolicy()
                for r in try e.value.asMapping(p) {
                    let rpPath = "\(p).\(r.key)"
                    switch r.key {
                    case "condition": rp.condition = try r.value.asOptionalString(rpPath)
                    case "delay": rp.delay = try Durations.seconds(r.value, rpPath)
                    case "max_attempts": rp.maxAttempts = try r.value.asInt(rpPath)
                    case "window": rp.window = try Durations.seconds(r.value, rpPath)
                    default: diagnostics.append(dropped(rpPath, r.keyLocation))
                    }
                }
                d.restartPolicy = rp
            default:
                diagnostics.append(dropped(p, e.keyLocation))
            }
        }
        return d
    }

    static func resources(_ node: YAMLNode, _ path: String, _ diagnostics: inout [Diagnostic]) throws -> Resources? {
        if node.isNull { return nil }
        var r = Resources()
        for e in try node.asMapping(path) {
            let p = "\(path).\(e.key)"
            switch e.key {
            case "cpus": r.cpus = try e.value.asDouble(p)
            case "memory": r.memoryBytes = try ByteSize.bytes(e.value, p)
            case "pids": r.pids = try e.value.asInt(p)
            // The Compose spec has device requests under reservations only.
            case "devices" where path.hasSuffix(".reservations"): r.devices = try DeviceRequestSyntax.transform(e.value, p)
            default: diagnostics.append(dropped(p, e.keyLocation))
            }
        }
        return r
    }

    static func dropped(_ keyPath: String, _ location: SourceLocation) -> Diagnostic {
        Diagnostic(.notice, "\(keyPath) is not carried over", at: location, keyPath: keyPath)
    }
}
