import AWSKit

/// Every target group behind the load balancer has healthy targets.
struct TargetHealthCheck: VerifyCheck {
    func run(_ c: VerifyContext) async -> [VerifyReport.Result] {
        let elb = ELBv2Client(client: c.client)
        var results: [VerifyReport.Result] = []
        for group in c.inventory.resources(of: "AWS::ElasticLoadBalancingV2::TargetGroup") {
            guard let arn = group.physicalID else { continue }
            let targets: [ELBv2Client.TargetHealth]
            do { targets = try await elb.targetHealth(targetGroupArn: arn) } catch {
                results.append(c.failure("targets", group.logicalID, error)); continue
            }
            let healthy = targets.filter { $0.state == "healthy" }
            if targets.isEmpty {
                results.append(c.result("targets", group.logicalID, .warn, "no targets registered yet (a service registers its tasks as they start)"))
            } else if healthy.count == targets.count {
                results.append(c.result("targets", group.logicalID, .pass, "\(healthy.count)/\(targets.count) healthy"))
            } else {
                let bad = targets.filter { $0.state != "healthy" }.prefix(3).map { t in
                    "\(t.id):\(t.port) \(t.state)" + ([t.reason, t.description].compactMap { $0 }.isEmpty ? "" : " (\([t.reason, t.description].compactMap { $0 }.joined(separator: ": ")))")
                }
                results.append(c.result("targets", group.logicalID, .fail, "\(healthy.count)/\(targets.count) healthy; " + bad.joined(separator: ", ")))
            }
        }
        return results
    }
}
