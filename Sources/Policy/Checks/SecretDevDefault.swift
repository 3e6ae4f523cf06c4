import Blueprint
/// A secret written into the template (or defaulted from a development value) is no secret.
struct SecretDevDefault: PolicyCheck {
    let id = "FERRY-ENV-002"
    let severity = CheckSeverity.high
    let title = "Secrets are generated or supplied, never literal or development defaults"
    let rationale = "Literal secrets end up in the template, in change sets and in source control; development defaults such as change-me are public."
    let fix = "Use GenerateSecretString (ferry generates secrets whose compose value is a development default), ManageMasterUserPassword, or a NoEcho parameter without a default; set real values with `aws secretsmanager put-secret-value`."
    let related = ["cfn_nag:F23", "cfn-lint:W2501"]

    static let defaultMarkers = ["change-me", "changeme", "change_me", "replace-me", "secret", "password", "example", "dev-", "insecure", "test"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard let t = c.template else { return [] }
        var out: [Violation] = []
        for r in t.resources(ofType: "AWS::SecretsManager::Secret") {
            if let literal = r.properties["SecretString"]?.string, !literal.contains("{{resolve:") {
                let lowered = literal.lowercased()
                let dev = Self.defaultMarkers.contains { lowered.contains($0) }
                out.append(c.violation(r, dev ? "SecretString is a development default written in the template"
                                              : "SecretString is a literal value written in the template"))
            }
        }
        let literalPassword: [(String, String)] = [
            ("AWS::RDS::DBInstance", "MasterUserPassword"), ("AWS::RDS::DBCluster", "MasterUserPassword"),
            ("AWS::DocDB::DBCluster", "MasterUserPassword"), ("AWS::ElastiCache::ReplicationGroup", "AuthToken"),
        ]
        for (type, key) in literalPassword {
            for r in t.resources(ofType: type) {
                if let literal = r.properties[key]?.string, !literal.contains("{{resolve:") {
                    out.append(c.violation(r, "\(key) is a literal value written in the template"))
                }
            }
        }
        for name in t.parameters.keys.sorted() where SecretInPlainEnv.looksSecret(name) {
            let p = t.parameters[name]
            if p?["Default"]?.string.map({ !$0.isEmpty }) == true {
                out.append(Violation(subject: "template.Parameters.\(name)", message: "secret parameter \(name) has a default value"))
            } else if p?["NoEcho"]?.bool != true {
                out.append(Violation(subject: "template.Parameters.\(name)", message: "secret parameter \(name) is not NoEcho"))
            }
        }
        return out
    }
}
