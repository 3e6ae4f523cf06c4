import Foundation

/// One secret or parameter to set: where it goes, where its value was found, and the value itself
/// (held in memory only: never written to a checkpoint, a log or the output).
public struct SecretItem: Sendable {
    public enum Store: String, Sendable, Codable { case secretsManager = "secretsmanager", parameterStore = "ssm" }

    /// Logical name in the plan (`jwt-secret`).
    public var name: String
    /// Secret name or ARN, or parameter path.
    public var target: String
    public var store: Store
    /// Where the Compose side had it: `.env (JWT_SECRET)`, `secrets/db_password.txt`, `compose.yaml:12:7`.
    public var source: String
    /// nil: the Compose side has no value for it.
    public var value: String?
    /// The template generates the value (random at deploy); left alone unless asked.
    public var generated: Bool
    /// The stack owns the value (RDS-managed credentials, composed URLs): never overwritten.
    public var stackOwned: Bool

    public init(name: String, target: String, store: Store, source: String, value: String?, generated: Bool = false, stackOwned: Bool = false) {
        self.name = name
        self.target = target
        self.store = store
        self.source = source
        self.value = value
        self.generated = generated
        self.stackOwned = stackOwned
    }
}
