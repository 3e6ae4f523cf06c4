/// Relative paths in a service are relative to the project directory, except in a service
/// taken from another file by `extends` or `include`: there they are relative to that
/// file's directory. Before such a service joins the project, its paths are made absolute.
enum PathRebase {
    static func service(_ node: YAMLNode, base: String, home: String?) -> YAMLNode {
        guard var entries = node.entries else { return node }
        for i in entries.indices {
            var v = entries[i].value
            switch entries[i].key {
            case "build":
                if v.scalar != nil, let t = v.text, !BuildSyntax.isRemote(t) { v = replacingText(v, Paths.resolve(t, against: base, home: home)) }
                else if let ctx = v["context"]?.text, !BuildSyntax.isRemote(ctx), let node = v["context"] {
                    v.set("context", replacingText(node, Paths.resolve(ctx, against: base, home: home)))
                } else if v.entries != nil, v["context"] == nil {
                    v.set("context", .string(base, at: v.location))
                }
            case "env_file", "label_file":
                v = mapItems(v) { item in
                    if let t = item.text { return replacingText(item, Paths.resolve(t, against: base, home: home)) }
                    var item = item
                    if let p = item["path"], let t = p.text { item.set("path", replacingText(p, Paths.resolve(t, against: base, home: home))) }
                    return item
                }
            case "volumes":
                v = mapItems(v) { item in
                    if let t = item.text, var m = VolumeSyntax.parse(t), m.type == .bind, let s = m.source {
                        m.source = Paths.resolve(s, against: base, home: home)
                        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
                        let rest = parts.dropFirst().joined(separator: ":")
                        return replacingText(item, (m.source ?? s) + ":" + rest)
                    }
                    var item = item
                    if item["type"]?.text == "bind", let s = item["source"], let t = s.text {
                        item.set("source", replacingText(s, Paths.resolve(t, against: base, home: home)))
                    }
                    return item
                }
            case "extends":
                if var ext = v.entries.map({ _ in v }), let f = ext["file"], let t = f.text {
                    ext.set("file", replacingText(f, Paths.resolve(t, against: base, home: home)))
                    v = ext
                }
            default:
                continue
            }
            entries[i].value = v
        }
        var out = node
        out.kind = .mapping(entries)
        return out
    }

    /// A top-level `secrets`/`configs` entry with its `file:` made absolute.
    static func fileObject(_ node: YAMLNode, base: String, home: String?) -> YAMLNode {
        guard let f = node["file"], let t = f.text else { return node }
        var out = node
        out.set("file", replacingText(f, Paths.resolve(t, against: base, home: home)))
        return out
    }

    static func replacingText(_ node: YAMLNode, _ text: String) -> YAMLNode {
        guard case var .scalar(s) = node.kind else { return node }
        s.text = text
        var out = node
        out.kind = .scalar(s)
        return out
    }

    static func mapItems(_ node: YAMLNode, _ f: (YAMLNode) -> YAMLNode) -> YAMLNode {
        guard let items = node.items else { return node }
        var out = node
        out.kind = .sequence(items.map(f))
        return out
    }
}
