import Blueprint

/// IAM roles with their inline statements. Roles get no fixed names (CloudFormation names them), so a
/// deploy needs only `CAPABILITY_IAM`, and two stacks of one project never collide.
enum IdentitySection {
    static func render(_ c: inout CFNContext) {
        for role in c.blueprint.roles {
            var properties: [String: CFNValue] = [
                "AssumeRolePolicyDocument": assumeRole(role.assumedBy),
                "Description": .string(description(role)),
            ]
            if !role.managedPolicies.isEmpty {
                properties["ManagedPolicyArns"] = .list(role.managedPolicies.sorted().map { suffix in
                    suffix.hasPrefix("arn:") ? .string(suffix) : .sub("arn:${AWS::Partition}:iam::aws:policy/\(suffix)", [:])
                })
            }
            let statements = role.statements.compactMap { statement(&c, $0) }
            if !statements.isEmpty {
                properties["Policies"] = [["PolicyName": .string(policyName(role.name)), "PolicyDocument": document(statements)]]
            }
            c.add(c.names.role(role.name), CFNResource("AWS::IAM::Role", properties, group: role.workload))
        }
    }

    static func statement(_ c: inout CFNContext, _ s: PolicyStatement) -> CFNValue? {
        guard !s.actions.isEmpty else { return nil }
        var resources: [CFNValue] = []
        for reference in s.resources {
            let value = c.resolve(reference)
            if !resources.contains(value) { resources.append(value) }
        }
        if resources.isEmpty { resources = ["*"] }
        var out: [String: CFNValue] = [
            "Effect": .string(s.effect),
            "Action": .list(s.actions.map { .string($0) }),
            "Resource": resources.count == 1 ? resources[0] : .list(resources),
        ]
        if let condition = s.condition {
            var values: [CFNValue] = []
            for reference in condition.values {
                let value = c.resolve(reference)
                if !values.contains(value) { values.append(value) }
            }
            out["Condition"] = [condition.test: [condition.key: values.count == 1 ? values[0] : .list(values)]]
        }
        let sid = LogicalIDs.base(s.sid)
        if !sid.isEmpty { out["Sid"] = .string(sid) }
        return .map(out)
    }

    static func assumeRole(_ principal: String) -> CFNValue {
        var statement: [String: CFNValue] = [
            "Effect": "Allow",
            "Principal": ["Service": .string(principal)],
            "Action": "sts:AssumeRole",
        ]
        // Confused-deputy guard: only tasks of this account may assume the role.
        if principal == "ecs-tasks.amazonaws.com" {
            statement["Condition"] = ["StringEquals": ["aws:SourceAccount": .accountID]]
        }
        return document([.map(statement)])
    }

    static func document(_ statements: [CFNValue]) -> CFNValue {
        ["Version": "2012-10-17", "Statement": .list(statements)]
    }

    static func policyName(_ name: String) -> String { AWSRules.policyName(name) }
    static func description(_ role: IAMRole) -> String { AWSRules.roleDescription(role) }
}
