/// Top-level `networks`, `volumes`, `secrets` and `configs`.
enum TopLevelSyntax {
    static func networks(_ node: YAMLNode?) throws -> [String: Network] {
        guard let node, !node.isNull else { return [:] }
        var out: [String: Network] = [:]
        for e in try node.asMapping("networks") {
            let p = "networks.\(e.key)"
            var n = Network(location: e.keyLocation)
            if !e.value.isNull {
                _ = try e.value.asMapping(p)
                n.name = try e.value["name"]?.asOptionalString("\(p).name")
                n.driver = try e.value["driver"]?.asOptionalString("\(p).driver")
                n.external = try external(e.value["external"], "\(p).external", name: &n.name)
                if let i = e.value["internal"] { n.isInternal = try i.asBool("\(p).internal") }
            }
            out[e.key] = n
        }
        return out
    }

    static func volumes(_ node: YAMLNode?) throws -> [String: Volume] {
        guard let node, !node.isNull else { return [:] }
        var out: [String: Volume] = [:]
        for e in try node.asMapping("volumes") {
            let p = "volumes.\(e.key)"
            var v = Volume(location: e.keyLocation)
            if !e.value.isNull {
                _ = try e.value.asMapping(p)
                v.name = try e.value["name"]?.asOptionalString("\(p).name")
                v.driver = try e.value["driver"]?.asOptionalString("\(p).driver")
                v.external = try external(e.value["external"], "\(p).external", name: &v.name)
            }
            out[e.key] = v
        }
        return out
    }

    /// `secrets` / `configs`: `file` (made absolute), `environment`, `content`, `external`, `name`.
    static func fileObjects(_ node: YAMLNode?, kind: String, base: String, home: String?) throws -> [String: FileObject] {
        guard let node, !node.isNull else { return [:] }
        var out: [String: FileObject] = [:]
        for e in try node.asMapping(kind) {
            let p = "\(kind).\(e.key)"
            var f = FileObject(location: e.keyLocation)
            _ = try e.value.asMapping(p)
            if let file = try e.value["file"]?.asOptionalString("\(p).file") { f.file = Paths.resolve(file, against: base, home: home) }
            f.environment = try e.value["environment"]?.asOptionalString("\(p).environment")
            f.content = e.value["content"].map { !$0.isNull } ?? false
            f.name = try e.value["name"]?.asOptionalString("\(p).name")
            f.external = try external(e.value["external"], "\(p).external", name: &f.name)
            if f.file == nil, f.environment == nil, !f.content, !f.external {
                throw ComposeError("\(p) needs one of file, environment, content or external", at: e.keyLocation)
            }
            out[e.key] = f
        }
        return out
    }

    /// `external: true`, or the legacy `external: {name: x}`.
    static func external(_ node: YAMLNode?, _ path: String, name: inout String?) throws -> Bool {
        guard let node, !node.isNull else { return false }
        if node.entries != nil {
            if let n = try node["name"]?.asOptionalString("\(path).name") { name = n }
            return true
        }
        return try node.asBool(path)
    }
}
