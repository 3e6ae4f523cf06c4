/// An Amazon Cognito user pool and its app client, replacing a hosted identity provider the code uses
/// (Firebase Authentication). Sign-in by email; the password policy and MFA setting are the Blueprint's,
/// so every renderer writes the same pool.
public struct UserPool: Sendable, Codable, Equatable {
    /// Logical name (`users`).
    public var name: String
    /// What it replaces, in the plan's words (`Firebase Authentication`).
    public var replaces: String
    public var minimumPasswordLength: Int
    /// `OFF`, `OPTIONAL` or `ON`.
    public var mfa: String
    public var deletionProtection: Bool
    /// Workloads that verify tokens or manage users with it (sorted); they get its ids as env vars.
    public var clients: [String]
    public var decisions: [Decision]

    public init(name: String, replaces: String, minimumPasswordLength: Int = 12, mfa: String = "OPTIONAL",
                deletionProtection: Bool = false, clients: [String] = [], decisions: [Decision] = []) {
        self.name = name
        self.replaces = replaces
        self.minimumPasswordLength = minimumPasswordLength
        self.mfa = mfa
        self.deletionProtection = deletionProtection
        self.clients = clients
        self.decisions = decisions
    }
}
