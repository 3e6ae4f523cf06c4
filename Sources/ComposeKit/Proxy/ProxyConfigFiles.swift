import Foundation

/// Finds and reads the proxy configuration a service runs with, for its routes: a bind-mounted
/// Caddyfile (`CaddyConfig`), or the nginx configuration: files bind-mounted
/// under `/etc/nginx` (or any `*.conf` / `*.conf.template` mounted into an nginx image), else, for an
/// nginx service built from a local folder, the configuration files in that folder. The last stage of
/// loading; it only reads, and unreadable or oversized files are skipped.
public enum ProxyConfigFiles {
    static let maxFiles = 32
    static let maxBytes = 256 * 1024

    public static func routes(for service: Service) -> [ProxyRoute] {
        // Caddy: a Caddyfile bind-mounted anywhere (usually /etc/caddy/Caddyfile).
        let caddyfiles = service.volumes.compactMap { m -> String? in
            guard m.type == .bind, let source = m.source, (m.target as NSString).lastPathComponent.lowercased().hasPrefix("caddyfile") else { return nil }
            return source
        }
        if !caddyfiles.isEmpty {
            return caddyfiles.sorted().prefix(maxFiles).flatMap { file in read(file).map { CaddyConfig.routes(in: $0, file: file) } ?? [] }
        }
        let nginxImage = service.image.map(isNginxImage) ?? false
        var files: [String] = []
        for mount in service.volumes where mount.type == .bind {
            guard let source = mount.source, isNginxConfigTarget(mount.target, nginxImage: nginxImage) else { continue }
            files += configFiles(at: source)
        }
        if files.isEmpty, let context = service.build?.context, !context.contains("://"), nginxImage || builtAsNginx(context) {
            files = configFiles(at: context, includeSubfolders: ["conf.d", "templates", "sites-enabled", "nginx"])
        }
        var routes: [ProxyRoute] = []
        for file in Array(Set(files)).sorted().prefix(maxFiles) {
            guard let text = read(file) else { continue }
            routes += NginxConfig.routes(in: text, file: file)
        }
        return routes
    }

    static func isNginxImage(_ image: String) -> Bool {
        let repository = image.split(separator: "@").first.map { $0.split(separator: ":").first.map(String.init) ?? "" } ?? ""
        let name = repository.lowercased()
        return name.contains("nginx") || name.contains("openresty")
    }

    static func isNginxConfigTarget(_ target: String, nginxImage: Bool) -> Bool {
        if target.hasPrefix("/etc/nginx") || target.hasPrefix("/usr/local/openresty") { return true }
        return nginxImage && (target.hasSuffix(".conf") || target.hasSuffix(".conf.template"))
    }

    /// A build folder named for nginx, or whose Dockerfile starts from an nginx image.
    static func builtAsNginx(_ context: String) -> Bool {
        if (context as NSString).lastPathComponent.lowercased().contains("nginx") { return true }
        guard let dockerfile = read(context + "/Dockerfile") else { return false }
        return dockerfile.split(separator: "\n").contains { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            return words.first?.uppercased() == "FROM" && words.dropFirst().contains { isNginxImage(String($0)) }
        }
    }

    /// The configuration files at `path`: the file itself, or a folder's `*.conf`, `*.conf.template`
    /// and `nginx.conf` files (and those of the named subfolders).
    static func configFiles(at path: String, includeSubfolders: [String] = ["conf.d", "templates", "sites-enabled"]) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        var out: [String] = []
        for folder in [path] + includeSubfolders.map({ path + "/" + $0 }) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where name.hasSuffix(".conf") || name.hasSuffix(".conf.template") || name == "nginx.conf" {
                out.append(folder + "/" + name)
            }
        }
        return out
    }

    static func read(_ path: String) -> String? { BoundedFile.text(at: path, maxBytes: maxBytes) }
}
