/// The execution role pulls images and reads secrets for ECS; the task role is what the app may do.
struct IAMSharedTaskRole: PolicyCheck {
    let id = "FERRY-IAM-004"
    let severity = CheckSeverity.high
    let title = "Task and execution roles are separate"
    let rationale = "When one role serves both, the application can read every secret of every container and pull any image."
    let fix = "Give each task definition its own TaskRoleArn, distinct from ExecutionRoleArn."
    let related: [String] = []

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.template != nil else {
            return c.deployedWorkloads.filter { $0.taskRole == $0.executionRole }.map {
                c.violation(service: $0.name, subject: "workloads.\($0.name).taskRole", "task role and execution role are both \($0.taskRole)")
            }
        }
        return c.resources("AWS::ECS::TaskDefinition").compactMap { r in
            guard let exec = r.properties["ExecutionRoleArn"], let task = r.properties["TaskRoleArn"] else { return nil }
            let same = exec == task || (TemplateDocument.referencedID(exec) != nil
                                        && TemplateDocument.referencedID(exec) == TemplateDocument.referencedID(task))
            return same ? c.violation(r, "TaskRoleArn and ExecutionRoleArn are the same role") : nil
        }
    }
}
