/// Malformed headers are a request-smuggling vector between the load balancer and the app.
struct DropInvalidHeaders: PolicyCheck {
    let id = "FERRY-ALB-003"
    let severity = CheckSeverity.low
    let title = "Load balancers drop invalid HTTP headers"
    let rationale = "Headers the ALB considers invalid can be interpreted differently by the application server (desync attacks)."
    let fix = "Set the load balancer attribute routing.http.drop_invalid_header_fields.enabled to true."
    let related = ["checkov:CKV_AWS_131"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.resources("AWS::ElasticLoadBalancingV2::LoadBalancer").filter { ($0.properties["Type"]?.string ?? "application") == "application" }
            .filter { lb in
                !(lb.properties["LoadBalancerAttributes"]?.array ?? []).contains {
                    $0["Key"]?.string == "routing.http.drop_invalid_header_fields.enabled" && $0["Value"]?.bool == true
                }
            }.map { c.violation($0, "routing.http.drop_invalid_header_fields.enabled is not true") }
    }
}
