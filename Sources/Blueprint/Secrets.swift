/// A Secrets Manager secret. The Blueprint holds how a secret gets its value, never the value.
public struct SecretSpec: Sendable, Codable, Equatable {
    /// Logical name (`jwt-secret`), referenced by `EnvValue.secret(name:)`.
    public var name: String
    /// Secret name in Secrets Manager (`smartboard/mvp/jwt-secret`).
    public var secretName: String
    public var description: String
    public var generation: SecretGeneration
    /// Workloads whose execution role may read it (sorted).
    public var consumers: [String]
    public var decisions: [Decision]

    public init(name: String, secretName: String, description: String, generation: SecretGeneration,
                consumers: [String] = [], decisions: [Decision] = []) {
        self.name = name
        self.secretName = secretName
        self.description = description
        self.generation = generation
        self.consumers = consumers
        self.decisions = decisions
    }
}

/// How a secret gets its value.
public enum SecretGeneration: Sendable, Codable, Equatable {
    /// Generated at deploy time (`GenerateSecretString`); used for development defaults such as
    /// `change-me…` and for auth tokens. `jsonKey` set: stored as `{"<jsonKey>": "..."}`.
    case generated(length: Int, excludePunctuation: Bool, jsonKey: String?)
    /// Supplied by a person (`aws secretsmanager put-secret-value` or the console) before the app starts:
    /// API keys, OAuth client secrets. The template creates an empty placeholder.
    case provided
    /// A data store's master credentials; `by` names the store (`Blueprint.dataStores[].name`). RDS
    /// creates and rotates them (`ManageMasterUserPassword`) when the store's `credentials` is `.service`;
    /// otherwise (DocumentDB, or a relational store whose plan chose `.template`) the template generates
    /// them once. JSON keys `username` and `password`.
    case managed(by: String)
    /// Built at deploy time from other elements, e.g. a database URL:
    /// `postgresql://{username}:{password}@{host}:{port}/db`, `{x}` naming keys of `parts`.
    case composed(template: String, parts: [String: ResourceReference])
}

/// An SSM Parameter Store parameter for plain configuration. `value` is never a secret
/// (secrets go to `SecretSpec`).
public struct ParameterSpec: Sendable, Codable, Equatable {
    /// Logical name (`node-env`), referenced by `EnvValue.parameter(name:)`.
    public var name: String
    /// Parameter path (`/smartboard/mvp/node-env`).
    public var parameterName: String
    public var value: String
    public var description: String
    /// Workloads reading it (sorted).
    public var consumers: [String]
    public var decisions: [Decision]

    public init(name: String, parameterName: String, value: String, description: String, consumers: [String] = [],
                decisions: [Decision] = []) {
        self.name = name
        self.parameterName = parameterName
        self.value = value
        self.description = description
        self.consumers = consumers
        self.decisions = decisions
    }
}
