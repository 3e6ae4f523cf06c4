import ComposeKit
import Blueprint

/// The top-level `x-ferry` block and Docker's project-level `x-aws-*` keys.
struct ProjectOverrides {
    var tier: Tier?
    var region: String?
    var environment: String?
    var domain: String?
    var certificateArn: String?
    var tags: [Tag] = []
    var budgetUSD: Double?
    var namespace: String?
    var natGateways: Int?
    var azCount: Int?
    var logRetentionDays: Int?
    var waivers: [String: String] = [:]
    var existingVpc: String?
    var existingCluster: String?
    var existingLoadBalancer: String?
    var templateOverlay: JSONValue?
    var evidence: [String: Evidence] = [:]
    var unknownKeys: [String] = []

    static let knownKeys: Set<String> = Set([
        "tier", "region", "environment", "env", "domain", "certificate", "certificatearn", "tags", "budget", "namespace",
        "nat", "natgateways", "azs", "azcount", "logretention", "logsretention", "waive", "services",
    ].map(ExtensionReader.normalize))

    init(project: Project) {
        if let x = project.extensions["x-ferry"] {
            let r = ExtensionReader(x, path: "x-ferry")
            for (key, _) in r.entries where !Self.knownKeys.contains(ExtensionReader.normalize(key)) {
                unknownKeys.append("x-ferry.\(key)")
            }
            func note(_ key: String, _ c: ExtensionReader) { evidence[key] = Evidence(path: c.path, value: c.string) }
            if let c = r.child("tier"), let v = c.string {
                tier = Tier(rawValue: v.lowercased()); note("tier", c)
                if tier == nil { unknownKeys.append("x-ferry.tier=\(v)") }
            }
            if let c = r.child("region"), let v = c.string { region = v; note("region", c) }
            if let c = r.child("environment", "env"), let v = c.string { environment = v; note("environment", c) }
            if let c = r.child("domain"), let v = c.string, !v.isEmpty { domain = v; note("domain", c) }
            if let c = r.child("certificate", "certificatearn"), let v = c.string, !v.isEmpty { certificateArn = v; note("certificate", c) }
            if let c = r.child("tags") {
                tags = c.entries.compactMap { k, v in v.string.map { Tag(key: k, value: $0) } }
            }
            if let c = r.child("budget") {
                budgetUSD = c.double ?? c.child("monthly", "limit", "amount")?.double; note("budget", c)
            }
            if let c = r.child("namespace"), let v = c.string { namespace = v; note("namespace", c) }
            if let c = r.child("nat", "natgateways"), let v = c.int, v >= 0 { natGateways = v; note("nat", c) }
            if let c = r.child("azs", "azcount"), let v = c.int, (1...6).contains(v) { azCount = v; note("azs", c) }
            if let c = r.child("logretention", "logsretention"), let v = c.int, v > 0 { logRetentionDays = v; note("logRetention", c) }
            if let w = r.child("waive") {
                for (id, reason) in w.entries { waivers[id] = reason.string ?? "waived" }
            }
        }
        func aws(_ key: String) -> ExtensionReader? { project.extensions[key].map { ExtensionReader($0, path: key) } }
        if let c = aws("x-aws-vpc"), let v = c.string { existingVpc = v; evidence["x-aws-vpc"] = Evidence(path: c.path, value: v) }
        if let c = aws("x-aws-cluster"), let v = c.string { existingCluster = v; evidence["x-aws-cluster"] = Evidence(path: c.path, value: v) }
        if let c = aws("x-aws-loadbalancer"), let v = c.string {
            existingLoadBalancer = v; evidence["x-aws-loadbalancer"] = Evidence(path: c.path, value: v)
        }
        if let c = aws("x-aws-logs_retention"), let v = c.int, v > 0 {
            logRetentionDays = logRetentionDays ?? v; evidence["x-aws-logs_retention"] = Evidence(path: c.path, value: String(v))
        }
        if let c = aws("x-aws-cloudformation") { templateOverlay = c.json; evidence["x-aws-cloudformation"] = Evidence(path: c.path) }
    }
}
