import Blueprint
/// At prod tier the public entry point gets the managed OWASP rules.
struct WAFAtProd: PolicyCheck {
    let id = "FERRY-WAF-001"
    let severity = CheckSeverity.medium
    let title = "Public load balancers have a WAF web ACL at prod tier"
    let rationale = "AWS managed rule groups block common injection and bad-bot traffic before it reaches the application."
    let fix = "Associate a WAFv2 web ACL with AWSManagedRulesCommonRuleSet and AWSManagedRulesKnownBadInputsRuleSet (ferry does at prod tier)."
    let related = ["checkov:CKV2_AWS_28"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.tier == .prod else { return [] }
        let associated = Set(c.resources("AWS::WAFv2::WebACLAssociation").compactMap {
            TemplateDocument.referencedID($0.properties["ResourceArn"])
        })
        return c.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
            .filter { $0.properties["Scheme"]?.string != "internal" && !associated.contains($0.logicalID) }
            .map { c.violation($0, "no WAF web ACL associated at tier prod") }
    }
}
