/// How much a finding matters. `error` fails `ferry check` (exit 1) unless waived.
public enum Severity: String, Sendable, Codable, Equatable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Something a person must know or do: from the planner (a dev-only flag, a dropped key,
/// a flagged default) or from a policy check. Shared by Planner, Policy and the renderers.
public struct Finding: Sendable, Codable, Equatable {
    /// Stable identifier, e.g. `FERRY-PLAN-001` or a policy check id; scripts match on it.
    public var id: String
    public var severity: Severity
    /// What is wrong, in one sentence. Never contains a secret value.
    public var message: String
    /// What it is about: a compose path (`services.gateway.environment.DEV_BYPASS_AUTH`) or
    /// a Blueprint element (`workloads.api`).
    public var subject: String
    public var evidence: [Evidence]
    /// What to do about it.
    public var fix: String
    /// Set when the finding was accepted on purpose (`x-ferry.waive`): the reason given.
    public var waiver: String?
    /// Matching checks of other tools (`cfn-lint:W3005`, `checkov:CKV_AWS_18`).
    public var relatedChecks: [String]

    public init(id: String, severity: Severity, message: String, subject: String, evidence: [Evidence] = [],
                fix: String, waiver: String? = nil, relatedChecks: [String] = []) {
        self.id = id
        self.severity = severity
        self.message = message
        self.subject = subject
        self.evidence = evidence
        self.fix = fix
        self.waiver = waiver
        self.relatedChecks = relatedChecks
    }

    /// True when the finding counts: not waived.
    public var isActive: Bool { waiver == nil }
}
