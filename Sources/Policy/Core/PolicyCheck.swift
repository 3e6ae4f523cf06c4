import Blueprint

/// One security or operability rule. Each check lives in its own file under `Checks/` with a stable
/// id, a severity, what it looks for, how to fix it, and the ids of the same rule in other tools so a
/// reader can match ferry's findings to checkov / cfn-lint / cfn_nag output.
public protocol PolicyCheck: Sendable {
    /// Stable id, `FERRY-<AREA>-<NNN>`; scripts and waivers use it.
    var id: String { get }
    var severity: CheckSeverity { get }
    /// One line: what the check wants to be true.
    var title: String { get }
    /// Why it matters, in a sentence or two.
    var rationale: String { get }
    /// What to do when it fails.
    var fix: String { get }
    /// Same rule elsewhere: `checkov:CKV_AWS_16`, `cfn-lint:I3011`, `cfn_nag:F26`.
    var related: [String] { get }
    /// Violations found in `context`; empty when the check passes or does not apply.
    func evaluate(_ context: PolicyContext) -> [Violation]
}

/// One place a check failed.
public struct Violation: Sendable, Equatable {
    /// The element: `workloads.api`, `template.Resources.DatabaseInstance`, `services.gateway.environment.DEBUG`.
    public var subject: String
    /// What is wrong there. Never contains a secret value.
    public var message: String
    public var evidence: [Evidence]
    /// The compose service the violation belongs to, when there is one (waivers on a service match it).
    public var service: String?

    public init(subject: String, message: String, evidence: [Evidence] = [], service: String? = nil) {
        self.subject = subject
        self.message = message
        self.evidence = evidence
        self.service = service
    }
}
