/// A container without a log driver fails silently.
struct ContainerLogging: PolicyCheck {
    let id = "FERRY-ECS-004"
    let severity = CheckSeverity.medium
    let title = "Containers send logs to CloudWatch"
    let rationale = "Without LogConfiguration a crashing container leaves no trace to debug from."
    let fix = "Set LogConfiguration with the awslogs driver and a log group that has a retention period."
    let related: [String] = []

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.containers.filter { $0.container["LogConfiguration"] == nil }.map {
            c.violation($0.task, "container \($0.container["Name"]?.string ?? "?") has no LogConfiguration")
        }
    }
}
