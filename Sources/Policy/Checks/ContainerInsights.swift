import Blueprint
/// Container Insights gives per-task CPU and memory for right-sizing and incident work. Below prod it is a
/// cost trade-off (~21 custom metrics per service): the free AWS/ECS service metrics back the alarms.
struct ContainerInsights: PolicyCheck {
    let id = "FERRY-ECS-005"
    let severity = CheckSeverity.low
    let title = "ECS clusters enable Container Insights at prod tier"
    let rationale = "Without it there are no per-task metrics to size tasks or explain restarts."
    let fix = "Set ClusterSettings: [{Name: containerInsights, Value: enabled}]."
    let related = ["checkov:CKV_AWS_65"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.tier == .prod else { return [] }
        return c.resources("AWS::ECS::Cluster").filter { r in
            !(r.properties["ClusterSettings"]?.array ?? []).contains {
                $0["Name"]?.string == "containerInsights" && ["enabled", "enhanced"].contains($0["Value"]?.string ?? "")
            }
        }.map { c.violation($0, "containerInsights is not enabled") }
    }
}
