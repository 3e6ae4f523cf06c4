/// `depends_on` (mapping after Canonical): condition, restart and required filled in,
/// sorted by service name.
enum DependsOnSyntax {
    static let conditions: Set<String> = ["service_started", "service_healthy", "service_completed_successfully"]

    static func transform(_ node: YAMLNode, service: String) throws -> [Dependency] {
        let path = "services.\(service).depends_on"
        var out: [Dependency] = []
        for e in try node.asMapping(path) {
            var d = Dependency(service: e.key)
            if !e.value.isNull {
                _ = try e.value.asMapping("\(path).\(e.key)")
                if let c = e.value["condition"] {
                    let condition = try c.asString("\(path).\(e.key).condition")
                    guard conditions.contains(condition) else {
                        throw ComposeError("\(path).\(e.key).condition must be one of \(conditions.sorted().joined(separator: ", ")), found \"\(condition)\"", at: c.location)
                    }
                    d.condition = condition
                }
                if let r = e.value["restart"] { d.restart = try r.asBool("\(path).\(e.key).restart") }
                if let r = e.value["required"] { d.required = try r.asBool("\(path).\(e.key).required") }
            }
            out.append(d)
        }
        return out.sorted { $0.service < $1.service }
    }
}
