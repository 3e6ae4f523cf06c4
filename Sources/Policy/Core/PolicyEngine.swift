import Blueprint

/// A finding of `ferry check`: the shared `Finding` plus the check's own severity and title.
public struct PolicyFinding: Sendable, Equatable {
    public var finding: Finding
    public var severity: CheckSeverity
    public var title: String
    /// The compose service the finding belongs to, if any.
    public var service: String?

    public var isWaived: Bool { finding.waiver != nil }
}

/// The outcome of one run: every finding (waived ones included, marked), sorted for stable output.
public struct PolicyReport: Sendable, Equatable {
    public var findings: [PolicyFinding]
    /// The checks that ran, for SARIF's rule list and `--list`.
    public var checks: [CheckInfo]
    /// Waivers that matched nothing (stale waivers are worth removing).
    public var unusedWaivers: [Waiver]

    /// Findings that count against `--fail-on`.
    public func failing(at threshold: CheckSeverity) -> [PolicyFinding] {
        findings.filter { !$0.isWaived && $0.severity >= threshold }
    }
}

/// A check's description without its logic.
public struct CheckInfo: Sendable, Equatable, Codable {
    public var id: String
    public var severity: CheckSeverity
    public var title: String
    public var rationale: String
    public var fix: String
    public var related: [String]

    public init(_ check: any PolicyCheck) {
        id = check.id
        severity = check.severity
        title = check.title
        rationale = check.rationale
        fix = check.fix
        related = check.related
    }
}

/// Runs checks, applies waivers, and folds in the planner's own findings (dev-only flags, dropped keys).
public struct PolicyEngine: Sendable {
    public var checks: [any PolicyCheck]

    public init(checks: [any PolicyCheck] = PolicyPack.all) { self.checks = checks }

    public func run(_ context: PolicyContext, waivers: [Waiver] = [], includePlannerFindings: Bool = true) -> PolicyReport {
        var findings: [PolicyFinding] = []
        var used = Set<Int>()
        func waiver(for id: String, service: String?) -> Waiver? {
            for (i, w) in waivers.enumerated() where w.matches(checkID: id, service: service) {
                used.insert(i)
                return w
            }
            return nil
        }
        for check in checks {
            var seen = Set<String>()
            for v in check.evaluate(context) where seen.insert(v.subject + "\u{1F}" + v.message).inserted {
                let w = waiver(for: check.id, service: v.service)
                let f = Finding(id: check.id, severity: check.severity.findingSeverity, message: v.message,
                                subject: v.subject, evidence: v.evidence, fix: check.fix, waiver: w?.reason,
                                relatedChecks: check.related)
                findings.append(PolicyFinding(finding: f, severity: check.severity, title: check.title, service: v.service))
            }
        }
        if includePlannerFindings, let blueprint = context.blueprint {
            for var f in blueprint.findings {
                let service = Self.service(ofSubject: f.subject)
                if f.waiver == nil, let w = waiver(for: f.id, service: service) { f.waiver = w.reason }
                findings.append(PolicyFinding(finding: f, severity: CheckSeverity(f.severity), title: f.message, service: service))
            }
        }
        findings.sort { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if a.finding.id != b.finding.id { return a.finding.id < b.finding.id }
            if a.finding.subject != b.finding.subject { return a.finding.subject < b.finding.subject }
            return a.finding.message < b.finding.message
        }
        let unused = waivers.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        return PolicyReport(findings: findings, checks: checks.map(CheckInfo.init).sorted { $0.id < $1.id },
                            unusedWaivers: unused)
    }

    /// `services.gateway.environment.X` → `gateway`.
    static func service(ofSubject subject: String) -> String? {
        let parts = subject.split(separator: ".")
        guard parts.count >= 2, parts[0] == "services" || parts[0] == "workloads" else { return nil }
        return String(parts[1])
    }
}
