import Blueprint
import Foundation

/// A host named inside a value: `postgres://u:p@db:5432/app` names `db` on 5432,
/// `http://localhost:4000/api` names `localhost` on 4000 with path `/api`.
struct HostMention: Equatable {
    var host: String
    var port: Int?
    var scheme: String?
    var path: String?
    /// The URL carried user info (credentials); evidence must not show it.
    var hasCredentials: Bool
    /// Written as a URL or `host:port`, not a bare word.
    var explicit: Bool

    var isLoopback: Bool { ["localhost", "127.0.0.1", "0.0.0.0", "::1", "host.docker.internal"].contains(host) }
}

enum HostScanner {
    /// Names of variables whose bare value (no scheme, no port) is a host name.
    static func nameSuggestsHost(_ name: String) -> Bool {
        let n = name.uppercased()
        return ["HOST", "SERVER", "ENDPOINT", "BROKER", "ADDR", "URL", "URI", "DSN", "NODES", "BOOTSTRAP", "UPSTREAM", "BACKEND", "SERVICE_NAME"]
            .contains { n.contains($0) }
    }

    static func mentions(in value: String, bareWordsAreHosts: Bool) -> [HostMention] {
        var out: [HostMention] = []
        for raw in value.split(whereSeparator: isSeparator) {
            var token = raw
            if let r = token.firstByteRange(of: "://") {
                // `--url=http://x` or `jdbc:postgresql://x`: start at the scheme.
                var start = r.lowerBound
                while start > token.startIndex {
                    let prev = token[token.index(before: start)]
                    guard prev.isLetter || prev.isNumber || prev == "+" || prev == "." || prev == "-" else { break }
                    start = token.index(before: start)
                }
                token = token[start...]
            } else if let eq = token.lastIndex(of: "=") {
                token = token[token.index(after: eq)...]
            }
            if !token.isEmpty, let m = parse(token: String(token), bare: bareWordsAreHosts) { out.append(m) }
        }
        return out
    }

    private static func isSeparator(_ c: Character) -> Bool {
        switch c {
        case " ", "\t", "\n", "\r", "\r\n", ",", ";", "\"", "'", "(", ")", "[", "]", "{", "}", "<", ">", "|": return true
        default: return false
        }
    }

    private static func parse(token: String, bare: Bool) -> HostMention? {
        var rest = Substring(token)
        var scheme: String?
        if let r = rest.firstByteRange(of: "://") {
            scheme = rest[..<r.lowerBound].lowercased()
            rest = rest[r.upperBound...]
        }
        var path: String?
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            path = String(rest[slash...])
            rest = rest[..<slash]
        }
        var credentials = false
        if let at = rest.lastIndex(of: "@") {
            credentials = rest[..<at].contains(":") || scheme != nil
            rest = rest[rest.index(after: at)...]
        }
        // Host lists (`mongodb://a:1,b:2`) are split by the caller's separators already.
        var host = String(rest)
        var port: Int?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            let p = host[host.index(after: colon)...]
            guard let n = Int(p), (1...65535).contains(n) else {
                // `host:` with a non-port suffix (`redis:alpine`, `C:\`) is not a host mention.
                return nil
            }
            port = n
            host = String(host[..<colon])
        }
        host = host.lowercased()
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" || $0 == ":" }) else { return nil }
        let explicit = scheme != nil || port != nil
        if !explicit && !(bare && path == nil) { return nil }
        if scheme == nil, path != nil, port == nil { return nil }
        return HostMention(host: host, port: port, scheme: scheme, path: path, hasCredentials: credentials, explicit: explicit)
    }

    /// The value with the password of any URL replaced, for evidence.
    static func withoutCredentials(_ value: String) -> String {
        guard let r = value.firstByteRange(of: "://") else { return value }
        let afterScheme = value[r.upperBound...]
        let end = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        let authority = afterScheme[..<end]
        guard let at = authority.lastIndex(of: "@") else { return value }
        let user = authority[..<at].split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        let redacted = (user.isEmpty ? "" : user) + ":***"
        return String(value[..<r.upperBound]) + redacted + String(authority[at...]) + String(afterScheme[end...])
    }
}
