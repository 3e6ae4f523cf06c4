import Foundation
import Blueprint

/// `ferry plan` output: the JSON contract (DESIGN.md), Markdown, and a plain-text table.
/// Deterministic: the same Blueprint always gives the same bytes.
public enum PlanFormatter {
    public static func json(_ b: Blueprint) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? enc.encode(PlanSummary(b)) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The full Blueprint as JSON (`plan --format blueprint`), for renderers and debugging.
    public static func blueprintJSON(_ b: Blueprint) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? enc.encode(b) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func table(_ b: Blueprint) -> String {
        var out = "Plan for \(b.project) — tier \(b.tier.rawValue), region \(b.region)\n\n"
        let rows = b.services.map { [$0.name, $0.role.rawValue, $0.target.rawValue, $0.isPublic ? "yes" : "no", $0.reasons.first ?? ""] }
        out += aligned([["SERVICE", "ROLE", "TARGET", "PUBLIC", "WHY"]] + rows)
        // A dropped key said the same way for several services is listed once, with their names.
        func line(_ d: DroppedKey) -> String { "\(d.key): \(d.reason) → \(d.instead)" }
        var sharers: [String: [String]] = [:]
        for s in b.services { for l in Set(s.dropped.map(line)) { sharers[l, default: []].append(s.name) } }
        let shared = sharers.filter { $0.value.count > 1 }
        let more = b.services.filter { s in s.reasons.count > 1 || s.dropped.contains { shared[line($0)] == nil } }
        if !more.isEmpty {
            out += "\nDetails:\n"
            for s in more {
                out += "  \(s.name)\n"
                for r in s.reasons.dropFirst() { out += "    - \(r)\n" }
                for d in s.dropped where shared[line(d)] == nil { out += "    - dropped \(line(d))\n" }
            }
        }
        if !shared.isEmpty {
            out += "\nDropped from several services:\n"
            for (l, names) in shared.sorted(by: { $0.key < $1.key }) {
                out += "  - \(l) (\(names.sorted().joined(separator: ", ")))\n"
            }
        }
        if let lb = b.loadBalancer {
            var routes = lb.rules.map { r in "\(r.pathPatterns.last ?? "") → \(workload(of: r.targetGroup, lb))" }
            if let d = lb.defaultTargetGroup { routes.append("/* → \(workload(of: d, lb))") }
            out += "\nLoad balancer: \(routes.joined(separator: ", "))\n"
        }
        if let nlb = b.networkLoadBalancer, !nlb.listeners.isEmpty {
            out += "Network load balancer: \(nlb.listeners.map { "\($0.port)/\($0.proto.lowercased()) → \($0.workload)" }.joined(separator: ", "))\n"
        }
        if let sd = b.serviceDiscovery {
            out += "Cloud Map (\(sd.name)): \(sd.services.map(\.name).joined(separator: ", "))\n"
        }
        if !b.ec2CapacityProviders.isEmpty {
            out += "GPU capacity: " + b.ec2CapacityProviders.map { "\($0.workload) on \($0.instanceType) (\($0.minSize)–\($0.maxSize) instances)" }.joined(separator: ", ") + "\n"
        }
        let env = PlanSummary(b).env
        if !env.isEmpty {
            let counts = EnvDisposition.allCases.compactMap { d -> String? in
                let n = env.filter { $0.disposition == d }.count
                return n == 0 ? nil : "\(n) \(d.rawValue)"
            }
            out += "Environment: \(counts.joined(separator: ", ")) (--format json or markdown lists each variable)\n"
        }
        if let changes = b.codeChanges, !changes.isEmpty {
            out += "Code changes: " + changes.map { "\($0.service) \($0.from) → \($0.to)" }.joined(separator: "; ") + " (--format markdown lists the calls and lines)\n"
        }
        out += "Resources: \(ResourceCounter.total(b)) CloudFormation resources\n"
        out += findingsText(b.findings)
        return out
    }

