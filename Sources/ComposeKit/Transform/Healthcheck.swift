/// `healthcheck`: `test` as a string (→ `CMD-SHELL`), a list (`CMD`, `CMD-SHELL`, `NONE`),
/// `disable: true` (→ `NONE`); durations in seconds.
enum HealthcheckSyntax {
    static func transform(_ node: YAMLNode, service: String) throws -> Healthcheck? {
        let path = "services.\(service).healthcheck"
        if node.isNull { return nil }
        _ = try node.asMapping(path)
        var test: [String] = []
        if let t = node["test"], !t.isNull {
            if t.scalar != nil {
                test = ["CMD-SHELL", try t.asString("\(path).test")]
            } else {
                test = try t.asList("\(path).test").enumerated().map { try $1.asString("\(path).test[\($0)]") }
                if let first = test.first, !["CMD", "CMD-SHELL", "NONE"].contains(first) {
                    throw ComposeError("\(path).test must start with CMD, CMD-SHELL or NONE, found \"\(first)\"", at: t.location)
                }
            }
        }
        var h = Healthcheck(test: test)
        if let d = node["disable"] { h.disable = try d.asBool("\(path).disable") }
        if h.disable || test.first == "NONE" { h.disable = true; h.test = ["NONE"] }
        if let v = node["interval"] { h.interval = try Durations.seconds(v, "\(path).interval") }
        if let v = node["timeout"] { h.timeout = try Durations.seconds(v, "\(path).timeout") }
        if let v = node["start_period"] { h.startPeriod = try Durations.seconds(v, "\(path).start_period") }
        if let v = node["start_interval"] { h.startInterval = try Durations.seconds(v, "\(path).start_interval") }
        if let v = node["retries"] { h.retries = try v.asInt("\(path).retries") }
        return h
    }

    /// What interpolation put into each word of `test`, indexed like `Healthcheck.test`
    /// (a string test is word 1, after `CMD-SHELL`).
    static func testSubstitutions(_ node: YAMLNode) -> [(Int, [Substitution])] {
        guard let t = node["test"], !t.isNull else { return [] }
        if let s = t.scalar { return [(1, s.substitutions)] }
        return (t.items ?? []).enumerated().map { ($0, $1.scalar?.substitutions ?? []) }
    }
}
