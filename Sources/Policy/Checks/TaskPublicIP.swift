/// Tasks in private subnets reach the internet through NAT; a public IP makes each one a target.
struct TaskPublicIP: PolicyCheck {
    let id = "FERRY-NET-001"
    let severity = CheckSeverity.high
    let title = "ECS tasks get no public IP"
    let rationale = "A public IP puts the container's open ports one security-group mistake away from the internet."
    let fix = "Run services in private subnets with AssignPublicIp: DISABLED; traffic enters through the load balancer."
    let related = ["checkov:CKV_AWS_333"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.resources("AWS::ECS::Service").filter {
            $0.properties["NetworkConfiguration"]?["AwsvpcConfiguration"]?["AssignPublicIp"]?.string == "ENABLED"
        }.map { c.violation($0, "AssignPublicIp is ENABLED") }
    }
}
