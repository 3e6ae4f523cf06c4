import Foundation

/// `Project` → the document `docker compose config` prints: top-level `name`,
/// `services` keyed by name (environment as a map, long-form ports and volumes,
/// depends_on as a map with condition), `networks`, `volumes`, `secrets`, `configs`.
/// `$` in values is written `$$` so the output is itself a loadable compose file.
/// Diagnostics and source positions are not part of it.
extension Project {
    public var configDocument: ConfigValue {
        var root: [String: ConfigValue] = ["name": .string(name)]
        root["services"] = .object(Dictionary(services.map { ($0.name, $0.configDocument) }, uniquingKeysWith: { a, _ in a }))
        if !networks.isEmpty {
            root["networks"] = .object(networks.mapValues { n in
                var o: [String: ConfigValue] = [:]
                if let v = n.name { o["name"] = .string(v) }
                if let v = n.driver { o["driver"] = .string(v) }
                if n.external { o["external"] = .bool(true) }
                if n.isInternal { o["internal"] = .bool(true) }
                return .object(o)
            })
        }
        if !volumes.isEmpty {
            root["volumes"] = .object(volumes.mapValues { v in
                var o: [String: ConfigValue] = [:]
                if let x = v.name { o["name"] = .string(x) }
                if let x = v.driver { o["driver"] = .string(x) }
                if v.external { o["external"] = .bool(true) }
                return .object(o)
            })
        }
        if !secrets.isEmpty { root["secrets"] = .object(secrets.mapValues(\.configDocument)) }
        if !configs.isEmpty { root["configs"] = .object(configs.mapValues(\.configDocument)) }
        for (k, v) in extensions { root[k] = ConfigValue(v) }
        return ConfigValue.object(root).escapingDollars()
    }
}

extension FileObject {
    var configDocument: ConfigValue {
        var o: [String: ConfigValue] = [:]
        if let v = name { o["name"] = .string(v) }
        if let v = file { o["file"] = .string(v) }
        if let v = environment { o["environment"] = .string(v) }
        if content { o["content"] = .string("<inline content>") }
        if external { o["external"] = .bool(true) }
        return .object(o)
    }
}

extension Service {
    var configDocument: ConfigValue {
        var o: [String: ConfigValue] = [:]
        func str(_ k: String, _ v: String?) { if let v { o[k] = .string(v) } }
        func list(_ k: String, _ v: [String]?) { if let v { o[k] = .array(v.map(ConfigValue.string)) } }
        func nonEmpty(_ k: String, _ v: [String]) { if !v.isEmpty { list(k, v) } }
        func flag(_ k: String, _ v: Bool) { if v { o[k] = .bool(true) } }

        str("image", image)
        if let b = build {
            var bo: [String: ConfigValue] = ["context": .string(b.context)]
            if let d = b.dockerfile { bo["dockerfile"] = .string(d) }
            if b.dockerfileInline { bo["dockerfile_inline"] = .string("<inline>") }
            if let t = b.target { bo["target"] = .string(t) }
            if !b.args.isEmpty { bo["args"] = .object(b.args.mapValues { $0.map(ConfigValue.string) ?? .null }) }
            if !b.platforms.isEmpty { bo["platforms"] = .array(b.platforms.map(ConfigValue.string)) }
            o["build"] = .object(bo)
        }
        list("command", command)
        list("entrypoint", entrypoint)
        if !environment.isEmpty {
            o["environment"] = .object(Dictionary(environment.map { ($0.name, $0.value.map(ConfigValue.string) ?? .null) }, uniquingKeysWith: { _, b in b }))
        }
        if !ports.isEmpty {
            o["ports"] = .array(ports.map { p in
                var po: [String: ConfigValue] = ["target": .int(Int64(p.target)), "protocol": .string(p.proto), "mode": .string(p.mode)]
                if let v = p.published { po["published"] = .string(v) }
                if let v = p.hostIP { po["host_ip"] = .string(v) }
                if let v = p.name { po["name"] = .string(v) }
                if let v = p.appProtocol { po["app_protocol"] = .string(v) }
                return .object(po)
            })
        }
        nonEmpty("expose", expose)
        if !volumes.isEmpty {
            o["volumes"] = .array(volumes.map { v in
                var vo: [String: ConfigValue] = ["type": .string(v.type.rawValue), "target": .string(v.target)]
                if let s = v.source { vo["source"] = .string(s) }
                if v.readOnly { vo["read_only"] = .bool(true) }
                if v.createHostPath { vo["bind"] = .object(["create_host_path": .bool(true)]) }
                return .object(vo)
            })
        }
        nonEmpty("tmpfs", tmpfs)
        if !dependsOn.isEmpty {
            o["depends_on"] = .object(Dictionary(dependsOn.map { d in
                var dd: [String: ConfigValue] = ["condition": .string(d.condition), "required": .bool(d.required)]
                if d.restart { dd["restart"] = .bool(true) }
                return (d.service, .object(dd))
            }, uniquingKeysWith: { a, _ in a }))
        }
        nonEmpty("links", links)
        if let h = healthcheck {
            var ho: [String: ConfigValue] = ["test": .array(h.test.map(ConfigValue.string))]
            if let v = h.interval { ho["interval"] = .string(Self.goDuration(v)) }
            if let v = h.timeout { ho["timeout"] = .string(Self.goDuration(v)) }
            if let v = h.startPeriod { ho["start_period"] = .string(Self.goDuration(v)) }
            if let v = h.startInterval { ho["start_interval"] = .string(Self.goDuration(v)) }
            if let v = h.retries { ho["retries"] = .int(Int64(v)) }
            if h.disable { ho["disable"] = .bool(true) }
            o["healthcheck"] = .object(ho)
        }
        if let d = deploy {
            var dd: [String: ConfigValue] = [:]
            if let v = d.mode { dd["mode"] = .string(v) }
            if let v = d.replicas { dd["replicas"] = .int(Int64(v)) }
            var res: [String: ConfigValue] = [:]
            if let l = d.limits { res["limits"] = l.configDocument }
            if let r = d.reservations { res["reservations"] = r.configDocument }
            if !res.isEmpty { dd["resources"] = .object(res) }
            if let rp = d.restartPolicy {
                var r: [String: ConfigValue] = [:]
                if let v = rp.condition { r["condition"] = .string(v) }
                if let v = rp.delay { r["delay"] = .string(Self.goDuration(v)) }
                if let v = rp.maxAttempts { r["max_attempts"] = .int(Int64(v)) }
                if let v = rp.window { r["window"] = .string(Self.goDuration(v)) }
                dd["restart_policy"] = .object(r)
            }
            if !d.labels.isEmpty { dd["labels"] = .object(d.labels.mapValues(ConfigValue.string)) }
            o["deploy"] = .object(dd)
        }
        str("restart", restart)
        nonEmpty("profiles", profiles)
        if !labels.isEmpty { o["labels"] = .object(labels.mapValues(ConfigValue.string)) }
        if networkMode == nil {
            let nets = networks.isEmpty ? ["default": ServiceNetwork()] : networks
            o["networks"] = .object(nets.mapValues { n in
                if n.aliases.isEmpty, n.ipv4Address == nil { return .null }
                var no: [String: ConfigValue] = [:]
                if !n.aliases.isEmpty { no["aliases"] = .array(n.aliases.map(ConfigValue.string)) }
                if let v = n.ipv4Address { no["ipv4_address"] = .string(v) }
                return .object(no)
            })
        }
        str("network_mode", networkMode)
        if !secrets.isEmpty { o["secrets"] = .array(secrets.map(\.configDocument)) }
        if !configs.isEmpty { o["configs"] = .array(configs.map(\.configDocument)) }
        str("user", user)
        str("working_dir", workingDir)
        str("hostname", hostname)
        str("container_name", containerName)
        flag("privileged", privileged)
        flag("read_only", readOnly)
        flag("tty", tty)
        flag("stdin_open", stdinOpen)
        if let v = init_ { o["init"] = .bool(v) }
        nonEmpty("cap_add", capAdd)
        nonEmpty("cap_drop", capDrop)
        nonEmpty("devices", devices)
        nonEmpty("extra_hosts", extraHosts)
        str("platform", platform)
        str("pull_policy", pullPolicy)
        if let v = stopGracePeriod { o["stop_grace_period"] = .string(Self.goDuration(v)) }
        if let v = logging { o["logging"] = ConfigValue(v) }
        if !gpus.isEmpty { o["gpus"] = .array(gpus.map(\.configDocument)) }
        for (k, v) in otherKeys { o[k] = ConfigValue(v) }
        for (k, v) in extensions { o[k] = ConfigValue(v) }
        return .object(o)
    }

