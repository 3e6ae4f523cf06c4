import Blueprint

/// `identity.tf`: IAM roles with their inline statements and managed-policy attachments. Roles get no
/// fixed names (Terraform names them), so two environments of one project never collide.
enum IdentityLayer {
    static let file = "identity.tf"

    static func render(_ c: TFContext) {
        for role in c.blueprint.roles {
            let l = c.label(role.name)
            let trust = assumeRole(c, role.assumedBy)
            c.resource(file, "aws_iam_role", l) {
                $0["description"] = .string(AWSRules.roleDescription(role))
                $0["assume_role_policy"] = trust
            }
            let statements = role.statements.compactMap { statement(c, $0) }
            if !statements.isEmpty {
                c.resource(file, "aws_iam_role_policy", l) {
                    $0["name"] = .string(AWSRules.policyName(role.name))
                    $0["role"] = .ref("aws_iam_role.\(l).id")
                    $0["policy"] = document(statements)
                }
            }
            for suffix in role.managedPolicies.sorted() {
                let arn: HCLValue = suffix.hasPrefix("arn:") ? .string(suffix)
                    : .template([.text("arn:"), .interpolation(c.partition), .text(":iam::aws:policy/\(suffix)")])
                c.dataSources.insert("aws_partition")
                c.resource(file, "aws_iam_role_policy_attachment", l + "_" + TFNames.label(suffix.split(separator: "/").last.map(String.init) ?? suffix)) {
                    $0["role"] = .ref("aws_iam_role.\(l).name")
                    $0["policy_arn"] = arn
                }
            }
        }
    }

    static func statement(_ c: TFContext, _ s: PolicyStatement) -> [HCLAttribute]? {
        guard !s.actions.isEmpty else { return nil }
        var resources: [HCLValue] = []
        for reference in s.resources {
            let value = c.resolve(reference).hcl
            if !resources.contains(value) { resources.append(value) }
        }
        if resources.isEmpty { resources = ["*"] }
        var out: [HCLAttribute] = []
        let sid = AWSRules.statementID(s.sid)
        if !sid.isEmpty { out.append(HCLAttribute("Sid", .string(sid))) }
        out.append(HCLAttribute("Effect", .string(s.effect)))
        out.append(HCLAttribute("Action", .strings(s.actions)))
        out.append(HCLAttribute("Resource", resources.count == 1 ? resources[0] : .list(resources)))
        if let condition = s.condition {
            var values: [HCLValue] = []
            for reference in condition.values {
                let value = c.resolve(reference).hcl
                if !values.contains(value) { values.append(value) }
            }
            out.append(HCLAttribute("Condition", .object([HCLAttribute(condition.test, .object([
                HCLAttribute(condition.key, values.count == 1 ? values[0] : .list(values)),
            ]))])))
        }
        return out
    }

    /// The trust policy; for ECS tasks only this account's tasks may assume the role (confused deputy).
    static func assumeRole(_ c: TFContext, _ principal: String) -> HCLValue {
        var statement = [
            HCLAttribute("Effect", "Allow"),
            HCLAttribute("Principal", .object([HCLAttribute("Service", .string(principal))])),
            HCLAttribute("Action", "sts:AssumeRole"),
        ]
        if principal == "ecs-tasks.amazonaws.com" {
            c.dataSources.insert("aws_caller_identity")
            statement.append(HCLAttribute("Condition", .object([HCLAttribute("StringEquals", .object([
                HCLAttribute("aws:SourceAccount", .ref(c.accountID)),
            ]))])))
        }
        return document([statement])
    }

    static func document(_ statements: [[HCLAttribute]]) -> HCLValue {
        .call("jsonencode", [.object([
            HCLAttribute("Version", "2012-10-17"),
            HCLAttribute("Statement", .list(statements.map { .object($0) })),
        ])])
    }
}
