import Blueprint
/// PassRole on any role is a privilege escalation: pass an admin role to a new task or function.
struct IAMPassRoleWildcard: PolicyCheck {
    let id = "FERRY-IAM-003"
    let severity = CheckSeverity.critical
    let title = "iam:PassRole is limited to named roles"
    let rationale = "Whoever may pass any role may run code as the most privileged role in the account."
    let fix = "Restrict iam:PassRole to the task and execution role ARNs, with an iam:PassedToService condition."
    let related = ["cfn_nag:F38", "cfn_nag:F39", "checkov:CKV_AWS_110"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.iamStatements.filter { s in
            s.effect == "Allow" && s.resources.contains("*")
                && s.actions.contains { $0 == "*" || $0 == "iam:*" || $0.lowercased() == "iam:passrole" || $0 == "iam:Pass*" }
        }.map { c.violation($0.resource, "policy \($0.policyName) allows iam:PassRole on Resource \"*\"") }
    }
}
