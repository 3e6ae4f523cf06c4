/// Less common services: non-HTTP servers, GPU workloads and developer tools behind a profile.
enum ExtraParts {
    static func nonHTTP(_ d: inout ProjectDraft) {
        let (base, image, port, proto): (String, String, Int, String?) = d.rng.pick([
            ("mail", "namshi/smtp", 25, nil),
            ("minecraft", "itzg/minecraft-server", 25565, nil),
            ("gateway-bridge", "chirpstack/chirpstack-gateway-bridge:4", 1700, "udp"),
            ("sip", "andrius/asterisk:latest", 5060, "udp"),
            ("sip", "andrius/asterisk:latest", 5060, nil),
            ("game", "", 7777, "udp"),
        ])
        var s = image.isEmpty ? AppParts.source(d.freshName(base), &d) : ServiceSpec(d.freshName(base), image: image)
        let p = d.ports(for: port, proto: proto, publishChance: 0.85)
        (s.ports, s.expose) = (p.ports, p.expose)
        if base == "minecraft" {
            s.environment = [("EULA", "TRUE"), ("MEMORY", "2G")]
            s.volumes = [.text("\(d.namedVolume("minecraft-data")):/data")]
        }
        if d.rng.chance(0.3), let store = d.datastoreNames.first {
            for (k, v) in d.clientEnvironment[store] ?? [] { s.environment.append((k, v)) }
            s.dependsOn.append((store, nil))
        }
        s.restart = d.restartPolicy()
        d.services.append(s)
    }

    static func gpu(_ d: inout ProjectDraft) {
        var s = AppParts.source(d.freshName(d.rng.pick(["inference", "ml", "ollama", "model"])), &d)
        if d.rng.chance(0.3) { s = ServiceSpec(s.name, image: "ollama/ollama:latest") }
        let port = s.image == "ollama/ollama:latest" ? 11434 : d.rng.pick([8500, 8000, 7860])
        s.servedPort = port
        let p = d.ports(for: port, publishChance: 0.5)
        (s.ports, s.expose) = (p.ports, p.expose)
        if d.rng.chance(0.6) {
            var device: [(String, YAMLNode)] = [("driver", .text("nvidia"))]
            device.append(d.rng.chance(0.7) ? ("count", .number(d.rng.int(1...2))) : ("count", .text("all")))
            device.append(("capabilities", .texts(["gpu"])))
            s.deploy = .map([("resources", .map([("reservations", .map([("devices", .list([.map(device)]))]))]))])
        } else {
            s.gpus = "all"
        }
        if d.rng.chance(0.4) { s.environment.append(("HF_TOKEN", d.secretReference("HF_TOKEN"))) }
        s.volumes.append(.text("\(d.namedVolume("models")):/models"))
        s.restart = d.restartPolicy()
        d.services.append(s)
    }

    /// Admin UIs and mail catchers, usually behind a profile nobody enables in production.
    static func devtool(_ d: inout ProjectDraft) {
        let (base, image, port): (String, String, Int) = d.rng.pick([
            ("adminer", "adminer", 8080), ("pgadmin", "dpage/pgadmin4", 80), ("mailhog", "mailhog/mailhog", 8025),
            ("redis-commander", "rediscommander/redis-commander", 8081), ("mailpit", "axllent/mailpit", 8025),
        ])
        var s = ServiceSpec(d.freshName(base), image: image)
        s.ports = [.text("\(d.hostPort(preferring: 9000 + port % 1000)):\(port)")]
        if base == "pgadmin" { s.environment = [("PGADMIN_DEFAULT_EMAIL", "admin@example.com"), ("PGADMIN_DEFAULT_PASSWORD", d.secretReference("PGADMIN_PASSWORD"))] }
        if d.rng.chance(0.7) { s.profiles = [d.rng.pick(["tools", "debug", "dev"])] }
        if let store = d.datastoreNames.first, d.rng.chance(0.5) { s.dependsOn = [(store, nil)] }
        d.services.append(s)
    }
}
