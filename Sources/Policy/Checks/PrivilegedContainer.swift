/// Fargate refuses privileged containers; on EC2 they are root on the host.
struct PrivilegedContainer: PolicyCheck {
    let id = "FERRY-ECS-001"
    let severity = CheckSeverity.critical
    let title = "Containers are not privileged"
    let rationale = "A privileged container can reach the host's devices and kernel; Fargate rejects the task definition outright."
    let fix = "Remove `privileged: true`; grant the one capability needed (cap_add) or move host-level agents (cadvisor, node-exporter) to managed services (Container Insights)."
    let related = ["checkov:CKV_AWS_334"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.containers.filter { $0.container["Privileged"]?.bool == true }.map {
            c.violation($0.task, "container \($0.container["Name"]?.string ?? "?") is privileged")
        }
    }
}
