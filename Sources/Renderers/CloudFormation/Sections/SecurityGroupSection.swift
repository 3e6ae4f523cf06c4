import Blueprint

/// The security-group chain. Groups carry no inline ingress: every rule is its own
/// `AWS::EC2::SecurityGroupIngress`, so groups that allow each other (internal services calling one
/// another) never form a dependency cycle.
enum SecurityGroupSection {
    static func render(_ c: inout CFNContext) {
        let groups = c.blueprint.network.securityGroups
        let known = Set(groups.map(\.name))
        for group in groups {
            let id = c.names.securityGroup(group.name)
            c.add(id, CFNResource("AWS::EC2::SecurityGroup", [
                "GroupDescription": .string(sanitize(group.description.isEmpty ? group.name : group.description)),
                "VpcId": .ref("Vpc"),
                "SecurityGroupEgress": [[
                    "IpProtocol": "-1", "CidrIp": "0.0.0.0/0",
                    "Description": "Outbound to AWS APIs, managed services and the internet through NAT",
                ]],
            ]))
            var named = Set<String>()
            for rule in group.ingress {
                let ruleID = c.names.id(group.name, "Ingress") + LogicalIDs.base(String(rule.identity.map { $0 == "." || $0 == "/" ? "x" : $0 }))
                guard named.insert(ruleID).inserted else { continue }  // the same rule twice is one rule
                var properties: [String: CFNValue] = [
                    "GroupId": .getAtt(id, "GroupId"),
                    "IpProtocol": .string(rule.proto),
                    "FromPort": .int(rule.fromPort),
                    "ToPort": .int(rule.toPort),
                    "Description": .string(sanitize(rule.description)),
                ]
                if let source = rule.sourceGroup {
                    guard known.contains(source) else {
                        c.problem("security group \(group.name) allows \(source), which is not a security group")
                        continue
                    }
                    properties["SourceSecurityGroupId"] = .getAtt(c.names.securityGroup(source), "GroupId")
                } else {
                    properties["CidrIp"] = .string(rule.cidr ?? "0.0.0.0/0")
                }
                c.add(ruleID, CFNResource("AWS::EC2::SecurityGroupIngress", properties))
            }
        }
    }

    /// Security-group descriptions accept only `a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*`, at most 255 characters.
    static func sanitize(_ text: String) -> String { AWSRules.securityGroupText(text) }
}
