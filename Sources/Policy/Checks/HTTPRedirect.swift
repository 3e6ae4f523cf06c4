/// Plain HTTP serves cookies and tokens in clear; it should only ever answer with a redirect.
struct HTTPRedirect: PolicyCheck {
    let id = "FERRY-ALB-001"
    let severity = CheckSeverity.high
    let title = "HTTP listeners redirect to HTTPS"
    let rationale = "An HTTP listener that forwards to targets serves the application without TLS."
    let fix = "Make the port-80 listener's default action a redirect (Protocol HTTPS, Port 443, StatusCode HTTP_301)."
    let related = ["checkov:CKV_AWS_2"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        // A plan that chose HTTP only (no certificate yet) reports it itself as FERRY-EDGE-HTTP.
        if c.blueprint?.loadBalancer?.certificate == .httpOnly { return [] }
        return c.resources("AWS::ElasticLoadBalancingV2::Listener").filter { $0.properties["Protocol"]?.string == "HTTP" }.compactMap { r in
            let actions = r.properties["DefaultActions"]?.array ?? []
            let redirects = actions.contains {
                $0["Type"]?.string == "redirect" && $0["RedirectConfig"]?["Protocol"]?.string == "HTTPS"
            }
            return redirects ? nil : c.violation(r, "HTTP listener does not redirect to HTTPS")
        }
    }
}
