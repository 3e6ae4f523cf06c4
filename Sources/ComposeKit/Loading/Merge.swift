/// Stage 4: merging several files (and `extends`) by the Compose merge rules:
/// mappings merge key by key, sequences append, scalars are replaced; `command`,
/// `entrypoint` and `healthcheck.test` are replaced whole; `ports`, `volumes`, `expose`,
/// `secrets`, `configs` and plain string lists keep one entry per unique key; `x-` keys are
/// replaced; `logging` merges only when the driver is the same; `!reset` removes a value
/// and `!override` replaces it without merging.
enum Merge {
    static func merge(_ base: YAMLNode, _ over: YAMLNode, path: [String]) -> YAMLNode {
        if over.overrideTag == .override { var o = over; o.overrideTag = nil; return o }
        if path.count == 3, path[0] == "services" {
            switch path[2] {
            case "command", "entrypoint": return over
            case "logging":
                if let a = base["driver"]?.text, let b = over["driver"]?.text, a != b { return over }
            default: break
            }
        }
        if path.count == 4, path[0] == "services", path[2] == "healthcheck", path[3] == "test" { return over }

        switch (base.kind, over.kind) {
        case let (.mapping(a), .mapping(b)):
            var entries = a
            for e in b {
                if e.value.overrideTag == .reset { entries.removeAll { $0.key == e.key }; continue }
                if let i = entries.lastIndex(where: { $0.key == e.key }), !e.key.hasPrefix("x-") {
                    entries[i].value = merge(entries[i].value, e.value, path: path + [e.key])
                } else {
                    entries.removeAll { $0.key == e.key }
                    entries.append(stripResets(e))
                }
            }
            var out = over
            out.kind = .mapping(entries)
            out.location = base.location
            return out
        case let (.sequence(a), .sequence(b)):
            var out = over
            out.kind = .sequence(unique(a + b.filter { $0.overrideTag != .reset }, path: path))
            out.location = base.location
            return out
        default:
            return over
        }
    }

    /// A value from a single file: `!reset` entries inside it just disappear.
    static func stripResets(_ e: YAMLNode.Entry) -> YAMLNode.Entry {
        var e = e
        e.value = stripResets(e.value)
        return e
    }

    static func stripResets(_ node: YAMLNode) -> YAMLNode {
        hasOverrideTags(node) ? stripAll(node) : node
    }

    /// Read-only scan, so the common file without tags is not rebuilt.
    static func hasOverrideTags(_ node: YAMLNode) -> Bool {
        if node.overrideTag != nil { return true }
        switch node.kind {
        case .mapping(let entries): return entries.contains { hasOverrideTags($0.value) }
        case .sequence(let items): return items.contains(where: hasOverrideTags)
        case .scalar: return false
        }
    }

    private static func stripAll(_ node: YAMLNode) -> YAMLNode {
        var node = node
        node.overrideTag = nil
        switch node.kind {
        case .mapping(let entries):
            node.kind = .mapping(entries.filter { $0.value.overrideTag != .reset }.map { e in
                var e = e
                e.value = stripAll(e.value)
                return e
            })
        case .sequence(let items):
            node.kind = .sequence(items.filter { $0.overrideTag != .reset }.map(stripAll))
        case .scalar:
            break
        }
        return node
    }

    /// Later entries replace earlier ones with the same unique key, in the earlier one's place.
    static func unique(_ items: [YAMLNode], path: [String]) -> [YAMLNode] {
        guard path.count == 3, path[0] == "services" else { return items }
        let keyOf: (YAMLNode) -> String?
        switch path[2] {
        case "volumes": keyOf = { n in n.text.map { VolumeSyntax.target(ofShort: $0) } ?? n["target"]?.text }
        case "secrets": keyOf = { n in n.text.map { "/run/secrets/" + $0 } ?? n["target"]?.text ?? n["source"]?.text.map { "/run/secrets/" + $0 } }
        case "configs": keyOf = { n in n.text.map { "/" + $0 } ?? n["target"]?.text ?? n["source"]?.text.map { "/" + $0 } }
        case "ports":
            keyOf = { n in
                if let t = n.text { return t }
                let ip = n["host_ip"]?.text ?? "0.0.0.0", published = n["published"]?.text ?? ""
                let target = n["target"]?.text ?? "", proto = n["protocol"]?.text ?? "tcp"
                return "\(ip):\(published):\(target)/\(proto)"
            }
        case "env_file": keyOf = { n in n.text ?? n["path"]?.text }
        default: keyOf = { n in n.text }
        }
        var out: [YAMLNode] = []
        var index: [String: Int] = [:]
        for item in items {
            if let k = keyOf(item) {
                if let i = index[k] { out[i] = item; continue }
                index[k] = out.count
            }
            out.append(item)
        }
        return out
    }
}
