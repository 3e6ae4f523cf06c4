/// CloudWatch Logs encrypts with a service key already; a customer key adds revocation and key-use audit.
struct LogEncryption: PolicyCheck {
    let id = "FERRY-LOG-002"
    let severity = CheckSeverity.low
    let title = "Log groups use a KMS key at prod tier"
    let rationale = "Logs often carry request data; a customer-managed key lets access be revoked and audited separately."
    let fix = "Create a KMS key whose policy allows logs.<region>.amazonaws.com, and set KmsKeyId on the log groups."
    let related = ["checkov:CKV_AWS_158"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.tier == .prod else { return [] }
        return c.resources("AWS::Logs::LogGroup").filter { $0.properties["KmsKeyId"] == nil }
            .map { c.violation($0, "no KmsKeyId at tier prod") }
    }
}
