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
        // The separators are ASCII, so splitting the UTF-8 view cuts only between characters.
        let bytes = value.utf8
        var start = bytes.startIndex
        var i = start
        while true {
            let atEnd = i == bytes.endIndex
            if atEnd || separator[Int(bytes[i])] {
                if start != i { scan(value[start..<i], bare: bareWordsAreHosts, into: &out) }
                if atEnd { break }
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        return out
    }

    /// Bytes that end a token: whitespace and ``,;"'()[]{}<>|``.
    private static let separator: [Bool] = (0..<256).map { b in
        b < 128 && " \t\n\r,;\"'()[]{}<>|".utf8.contains(UInt8(b))
    }

    private static func scan(_ raw: Substring, bare: Bool, into out: inout [HostMention]) {
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
        if !token.isEmpty, let m = parse(token: String(token), bare: bare) { out.append(m) }
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
        guard !host.isEmpty, isHostName(host) else { return nil }
        let explicit = scheme != nil || port != nil
        if !explicit && !(bare && path == nil) { return nil }
        if scheme == nil, path != nil, port == nil { return nil }
        return HostMention(host: host, port: port, scheme: scheme, path: path, hasCredentials: credentials, explicit: explicit)
    }

    /// Letters, digits, `-`, `.`, `_` and `:` (IPv6); ASCII is checked byte by byte.
    private static func isHostName(_ host: String) -> Bool {
        if host.utf8.allSatisfy({ $0 < 128 }) {
            return host.utf8.allSatisfy { b in
                (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                    || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: ":")
            }
        }
        return host.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" || $0 == ":" }
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
