/// Something must notice when the service is down before users do.
struct AlarmsPresent: PolicyCheck {
    let id = "FERRY-OBS-001"
    let severity = CheckSeverity.medium
    let title = "Alarms watch the application and notify someone (mvp and prod tiers)"
    let rationale = "Without alarms on 5xx, unhealthy hosts and database CPU, outages are found by users."
    let fix = "Keep ferry's alarms (ALB 5xx and latency, unhealthy hosts, ECS CPU/memory, database CPU/storage, cache CPU) with AlarmActions to the SNS topic."
    let related: [String] = []

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.tier >= .mvp else { return [] }
        guard let t = c.template else {
            guard let bp = c.blueprint, !c.deployedWorkloads.isEmpty else { return [] }
            if bp.alarms.isEmpty { return [Violation(subject: "alarms", message: "no alarms at tier \(c.tier.rawValue)")] }
            return bp.alarmTopic == nil ? [Violation(subject: "alarmTopic", message: "alarms notify nobody (no SNS topic)")] : []
        }
        let alarms = t.resources(ofType: "AWS::CloudWatch::Alarm")
        let deployable = !t.resources(ofType: "AWS::ECS::Service").isEmpty
        if alarms.isEmpty {
            return deployable ? [Violation(subject: "template.Resources", message: "no CloudWatch alarms at tier \(c.tier.rawValue)")] : []
        }
        return alarms.filter { ($0.properties["AlarmActions"]?.array ?? []).isEmpty }
            .map { c.violation($0, "alarm notifies nobody (no AlarmActions)") }
    }
}
