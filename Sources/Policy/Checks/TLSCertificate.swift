import Blueprint
/// A public load balancer needs an HTTPS listener with a certificate and a modern TLS policy.
struct TLSCertificate: PolicyCheck {
    let id = "FERRY-ALB-002"
    let severity = CheckSeverity.high
    let title = "Internet-facing load balancers serve HTTPS with a certificate and TLS 1.2+"
    let rationale = "Without a certificate there is no HTTPS; old TLS policies allow downgrade attacks."
    let fix = "Add an HTTPS listener on 443 with Certificates (ACM certificate ARN parameter or a DNS-validated certificate) and SslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06."
    let related = ["checkov:CKV_AWS_2", "checkov:CKV_AWS_103"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        // A plan that chose HTTP only (no certificate yet) reports it itself as FERRY-EDGE-HTTP.
        if c.blueprint?.loadBalancer?.certificate == .httpOnly { return [] }
        let listeners = c.resources("AWS::ElasticLoadBalancingV2::Listener")
        var out: [Violation] = []
        for lb in c.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
        where lb.properties["Scheme"]?.string != "internal" && (lb.properties["Type"]?.string ?? "application") == "application" {
            let mine = listeners.filter { TemplateDocument.referencedID($0.properties["LoadBalancerArn"]) == lb.logicalID }
            let https = mine.filter { $0.properties["Protocol"]?.string == "HTTPS" }
            if https.isEmpty { out.append(c.violation(lb, "no HTTPS listener")) }
            for l in https {
                if (l.properties["Certificates"]?.array ?? []).isEmpty { out.append(c.violation(l, "HTTPS listener has no certificate")) }
                let policy = l.properties["SslPolicy"]?.string ?? "ELBSecurityPolicy-2016-08"
                if !(policy.contains("TLS13") || policy.contains("TLS-1-2")) {
                    out.append(c.violation(l, "SslPolicy \(policy) allows TLS below 1.2"))
                }
            }
        }
        return out
    }
}
