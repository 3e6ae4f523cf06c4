/// A database reachable from the internet is one leaked password away from a breach.
struct DatabasePublic: PolicyCheck {
    let id = "FERRY-DB-001"
    let severity = CheckSeverity.critical
    let title = "Databases are not publicly accessible"
    let rationale = "A public database endpoint exposes the engine's login to the whole internet."
    let fix = "Set PubliclyAccessible: false and keep the instance in private (isolated) subnets; reach it from tasks through its security group."
    let related = ["checkov:CKV_AWS_17", "cfn_nag:F22"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.resources("AWS::RDS::DBInstance").filter { $0.properties["PubliclyAccessible"]?.bool == true }.map {
            c.violation($0, "PubliclyAccessible is true")
        } + c.resources("AWS::DocDB::DBInstance").filter { $0.properties["PubliclyAccessible"]?.bool == true }.map {
            c.violation($0, "PubliclyAccessible is true")
        }
    }
}
