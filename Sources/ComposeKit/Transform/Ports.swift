/// `ports`: short syntax (`"8080"`, `"8080:80"`, `"127.0.0.1:8080:80/udp"`, `"[::1]:80:80"`,
/// ranges `"9000-9001:9000-9001"`) and long syntax, expanded like `docker compose config`:
/// one entry per target port, published as text, protocol and mode filled in.
enum PortSyntax {
    static func transform(_ node: YAMLNode, service: String) throws -> [PortMapping] {
        var out: [PortMapping] = []
        for (i, item) in try node.asList("services.\(service).ports").enumerated() {
            let path = "services.\(service).ports[\(i)]"
            if item.entries != nil {
                out.append(try long(item, path))
            } else {
                let text = try item.asString(path)
                guard let parsed = parse(text) else {
                    throw ComposeError("\(path): invalid port \"\(text)\" (expected [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL])", at: item.location)
                }
                out += parsed
            }
        }
        return out
    }

    static func long(_ item: YAMLNode, _ path: String) throws -> PortMapping {
        guard let targetNode = item["target"] else { throw ComposeError("\(path): a port needs a target", at: item.location) }
        let target = try targetNode.asInt("\(path).target")
        guard (0...65535).contains(target) else { throw ComposeError("\(path).target: port \(target) is out of range", at: targetNode.location) }
        var p = PortMapping(target: target)
        p.published = try item["published"]?.asOptionalString("\(path).published")
        p.hostIP = try item["host_ip"]?.asOptionalString("\(path).host_ip")
        p.proto = try item["protocol"]?.asOptionalString("\(path).protocol") ?? "tcp"
        p.mode = try item["mode"]?.asOptionalString("\(path).mode") ?? "ingress"
        p.name = try item["name"]?.asOptionalString("\(path).name")
        p.appProtocol = try item["app_protocol"]?.asOptionalString("\(path).app_protocol")
        return p
    }

    static func parse(_ raw: String) -> [PortMapping]? {
        var text = raw.trimmed(" ")
        var proto = "tcp"
        if let slash = text.lastIndex(of: "/") {
            proto = String(text[text.index(after: slash)...]).lowercased()
            text = String(text[..<slash])
            guard ["tcp", "udp", "sctp"].contains(proto) else { return nil }
        }
        var hostIP: String?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            hostIP = String(text[text.index(after: text.startIndex)..<close])
            text = String(text[text.index(after: close)...])
            guard text.hasPrefix(":") else { return nil }
            text.removeFirst()
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var published: String?
        let targetText: String
        switch parts.count {
        case 1: targetText = parts[0]
        case 2: published = parts[0]; targetText = parts[1]
        case 3 where hostIP == nil: hostIP = parts[0]; published = parts[1]; targetText = parts[2]
        default: return nil
        }
        if published == "" { published = nil }
        if hostIP == "" { hostIP = nil }
        guard let targets = range(targetText) else { return nil }
        if let published {
            guard let pubs = range(published) else { return nil }
            if targets.count > 1 {
                guard pubs.count == targets.count else { return nil }
                return zip(targets, pubs).map { PortMapping(target: $0, published: String($1), hostIP: hostIP, proto: proto) }
            }
            let pubText = pubs.count > 1 ? "\(pubs[0])-\(pubs[pubs.count - 1])" : String(pubs[0])
            return [PortMapping(target: targets[0], published: pubText, hostIP: hostIP, proto: proto)]
        }
        return targets.map { PortMapping(target: $0, hostIP: hostIP, proto: proto) }
    }

    /// `"80"` → [80]; `"8000-8002"` → [8000, 8001, 8002]; bounded to valid ports.
    static func range(_ text: String) -> [Int]? {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 1 || bounds.count == 2,
              let lo = Int(bounds[0]), (0...65535).contains(lo) else { return nil }
        guard bounds.count == 2 else { return [lo] }
        guard let hi = Int(bounds[1]), (lo...65535).contains(hi) else { return nil }
        return Array(lo...hi)
    }
}

/// `expose`: ports or ranges, kept as text (`"8080"`, `"8000-8010/udp"`).
enum ExposeSyntax {
    static func transform(_ node: YAMLNode, service: String) throws -> [String] {
        try node.asList("services.\(service).expose").enumerated().map { i, item in
            let text = try item.asString("services.\(service).expose[\(i)]")
            let portPart = text.split(separator: "/").first.map(String.init) ?? text
            guard PortSyntax.range(portPart) != nil else {
                throw ComposeError("services.\(service).expose[\(i)]: invalid port \"\(text)\"", at: item.location)
            }
            return text
        }
    }
}
