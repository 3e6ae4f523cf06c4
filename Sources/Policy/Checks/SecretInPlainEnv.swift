import Blueprint
/// Task definition environment values are readable by anyone with ecs:DescribeTaskDefinition.
struct SecretInPlainEnv: PolicyCheck {
    let id = "FERRY-ECS-002"
    let severity = CheckSeverity.critical
    let title = "Secrets reach containers through `secrets`, not plain environment"
    let rationale = "Plain environment values are stored in the task definition, shown in the console and copied into every revision."
    let fix = "Store the value in Secrets Manager (or SSM SecureString) and reference it under the container's Secrets with ValueFrom."
    let related: [String] = []

    /// Names that hold credentials by convention.
    static let secretWords = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "PRIVATE_KEY", "API_KEY", "APIKEY", "ACCESS_KEY", "CREDENTIAL", "AUTH_KEY"]
    /// Names that contain a secret word but hold no secret.
    static let harmless = ["_FILE", "_PATH", "_ARN", "_NAME", "_ID", "_URL_PARAM", "TOKEN_TTL", "TOKEN_EXPIRES", "_EXPIRY", "_LENGTH"]

    static func looksSecret(_ name: String) -> Bool {
        let n = name.uppercased()
        return secretWords.contains { n.contains($0) } && !harmless.contains { n.hasSuffix($0) || n.contains($0 + "_") }
    }

    func evaluate(_ c: PolicyContext) -> [Violation] {
        var out: [Violation] = []
        guard c.template != nil else {
            for w in c.deployedWorkloads {
                for v in w.environment where v.disposition == .plain || v.disposition == .parameter {
                    guard case .literal(let value) = v.value, !value.isEmpty else { continue }
                    if Self.looksSecret(v.name) || Self.hasURLCredentials(value) {
                        out.append(c.violation(service: w.name, subject: "workloads.\(w.name).environment.\(v.name)",
                                               "\(v.name) is delivered as \(v.disposition.rawValue) environment, not as a secret",
                                               evidence: c.envEvidence(service: w.name, name: v.name)))
                    }
                }
            }
            return out
        }
        for (task, container) in c.containers {
            for e in container["Environment"]?.array ?? [] {
                guard let name = e["Name"]?.string else { continue }
                // A value built from a dynamic reference or a Ref to a NoEcho parameter is resolved by ECS, not stored.
                let literal = e["Value"]?.string
                let dynamic = literal?.contains("{{resolve:") ?? true
                let evidence = c.envEvidence(service: c.serviceName(forLogicalID: task.logicalID), name: name)
                if Self.looksSecret(name) && !dynamic && !(literal ?? "").isEmpty {
                    out.append(c.violation(task, "container \(container["Name"]?.string ?? "?") sets \(name) in plain environment", evidence: evidence))
                }
                if let literal, Self.hasURLCredentials(literal) {
                    out.append(c.violation(task, "container \(container["Name"]?.string ?? "?") sets \(name) to a URL with an embedded password", evidence: evidence))
                }
            }
        }
        return out
    }

    /// `scheme://user:password@host`.
    static func hasURLCredentials(_ s: String) -> Bool {
        guard let scheme = s.range(of: "://") else { return false }
        let rest = s[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return false }
        let userinfo = rest[..<at]
        return userinfo.contains(":") && !userinfo.contains("/") && !userinfo.hasSuffix(":")
    }
}
