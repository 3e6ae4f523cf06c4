import Blueprint
import Foundation

/// `ferry check --format json`: a stable shape for scripts (keys sorted, findings sorted).
public enum JSONReport {
    struct Document: Encodable {
        var summary: Summary
        var findings: [Item]
        var unusedWaivers: [Waiver]
        enum CodingKeys: String, CodingKey { case summary, findings, unusedWaivers = "unused_waivers" }
    }
    struct Summary: Encodable {
        var checks: Int
        var findings: Int
        var waived: Int
        var failOn: String
        var failing: Int
        var passed: Bool
        enum CodingKeys: String, CodingKey { case checks, findings, waived, failOn = "fail_on", failing, passed }
    }
    struct Item: Encodable {
        var id: String
        var severity: String
        var title: String
        var message: String
        var subject: String
        var service: String?
        var evidence: [Evidence]
        var fix: String
        var related: [String]
        var waived: Bool
        var waiverReason: String?
        enum CodingKeys: String, CodingKey {
            case id, severity, title, message, subject, service, evidence, fix, related, waived
            case waiverReason = "waiver_reason"
        }

        // Absent values are written as null so every finding has the same keys.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(severity, forKey: .severity)
            try c.encode(title, forKey: .title)
            try c.encode(message, forKey: .message)
            try c.encode(subject, forKey: .subject)
            try c.encode(service, forKey: .service)
            try c.encode(evidence, forKey: .evidence)
            try c.encode(fix, forKey: .fix)
            try c.encode(related, forKey: .related)
            try c.encode(waived, forKey: .waived)
            try c.encode(waiverReason, forKey: .waiverReason)
        }
    }

    public static func render(_ report: PolicyReport, failOn: CheckSeverity) -> String {
        let failing = report.failing(at: failOn)
        let doc = Document(
            summary: Summary(checks: report.checks.count, findings: report.findings.filter { !$0.isWaived }.count,
                             waived: report.findings.filter(\.isWaived).count, failOn: failOn.rawValue,
                             failing: failing.count, passed: failing.isEmpty),
            findings: report.findings.map {
                Item(id: $0.finding.id, severity: $0.severity.rawValue, title: $0.title, message: $0.finding.message,
                     subject: $0.finding.subject, service: $0.service, evidence: $0.finding.evidence, fix: $0.finding.fix,
                     related: $0.finding.relatedChecks, waived: $0.isWaived, waiverReason: $0.finding.waiver)
            },
            unusedWaivers: report.unusedWaivers)
        return encode(doc)
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
