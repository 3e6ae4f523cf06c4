/// Reverse proxies in front of the HTTP apps: nginx with a configuration ferry can read, and
/// the ones it cannot (nginx templates, Caddy, Traefik labels, HAProxy).
enum ProxyParts {
    static func add(_ d: inout ProjectDraft) {
        let apps = d.httpApps
        guard !apps.isEmpty else { return }
        switch d.rng.int(0...5) {
        case 0, 1: nginx(&d, apps: apps, wholeFile: d.rng.chance(0.5))
        case 2: nginxTemplate(&d, apps: apps)
        case 3: caddy(&d, apps: apps)
        case 4: traefik(&d, apps: apps)
        default: haproxy(&d, apps: apps)
        }
    }

    /// Routes: the first app at `/`, the others under a prefix.
    private static func routes(_ apps: [ServiceSpec], _ d: inout ProjectDraft) -> [(path: String, app: ServiceSpec)] {
        var out: [(String, ServiceSpec)] = []
        for (i, app) in apps.prefix(3).enumerated() {
            out.append((i == 0 && d.rng.chance(0.7) ? "/" : "/\(app.name)/", app))
        }
        return out.sorted { $0.0.count > $1.0.count }
    }

    private static func proxyService(_ d: inout ProjectDraft, base: String, image: String, apps: [ServiceSpec]) -> ServiceSpec {
        var s = ServiceSpec(d.freshName(base), image: image)
        s.ports = [.text("\(d.hostPort(preferring: 80)):80")]
        if d.rng.chance(0.3) { s.ports.append(.text("\(d.hostPort(preferring: 443)):443")) }
        s.dependsOn = apps.prefix(3).map { ($0.name, nil) }
        s.restart = d.restartPolicy()
        s.servedPort = 80
        return s
    }

    private static func nginx(_ d: inout ProjectDraft, apps: [ServiceSpec], wholeFile: Bool) {
        var s = proxyService(&d, base: d.rng.pick(["nginx", "proxy", "gateway"]), image: d.rng.pick(["nginx:1.27-alpine", "nginx:stable"]), apps: apps)
        var server = "server {\n    listen 80;\n    server_name _;\n"
        for (path, app) in routes(apps, &d) {
            let upstream = "http://\(app.name):\(app.servedPort ?? 80)"
            server += "    location \(path) {\n        proxy_pass \(upstream)\(path == "/" || d.rng.chance(0.5) ? "" : "/");\n"
            server += "        proxy_set_header Host $host;\n        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n    }\n"
        }
        server += "}\n"
        if wholeFile {
            d.files["nginx/nginx.conf"] = "events {}\nhttp {\n    include /etc/nginx/mime.types;\n" + server.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n}\n"
            s.volumes.append(.text("./nginx/nginx.conf:/etc/nginx/nginx.conf:ro"))
        } else {
            d.files["nginx/default.conf"] = server
            s.volumes.append(.text("./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro"))
        }
        d.services.append(s)
    }

    private static func nginxTemplate(_ d: inout ProjectDraft, apps: [ServiceSpec]) {
        var s = proxyService(&d, base: "nginx", image: "nginx:1.27-alpine", apps: apps)
        let app = apps[0]
        d.files["nginx/templates/default.conf.template"] = "server {\n    listen ${NGINX_PORT};\n    location / {\n        proxy_pass http://${UPSTREAM_HOST}:\(app.servedPort ?? 80);\n    }\n}\n"
        s.volumes.append(.text("./nginx/templates:/etc/nginx/templates:ro"))
        s.environment = [("NGINX_PORT", "80"), ("UPSTREAM_HOST", app.name)]
        d.services.append(s)
    }

    private static func caddy(_ d: inout ProjectDraft, apps: [ServiceSpec]) {
        var s = proxyService(&d, base: "caddy", image: "caddy:2-alpine", apps: apps)
        var file = ":80 {\n"
        for (path, app) in routes(apps, &d) {
            let target = "\(app.name):\(app.servedPort ?? 80)"
            file += path == "/" ? "    reverse_proxy \(target)\n" : "    handle_path \(path)* {\n        reverse_proxy \(target)\n    }\n"
        }
        d.files["Caddyfile"] = file + "}\n"
        s.volumes = [.text("./Caddyfile:/etc/caddy/Caddyfile:ro"), .text("\(d.namedVolume("caddy_data")):/data")]
        d.services.append(s)
    }

    private static func traefik(_ d: inout ProjectDraft, apps: [ServiceSpec]) {
        var s = proxyService(&d, base: "traefik", image: "traefik:v3.0", apps: apps)
        s.command = .texts(["--providers.docker=true", "--providers.docker.exposedbydefault=false", "--entrypoints.web.address=:80"])
        s.volumes = [.text("/var/run/docker.sock:/var/run/docker.sock:ro")]
        for (path, app) in routes(apps, &d) {
            guard let i = d.services.firstIndex(where: { $0.name == app.name }) else { continue }
            let rule = path == "/" ? "PathPrefix(`/`)" : "PathPrefix(`\(path.dropLast())`)"
            d.services[i].labels += [("traefik.enable", "true"), ("traefik.http.routers.\(app.name).rule", rule),
                                     ("traefik.http.services.\(app.name).loadbalancer.server.port", String(app.servedPort ?? 80))]
        }
        d.services.append(s)
    }

    private static func haproxy(_ d: inout ProjectDraft, apps: [ServiceSpec]) {
        var s = proxyService(&d, base: "haproxy", image: "haproxy:2.9", apps: apps)
        let app = apps[0]
        d.files["haproxy/haproxy.cfg"] = "defaults\n    mode http\nfrontend web\n    bind *:80\n    default_backend app\nbackend app\n    server app1 \(app.name):\(app.servedPort ?? 80)\n"
        s.volumes = [.text("./haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro")]
        d.services.append(s)
    }
}
