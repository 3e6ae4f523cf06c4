/// `"*"` and `"service:*"` grant today's and tomorrow's actions, including destructive ones.
struct IAMWildcardAction: PolicyCheck {
    let id = "FERRY-IAM-001"
    let severity = CheckSeverity.high
    let title = "IAM statements list actions, not wildcards"
    let rationale = "A wildcard action grants every present and future action of the service, including deletes and policy changes."
    let fix = "List the actions the workload calls (e.g. s3:GetObject, s3:PutObject) on the resources it uses."
    let related = ["checkov:CKV_AWS_63", "checkov:CKV_AWS_62", "cfn_nag:F3", "cfn_nag:W13"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.iamStatements.filter { $0.effect == "Allow" }.flatMap { s -> [Violation] in
            if s.notActions { return [c.violation(s.resource, "policy \(s.policyName) allows NotAction (every other action)")] }
            return s.actions.filter { $0 == "*" || $0.hasSuffix(":*") }.map {
                c.violation(s.resource, "policy \(s.policyName) allows action \($0)")
            }
        }
    }
}