    public static func markdown(_ b: Blueprint) -> String {
        var out = "# Plan for \(b.project)\n\nTier `\(b.tier.rawValue)`, region `\(b.region)`.\n\n## Services\n\n"
        out += "| Service | Role | Target | Public | Why |\n|---|---|---|---|---|\n"
        for s in b.services {
            out += "| \(cell(s.name)) | \(s.role.rawValue) | \(s.target.rawValue) | \(s.isPublic ? "yes" : "no") | \(cell(s.reasons.joined(separator: "; "))) |\n"
        }
        let dropped = b.services.flatMap { s in s.dropped.map { (s.name, $0) } }
        if !dropped.isEmpty {
            out += "\n## Compose settings that do not carry over\n\n| Service | Key | Why | Instead |\n|---|---|---|---|\n"
            for (name, d) in dropped { out += "| \(cell(name)) | `\(d.key)` | \(cell(d.reason)) | \(cell(d.instead)) |\n" }
        }
        if let lb = b.loadBalancer {
            out += "\n## Load balancer\n\n| Path | Service | Health check |\n|---|---|---|\n"
            for r in lb.rules {
                let tg = lb.targetGroups.first { $0.name == r.targetGroup }
                out += "| `\(r.pathPatterns.last ?? "")` | \(cell(tg?.workload ?? r.targetGroup)) | `\(tg?.healthCheckPath ?? "/")` |\n"
            }
            if let d = lb.defaultTargetGroup, let tg = lb.targetGroups.first(where: { $0.name == d }) {
                out += "| `/*` (default) | \(cell(tg.workload)) | `\(tg.healthCheckPath)` |\n"
            }
        }
        let env = PlanSummary(b).env
        if !env.isEmpty {
            out += "\n## Environment\n\n| Service | Variable | Disposition | Why |\n|---|---|---|---|\n"
            for e in env { out += "| \(cell(e.service)) | `\(e.name)` | \(e.disposition.rawValue) | \(cell(e.reason)) |\n" }
        }
        out += codeChangesMarkdown(b.codeChanges ?? [])
        let counts = ResourceCounter.count(b)
        out += "\n## Resources\n\n| Type | Count |\n|---|---|\n"
        for (type, n) in counts.sorted(by: { $0.key < $1.key }) { out += "| `\(type)` | \(n) |\n" }
        out += "\n## Findings\n\n"
        if b.findings.isEmpty { out += "None.\n" }
        for f in b.findings {
            out += "- **\(f.severity.rawValue)** `\(f.id)` \(cell(f.message)) — fix: \(cell(f.fix))\(f.waiver.map { " (waived: \(cell($0)))" } ?? "")\n"
        }
        return out
    }

    /// Per service and replaced service: the AWS one, the calls to swap and the lines that use the old SDK.
    static func codeChangesMarkdown(_ changes: [CodeChange]) -> String {
        guard !changes.isEmpty else { return "" }
        var out = "\n## Code changes\n"
        for c in changes {
            out += "\n### \(c.service): \(c.from) → \(c.to)\n\n"
            if let e = c.element { out += "Replaced by `\(e)`.\n\n" }
            for s in c.swaps { out += "- \(s)\n" }
            let sites = c.sites.map { e in
                e.position.map { "- `\($0.file):\($0.line)`" + (e.value.map { " `\($0.replacingOccurrences(of: "`", with: "'"))`" } ?? "") } ?? "- `\(e.path)`"
            }
            if !sites.isEmpty { out += "\nSeen in:\n\n" + sites.joined(separator: "\n") + "\n" }
        }
        return out
    }

    static func findingsText(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "\nNo findings.\n" }
        var out = "\nFindings:\n"
        for f in findings {
            out += "  \(f.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(f.id)  \(f.message)\(f.waiver.map { " (waived: \($0))" } ?? "")\n"
            out += "          fix: \(f.fix)\n"
        }
        return out
    }

    private static func workload(of tg: String, _ lb: LoadBalancer) -> String {
        lb.targetGroups.first { $0.name == tg }?.workload ?? tg
    }

    private static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    private static func aligned(_ rows: [[String]]) -> String {
        guard let width = rows.first?.count else { return "" }
        var widths = Array(repeating: 0, count: width)
        for r in rows { for (i, c) in r.enumerated() where i < width - 1 { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            r.enumerated().map { i, c in i < width - 1 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0) : c }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
