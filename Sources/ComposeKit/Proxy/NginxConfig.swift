import Foundation

/// Reads the routing out of an nginx configuration: `upstream` blocks, `server` blocks with their
/// `listen` and `server_name`, and every `location` (nested ones too) that forwards with `proxy_pass`.
/// Everything else (TLS, headers, caching, `return`, regex locations, `fastcgi_pass`) is ignored: only
/// prefix routes to a host can become load balancer rules. Never throws; unreadable text yields no routes.
public enum NginxConfig {
    /// A directive: its words, its line, and the block it opens (nil for `name args;`).
    struct Directive {
        var words: [String]
        var line: Int
        var block: [Directive]?
        var name: String { words.first ?? "" }
        var args: ArraySlice<String> { words.dropFirst() }
    }

    public static func routes(in text: String, file: String) -> [ProxyRoute] {
        var parser = Parser(bytes: Array(text.utf8))
        let top = parser.block(depth: 0)
        var upstreams: [String: (host: String, port: Int?)] = [:]
        collectUpstreams(top, into: &upstreams)
        var out: [ProxyRoute] = []
        collectServers(top, upstreams: upstreams, file: file, into: &out)
        return out
    }

    private static func collectUpstreams(_ directives: [Directive], into map: inout [String: (host: String, port: Int?)]) {
        for d in directives {
            if d.name == "upstream", let name = d.args.first, let block = d.block {
                if let server = block.first(where: { $0.name == "server" }), let address = server.args.first,
                   let (host, port) = hostPort(address) {
                    map[name] = (host, port)
                }
            } else if let block = d.block {
                collectUpstreams(block, into: &map)
            }
        }
    }

    private static func collectServers(_ directives: [Directive], upstreams: [String: (host: String, port: Int?)], file: String,
                                       into out: inout [ProxyRoute]) {
        for d in directives {
            guard let block = d.block else { continue }
            if d.name == "server" {
                let names = block.filter { $0.name == "server_name" }.flatMap(\.args).filter { $0 != "_" && !$0.isEmpty }
                let ports = block.filter { $0.name == "listen" }.compactMap { $0.args.first.flatMap(listenPort) }
                let server = ServerContext(names: names, ports: ports, upstreams: upstreams, file: file)
                locations(block, server, into: &out)
            } else if d.name != "upstream" {
                collectServers(block, upstreams: upstreams, file: file, into: &out)  // `http { … }`, includes
            }
        }
    }

    private struct ServerContext {
        var names: [String]
        var ports: [Int]
        var upstreams: [String: (host: String, port: Int?)]
        var file: String
    }

    private static func locations(_ directives: [Directive], _ server: ServerContext, into out: inout [ProxyRoute]) {
        for d in directives where d.name == "location" {
            guard let block = d.block else { continue }
            var args = Array(d.args)
            var exact = false
            if let first = args.first, ["=", "^~", "~", "~*"].contains(first) {
                if first == "~" || first == "~*" { continue }  // regular expressions: no prefix to route by
                exact = first == "="
                args.removeFirst()
            } else if let first = args.first, first.hasPrefix("~") || first.hasPrefix("@") {
                continue  // `~regex` written without a space, named locations
            }
            guard let path = args.first, path.hasPrefix("/") else { continue }
            if let pass = block.first(where: { $0.name == "proxy_pass" })?.args.first, let target = upstream(pass, server.upstreams) {
                out.append(ProxyRoute(location: SourceLocation(file: server.file, line: d.line, column: 1), serverNames: server.names,
                                      listenPorts: server.ports, path: path, exact: exact, upstreamHost: target.host,
                                      upstreamPort: target.port, upstreamPath: target.path))
            }
            locations(block, server, into: &out)
        }
    }

