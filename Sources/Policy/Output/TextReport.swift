import Blueprint

/// `ferry check` for people: worst first, each finding with where, why and how to fix it.
public enum TextReport {
    public static func render(_ report: PolicyReport, failOn: CheckSeverity) -> String {
        var out = ""
        let active = report.findings.filter { !$0.isWaived }
        let waived = report.findings.filter(\.isWaived)
        let failing = report.failing(at: failOn)
        var counts: [String] = []
        for s in CheckSeverity.allCases.reversed() {
            let n = active.filter { $0.severity == s }.count
            if n > 0 { counts.append("\(n) \(s.rawValue)") }
        }
        out += "ferry check: \(report.checks.count) checks, \(active.count) finding\(active.count == 1 ? "" : "s")"
        if !counts.isEmpty { out += " (\(counts.joined(separator: ", ")))" }
        out += ", \(waived.count) waived\n"
        for f in active { out += "\n" + block(f) }
        if !waived.isEmpty {
            out += "\nWaived:\n"
            for f in waived {
                out += "  \(f.finding.id)  \(f.finding.subject): \(f.finding.message)\n"
                out += "    waived: \(f.finding.waiver ?? "")\n"
            }
        }
        if !report.unusedWaivers.isEmpty {
            out += "\nWaivers that matched no finding (remove them):\n"
            for w in report.unusedWaivers {
                out += "  \(w.id)\(w.service.map { " (service \($0))" } ?? "")\(w.origin.map { " at \($0)" } ?? "")\n"
            }
        }
        out += "\n"
        if failing.isEmpty {
            out += "PASS: no finding at or above \(failOn.rawValue)\n"
        } else {
            out += "FAIL: \(failing.count) finding\(failing.count == 1 ? "" : "s") at or above \(failOn.rawValue)\n"
        }
        return out
    }

    static func block(_ f: PolicyFinding) -> String {
        var s = "\(f.severity.rawValue.uppercased())  \(f.finding.id)  \(f.title)\n"
        s += "  at: \(f.finding.subject)\n"
        if f.finding.message != f.title { s += "  \(f.finding.message)\n" }
        for e in f.finding.evidence {
            var line = "  evidence: \(e.path)"
            if let v = e.value { line += " = \(v)" }
            if let p = e.position { line += " (\(p))" }
            s += line + "\n"
        }
        s += "  fix: \(f.finding.fix)\n"
        if !f.finding.relatedChecks.isEmpty { s += "  same as: \(f.finding.relatedChecks.joined(separator: ", "))\n" }
        return s
    }
}
