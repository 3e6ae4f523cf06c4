/// Routes of a Caddyfile: each site block's `reverse_proxy` directives, with the path of their matcher
/// (`reverse_proxy /api/* api:8000`) or of the enclosing `handle` / `handle_path` / `route` block.
/// `handle_path` strips its prefix before forwarding, which a load balancer cannot do: it is recorded
/// as an upstream path. Named matchers (`@name`), snippets and imports are not resolved: a route under
/// one is read as a catch-all of its site, and anything else is skipped. Never throws.
public enum CaddyConfig {
    public static func routes(in text: String, file: String) -> [ProxyRoute] {
        var out: [ProxyRoute] = []
        var depth = 0
        var sites: [String] = []
        // Open blocks below the site: their path (nil for blocks that are not path handlers) and whether they strip it.
        var blocks: [(path: String?, strips: Bool)] = []
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let opens = trimmed.hasSuffix("{")
            let closes = trimmed == "}"
            if closes {
                if depth > 1, !blocks.isEmpty { blocks.removeLast() }
                depth = max(0, depth - 1)
                if depth == 0 { sites = [] }
                continue
            }
            if depth == 0 {
                if opens {
                    // `{` alone is the global options block; otherwise the site addresses.
                    sites = words.dropLast().flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
                    depth = 1
                }
                continue
            }
            if opens {
                let directive = words.first ?? ""
                let path = words.count > 2 && words[1].hasPrefix("/") ? words[1] : nil
                let handler = ["handle", "handle_path", "route"].contains(directive)
                blocks.append((path: handler ? (path ?? blocks.last?.path) : blocks.last?.path, strips: directive == "handle_path" || (blocks.last?.strips ?? false)))
                depth += 1
                if directive != "reverse_proxy" { continue }
            }
            guard words.first == "reverse_proxy" else { continue }
            var args = Array(words.dropFirst())
            if args.last == "{" { args.removeLast() }
            var path = blocks.last?.path ?? "/"
            if let first = args.first, first.hasPrefix("/") { path = first; args.removeFirst() }
            else if let first = args.first, first.hasPrefix("@") { args.removeFirst() }
            guard let upstream = args.first, let (host, port) = hostPort(upstream) else { continue }
            let strips = blocks.last?.strips ?? false
            let column = (raw.firstIndex(where: { $0 != " " && $0 != "\t" }).map { raw.distance(from: raw.startIndex, to: $0) } ?? 0) + 1
            out.append(ProxyRoute(location: SourceLocation(file: file, line: lineNumber, column: column), serverNames: siteHosts(sites),
                                  listenPorts: sitePorts(sites), path: path, exact: false, upstreamHost: host, upstreamPort: port,
                                  upstreamPath: strips ? "/" : nil))
        }
        return out
    }

    /// `app:3000`, `http://app:3000`, `h2c://app`, `app` → host and port (a placeholder is skipped).
    static func hostPort(_ word: String) -> (String, Int?)? {
        var w = Substring(word)
        if let r = w.range(of: "://") { w = w[r.upperBound...] }
        if let slash = w.firstIndex(of: "/") { w = w[..<slash] }
        guard !w.isEmpty, !w.contains("{"), !w.contains("$") else { return nil }
        let parts = w.split(separator: ":", maxSplits: 1)
        let host = String(parts[0]).lowercased()
        guard !host.isEmpty else { return nil }
        return (host, parts.count > 1 ? Int(parts[1]) : nil)
    }

    /// Host names of site addresses (`example.com`, `https://www.example.com:443`); `:80` and
    /// placeholders (`{$SITE_ADDRESS}`) name none.
    static func siteHosts(_ sites: [String]) -> [String] {
        sites.compactMap { site in
            guard !site.contains("{"), !site.hasPrefix(":") else { return nil }
            return hostPort(site)?.0
        }
    }

    static func sitePorts(_ sites: [String]) -> [Int] {
        sites.compactMap { site in site.hasPrefix(":") ? Int(site.dropFirst()) : nil }
    }
}
