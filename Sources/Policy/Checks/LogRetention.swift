/// Log groups without retention keep (and bill) every line forever.
struct LogRetention: PolicyCheck {
    let id = "FERRY-LOG-001"
    let severity = CheckSeverity.medium
    let title = "Log groups set a retention period"
    let rationale = "Unbounded retention grows storage cost every month and keeps personal data longer than needed."
    let fix = "Set RetentionInDays (ferry: 7 days at dev, 30 at mvp, 365 at prod; override with x-ferry.logs.retention or x-aws-logs_retention)."
    let related = ["checkov:CKV_AWS_66"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.resources("AWS::Logs::LogGroup").filter { $0.properties["RetentionInDays"] == nil }
            .map { c.violation($0, "RetentionInDays is unset: logs are kept forever") }
    }
}
