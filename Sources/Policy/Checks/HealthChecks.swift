/// Without a health check ECS keeps a hung container in service and deployments cannot roll back.
struct HealthChecks: PolicyCheck {
    let id = "FERRY-ECS-003"
    let severity = CheckSeverity.medium
    let title = "Services behind a load balancer or in Cloud Map have health checks"
    let rationale = "The deployment circuit breaker and the load balancer only replace containers they can see failing."
    let fix = "Add a compose healthcheck (it becomes the container HealthCheck) or x-ferry.health.path for the target group."
    let related: [String] = []

    func evaluate(_ c: PolicyContext) -> [Violation] {
        var out: [Violation] = []
        guard c.template != nil else {
            for w in c.deployedWorkloads where w.role == .internal && w.healthCheck == nil {
                out.append(c.violation(service: w.name, subject: "workloads.\(w.name).healthCheck", "internal service has no health check"))
            }
            return out
        }
        let groups = c.resources("AWS::ElasticLoadBalancingV2::TargetGroup")
        for tg in groups where tg.properties["HealthCheckEnabled"]?.bool == false {
            out.append(c.violation(tg, "target group health check is disabled"))
        }
        // Services registered in Cloud Map without a load balancer rely on the container health check.
        for s in c.resources("AWS::ECS::Service") where (s.properties["LoadBalancers"]?.array ?? []).isEmpty
            && !(s.properties["ServiceRegistries"]?.array ?? []).isEmpty {
            guard let taskID = TemplateDocument.referencedID(s.properties["TaskDefinition"]),
                  let task = c.template?.resource(taskID) else { continue }
            let essential = (task.properties["ContainerDefinitions"]?.array ?? []).filter { $0["Essential"]?.bool ?? true }
            if essential.allSatisfy({ $0["HealthCheck"] == nil }) {
                out.append(c.violation(s, "internal service has no container health check"))
            }
        }
        return out
    }
}
