/// A service's `secrets` / `configs`: a name, or `{source, target, uid, gid, mode}`.
enum FileReferenceSyntax {
    static func transform(_ node: YAMLNode, path: String) throws -> [FileReference] {
        try node.asList(path).enumerated().map { i, item in
            let p = "\(path)[\(i)]"
            if item.scalar != nil { return FileReference(source: try item.asString(p)) }
            guard let source = item["source"] else { throw ComposeError("\(p): needs a source", at: item.location) }
            var r = FileReference(source: try source.asString("\(p).source"))
            r.target = try item["target"]?.asOptionalString("\(p).target")
            if let m = item["mode"], !m.isNull {
                let text = try m.asString("\(p).mode")
                // `0440` is octal, as in a chmod.
                if text.hasPrefix("0o") { r.mode = Int(text.dropFirst(2), radix: 8) }
                else if text.count > 1, text.hasPrefix("0") { r.mode = Int(text, radix: 8) }
                else { r.mode = Int(text) }
                if r.mode == nil { throw ComposeError("\(p).mode must be a file mode like 0440, found \"\(text)\"", at: m.location) }
            }
            return r
        }
    }
}

/// A service's `networks` (a mapping after Canonical): aliases and fixed address.
enum ServiceNetworksSyntax {
    static func transform(_ node: YAMLNode, service: String) throws -> [String: ServiceNetwork] {
        let path = "services.\(service).networks"
        var out: [String: ServiceNetwork] = [:]
        for e in try node.asMapping(path) {
            var n = ServiceNetwork()
            if !e.value.isNull {
                _ = try e.value.asMapping("\(path).\(e.key)")
                if let a = e.value["aliases"] { n.aliases = try a.asStringList("\(path).\(e.key).aliases") }
                n.ipv4Address = try e.value["ipv4_address"]?.asOptionalString("\(path).\(e.key).ipv4_address")
            }
            out[e.key] = n
        }
        return out
    }
}