    /// `http://api:8000/v1` → (api, 8000, /v1); an upstream name resolves to its first server.
    /// Targets built from variables (`http://$backend`) are skipped: they are decided per request.
    static func upstream(_ pass: String, _ upstreams: [String: (host: String, port: Int?)]) -> (host: String, port: Int?, path: String?)? {
        guard !pass.contains("$") else { return nil }
        guard let scheme = pass.range(of: "://") else { return nil }
        var rest = pass[scheme.upperBound...]
        var path: String?
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[slash...])
            rest = rest[..<slash]
        }
        let authority = String(rest)
        if let named = upstreams[authority] { return (named.host, named.port, path) }
        guard let (host, port) = hostPort(authority) else { return nil }
        return (host, port, path)
    }

    /// `api:8000`, `api`, `127.0.0.1:80`, `[::1]:80`, `unix:/…` (nil).
    static func hostPort(_ text: String) -> (String, Int?)? {
        guard !text.hasPrefix("unix:"), !text.isEmpty else { return nil }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            return (host, after.hasPrefix(":") ? Int(after.dropFirst()) : nil)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let host = parts.first, !host.isEmpty else { return nil }
        if parts.count == 2 {
            guard let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
            return (String(host).lowercased(), port)
        }
        return (String(host).lowercased(), nil)
    }

    /// `80`, `443 ssl`, `0.0.0.0:8080`, `[::]:80`; a unix socket or a variable is not a port.
    static func listenPort(_ text: String) -> Int? {
        if let port = Int(text), (1...65535).contains(port) { return port }
        guard let colon = text.lastIndex(of: ":") else { return nil }
        return Int(text[text.index(after: colon)...]).flatMap { (1...65535).contains($0) ? $0 : nil }
    }

    /// A tolerant tokenizer: words, quoted strings, `{`, `}`, `;` and `#` comments.
    struct Parser {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        static let maxDepth = 32

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func block(depth: Int) -> [Directive] {
            var out: [Directive] = []
            var words: [String] = []
            var startLine = line
            while let token = next() {
                switch token {
                case .word(let w):
                    if words.isEmpty { startLine = line }
                    words.append(w)
                case .semicolon:
                    if !words.isEmpty { out.append(Directive(words: words, line: startLine, block: nil)) }
                    words = []
                case .open:
                    let children = depth < Self.maxDepth ? block(depth: depth + 1) : skipBlock()
                    out.append(Directive(words: words, line: words.isEmpty ? line : startLine, block: children))
                    words = []
                case .close:
                    return out
                }
            }
            return out
        }

        /// Too deeply nested to be a real configuration: skip to the matching brace.
        mutating func skipBlock() -> [Directive] {
            var depth = 1
            while depth > 0, let token = next() {
                if case .open = token { depth += 1 } else if case .close = token { depth -= 1 }
            }
            return []
        }

        enum Token { case word(String), semicolon, open, close }

        mutating func next() -> Token? {
            while i < bytes.count {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "\n"): line += 1; i += 1
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): i += 1
                case UInt8(ascii: "#"):
                    while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                case UInt8(ascii: ";"): i += 1; return .semicolon
                case UInt8(ascii: "{"): i += 1; return .open
                case UInt8(ascii: "}"): i += 1; return .close
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    let quote = b
                    i += 1
                    var word: [UInt8] = []
                    while i < bytes.count && bytes[i] != quote {
                        if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count { i += 1 }
                        if bytes[i] == UInt8(ascii: "\n") { line += 1 }
                        word.append(bytes[i])
                        i += 1
                    }
                    i += 1
                    return .word(String(decoding: word, as: UTF8.self))
                default:
                    let start = i
                    while i < bytes.count {
                        let c = bytes[i]
                        if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
                            || c == UInt8(ascii: ";") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") { break }
                        // `${var}` inside a word is part of it, not a block.
                        if c == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") {
                            while i < bytes.count && bytes[i] != UInt8(ascii: "}") { i += 1 }
                        }
                        i += 1
                    }
                    return .word(String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self))
                }
            }
            return nil
        }
    }
}
