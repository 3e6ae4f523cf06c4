import Blueprint

/// A user pool holds accounts that cannot be recreated, and its password policy is all that stands
/// between a guessed password and an account.
struct UserPoolHardening: PolicyCheck {
    let id = "FERRY-AUTH-001"
    let severity = CheckSeverity.medium
    let title = "Cognito user pools require 12+ character passwords and are protected from deletion at prod"
    let rationale = "Short passwords fall to guessing; deleting a pool deletes every user account with it."
    let fix = "Set Policies.PasswordPolicy.MinimumLength to 12 or more and, at prod, DeletionProtection: ACTIVE (ferry does both)."
    let related: [String] = []

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.template != nil else {
            return (c.blueprint?.userPools ?? []).compactMap { pool in
                if pool.minimumPasswordLength < 12 { return c.violation(service: pool.name, subject: "userPools.\(pool.name)", "passwords may be shorter than 12 characters") }
                if c.tier == .prod && !pool.deletionProtection { return c.violation(service: pool.name, subject: "userPools.\(pool.name)", "deletion protection is off at prod") }
                return nil
            }
        }
        return c.resources("AWS::Cognito::UserPool").compactMap { r in
            let length = r.properties["Policies"]?.object["PasswordPolicy"]?.object["MinimumLength"]?.number ?? 8
            if length < 12 { return c.violation(r, "MinimumLength is \(Int(length)), under 12") }
            if c.tier == .prod && r.properties["DeletionProtection"]?.string != "ACTIVE" { return c.violation(r, "DeletionProtection is not ACTIVE at prod") }
            return nil
        }
    }
}