    /// Seconds as Go prints a `time.Duration` (`1m30s`, `500ms`, `0s`).
    static func goDuration(_ seconds: Double) -> String {
        if seconds == 0 { return "0s" }
        let negative = seconds < 0
        var rest = abs(seconds)
        var out = ""
        if rest < 1 {
            let ms = rest * 1000
            out = ms == ms.rounded() ? "\(Int(ms))ms" : "\(ConfigValue.number(ms))ms"
            return (negative ? "-" : "") + out
        }
        let hours = Int(rest / 3600); rest -= Double(hours) * 3600
        let minutes = Int(rest / 60); rest -= Double(minutes) * 60
        if hours > 0 { out += "\(hours)h" }
        if hours > 0 || minutes > 0 { out += "\(minutes)m" }
        let secs = (rest * 1e9).rounded() / 1e9
        out += (secs == secs.rounded() ? String(Int(secs)) : String(secs)) + "s"
        return (negative ? "-" : "") + out
    }
}

extension FileReference {
    var configDocument: ConfigValue {
        var o: [String: ConfigValue] = ["source": .string(source)]
        if let t = target { o["target"] = .string(t) }
        if let m = mode { o["mode"] = .string("0" + String(m, radix: 8)) }
        return .object(o)
    }
}

extension Resources {
    var configDocument: ConfigValue {
        var o: [String: ConfigValue] = [:]
        if let v = cpus { o["cpus"] = .double(v) }
        if let v = memoryBytes { o["memory"] = .string(String(v)) }
        if let v = pids { o["pids"] = .int(Int64(v)) }
        if !devices.isEmpty { o["devices"] = .array(devices.map(\.configDocument)) }
        return .object(o)
    }
}

extension ConfigValue {
    /// `$` → `$$` in every string value (not keys), as `docker compose config` writes them.
    func escapingDollars() -> ConfigValue {
        switch self {
        case .string(let s): return s.contains("$") ? .string(s.replacingOccurrences(of: "$", with: "$$")) : self
        case .array(let a): return .array(a.map { $0.escapingDollars() })
        case .object(let o): return .object(o.mapValues { $0.escapingDollars() })
        default: return self
        }
    }
}

extension DeviceRequest {
    var configDocument: ConfigValue {
        var o: [String: ConfigValue] = [:]
        if let v = driver { o["driver"] = .string(v) }
        if let v = count { o["count"] = .int(Int64(v)) }
        if !deviceIDs.isEmpty { o["device_ids"] = .array(deviceIDs.map(ConfigValue.string)) }
        if !capabilities.isEmpty { o["capabilities"] = .array(capabilities.map(ConfigValue.string)) }
        if !options.isEmpty { o["options"] = .object(options.mapValues(ConfigValue.string)) }
        return .object(o)
    }
}
