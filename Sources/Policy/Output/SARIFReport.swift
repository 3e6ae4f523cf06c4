import Blueprint
import Foundation

/// `ferry check --format sarif`: SARIF 2.1.0, the format GitHub code scanning uploads
/// (`github/codeql-action/upload-sarif`). Waived findings are kept as results with an external
/// suppression carrying the reason, so code scanning shows them as dismissed rather than losing them.
public enum SARIFReport {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// - Parameters:
    ///   - baseDirectory: paths under it are written relative (code scanning wants repository paths).
    ///   - defaultURI: the file a finding without a compose position is attached to (the first compose file).
    public static func render(_ report: PolicyReport, baseDirectory: String, defaultURI: String, toolVersion: String) -> String {
        var ruleIDs = report.checks.map(\.id)
        var rules: [[String: Any]] = report.checks.map(rule)
        // Planner findings have ids outside the policy pack: describe them from the finding itself.
        for f in report.findings where !ruleIDs.contains(f.finding.id) {
            ruleIDs.append(f.finding.id)
            rules.append(rule(CheckInfo(id: f.finding.id, severity: f.severity, title: f.title, fix: f.finding.fix,
                                        related: f.finding.relatedChecks)))
        }
        let results: [[String: Any]] = report.findings.map { f in
            var r: [String: Any] = [
                "ruleId": f.finding.id,
                "ruleIndex": ruleIDs.firstIndex(of: f.finding.id) ?? 0,
                "level": f.severity.sarifLevel,
                "message": ["text": "\(f.finding.message) (\(f.finding.subject))"],
                "locations": [location(f.finding, base: baseDirectory, defaultURI: defaultURI)],
                "partialFingerprints": ["ferrySubject/v1": "\(f.finding.id):\(f.finding.subject)"],
                "properties": ["subject": f.finding.subject, "security-severity": f.severity.securityScore],
            ]
            if let reason = f.finding.waiver {
                r["suppressions"] = [["kind": "external", "justification": reason]]
            }
            return r
        }
        let doc: [String: Any] = [
            "$schema": schema,
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "ferry",
                    "informationUri": "https://github.com/ferry-cli/ferry/blob/main/docs/POLICY.md",
                    "semanticVersion": toolVersion,
                    "version": toolVersion,
                    "rules": rules,
                ]],
                "columnKind": "unicodeCodePoints",
                "results": results,
            ]],
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: doc,
                                                     options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "{}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func rule(_ c: CheckInfo) -> [String: Any] {
        var tags = ["security"]
        tags.append(contentsOf: c.related)
        return [
            "id": c.id,
            "name": c.id.replacingOccurrences(of: "-", with: ""),
            "shortDescription": ["text": c.title],
            "fullDescription": ["text": c.rationale.isEmpty ? c.title : c.rationale],
            "help": ["text": "Fix: \(c.fix)", "markdown": "**Fix:** \(c.fix)"],
            "defaultConfiguration": ["level": c.severity.sarifLevel],
            "properties": ["security-severity": c.severity.securityScore, "tags": tags, "precision": "high"],
        ]
    }

    static func location(_ f: Finding, base: String, defaultURI: String) -> [String: Any] {
        let position = f.evidence.compactMap(\.position).sorted().first
        let uri = relative(position?.file ?? defaultURI, to: base)
        var region: [String: Any] = ["startLine": max(position?.line ?? 1, 1)]
        if let c = position?.column, c > 0 { region["startColumn"] = c }
        return [
            "physicalLocation": ["artifactLocation": ["uri": uri], "region": region],
            "logicalLocations": [["fullyQualifiedName": f.subject]],
        ]
    }

    static func relative(_ path: String, to base: String) -> String {
        let b = base.hasSuffix("/") ? base : base + "/"
        if path.hasPrefix(b) { return String(path.dropFirst(b.count)) }
        return path
    }
}

extension CheckInfo {
    init(id: String, severity: CheckSeverity, title: String, fix: String, related: [String]) {
        self.id = id
        self.severity = severity
        self.title = title
        self.rationale = ""
        self.fix = fix
        self.related = related
    }
}
