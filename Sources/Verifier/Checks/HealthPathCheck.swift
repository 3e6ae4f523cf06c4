import AWSKit
import Foundation

/// The public URL answers on each target group's health path, through the listener rule's path prefix
/// (what a user would `curl`).
struct HealthPathCheck: VerifyCheck {
    func run(_ c: VerifyContext) async -> [VerifyReport.Result] {
        let groups = c.inventory.resources(of: "AWS::ElasticLoadBalancingV2::TargetGroup")
        guard !groups.isEmpty else { return [] }
        guard let base = (c.baseURL ?? c.inventory.output("LoadBalancerURL")).map(Self.trimmed) else {
            return [c.result("http", "LoadBalancerURL", .warn, "the stack has no LoadBalancerURL output; pass --url to check the health paths")]
        }
        let elb = ELBv2Client(client: c.client)
        let described: [ELBv2Client.TargetGroup]
        do { described = try await elb.targetGroups(arns: groups.compactMap(\.physicalID)) } catch {
            return [c.failure("http", base, error)]
        }
        // Path prefixes from the listener rules that forward to each group.
        var prefixes: [String: String] = [:]
        for listener in c.inventory.resources(of: "AWS::ElasticLoadBalancingV2::Listener") {
            guard let arn = listener.physicalID, let rules = try? await elb.rules(listenerArn: arn) else { continue }
            for rule in rules {
                guard let prefix = rule.pathPatterns.map(Self.prefix).filter({ !$0.isEmpty }).min() else { continue }
                for group in rule.targetGroupArns where prefixes[group] == nil { prefixes[group] = prefix }
            }
        }
        var results: [VerifyReport.Result] = []
        for group in described.sorted(by: { $0.name < $1.name }) {
            let path = (prefixes[group.arn] ?? "") + (group.healthCheckPath.hasPrefix("/") ? group.healthCheckPath : "/" + group.healthCheckPath)
            let url = base + path
            do {
                let response = try await c.http.send(method: "GET", url: url, headers: [("User-Agent", "ferry-verify")], body: nil)
                let ok = (200..<400).contains(response.status)
                results.append(c.result("http", url, ok ? .pass : .fail, "HTTP \(response.status)"))
            } catch {
                results.append(c.result("http", url, .fail, "no answer: \(error)"))
            }
        }
        return results
    }

    static func trimmed(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }

    /// `/api/*` → `/api`; `/*` → ``.
    static func prefix(_ pattern: String) -> String {
        var p = pattern
        while p.hasSuffix("*") || p.hasSuffix("/") { p.removeLast() }
        return p.contains("*") || p.contains("?") ? "" : p
    }
}
