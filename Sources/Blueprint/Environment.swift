/// What became of an environment variable on AWS.
public enum EnvDisposition: String, Sendable, Codable, Equatable, CaseIterable {
    /// Secrets Manager secret, injected by ECS `secrets`/`valueFrom`.
    case secret
    /// SSM parameter (plain configuration managed outside the template's task env).
    case parameter
    /// A literal in the task definition's `environment`.
    case plain
    /// Rebuilt for AWS: a connection string or service URL pointing at the managed resource.
    case rewritten
    /// Not set on AWS (replaced by a task role, or a development-only flag).
    case removed
}

/// How a container gets the value of an environment variable.
public enum EnvValue: Sendable, Codable, Equatable {
    /// A literal value (never a secret).
    case literal(String)
    /// An SSM parameter, by `Blueprint.parameters[].name`.
    case parameter(name: String)
    /// A Secrets Manager secret, by `Blueprint.secrets[].name`, optionally one JSON key of it.
    case secret(name: String, key: String?)
    /// An attribute of another element known only at deploy time (a bucket's name, a table's name).
    case reference(ResourceReference)
    /// Built from attributes at deploy time, e.g. `http://{endpoint}:{port}`: `{x}` placeholders
    /// name keys of `parts`. Never sensitive (sensitive templates are composed secrets).
    case template(String, parts: [String: ResourceReference])
    /// Not set.
    case unset
}

/// One environment variable of a workload, classified.
public struct EnvVar: Sendable, Codable, Equatable {
    public var name: String
    public var disposition: EnvDisposition
    public var value: EnvValue
    /// Why, in one sentence (printed by `plan` in `env[].reason`).
    public var reason: String
    /// Key path, redacted value and position of the compose entry.
    public var evidence: [Evidence]
    /// The planner rule that classified it.
    public var rule: String?

    public init(name: String, disposition: EnvDisposition, value: EnvValue, reason: String,
                evidence: [Evidence] = [], rule: String? = nil) {
        self.name = name
        self.disposition = disposition
        self.value = value
        self.reason = reason
        self.evidence = evidence
        self.rule = rule
    }
}
