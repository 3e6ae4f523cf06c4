import Blueprint
/// Actions that change things must name what they change.
struct IAMWildcardResource: PolicyCheck {
    let id = "FERRY-IAM-002"
    let severity = CheckSeverity.medium
    let title = "IAM statements scope resources"
    let rationale = "Resource \"*\" lets a compromised task act on every bucket, table or secret in the account."
    let fix = "Name the ARNs (bucket/*, table, secret) the workload needs. Actions that only work on \"*\" are allowed as is."
    let related = ["cfn_nag:W12", "checkov:CKV_AWS_111", "checkov:CKV_AWS_108"]

    /// Actions AWS defines without resource-level permissions: "*" is the only valid resource.
    static let resourceless: Set<String> = [
        "ecr:GetAuthorizationToken", "cloudwatch:PutMetricData", "xray:PutTraceSegments", "xray:PutTelemetryRecords",
        "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel", "logs:DescribeLogGroups", "iot:Connect", "sts:GetCallerIdentity",
        "servicediscovery:DiscoverInstances", "ec2:DescribeNetworkInterfaces", "kms:ListAliases",
    ]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        c.iamStatements.filter { $0.effect == "Allow" && $0.resources.contains("*") }.compactMap { s in
            let scoped = s.actions.filter { !Self.resourceless.contains($0) }
            guard !scoped.isEmpty else { return nil }
            return c.violation(s.resource, "policy \(s.policyName) allows \(scoped.sorted().joined(separator: ", ")) on Resource \"*\"")
        }
    }
}
