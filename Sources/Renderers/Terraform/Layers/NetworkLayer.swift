import Blueprint

/// `network.tf`: the VPC, subnets over the Blueprint's AZs, internet gateway, NAT gateways, route
/// tables, VPC endpoints, flow logs and the security-group chain. Isolated subnets use the VPC's main
/// route table (only the local route), as in the CloudFormation output.
enum NetworkLayer {
    static let file = "network.tf"

    static func render(_ c: TFContext) {
        let net = c.blueprint.network
        if net.existingVpcId != nil {
            renderExisting(c)
        } else {
            renderVPC(c, net)
        }
        renderSecurityGroups(c)
    }

    static func subnetLabel(_ subnet: Subnet) -> String { TFNames.snake(subnet.name) }

    /// The subnet IDs of a kind as an HCL list expression (one per AZ first when asked).
    static func subnetList(_ c: TFContext, _ kind: Subnet.Kind, onePerAZ: Bool = false) -> String {
        "[" + subnetIDs(c, kind, onePerAZ: onePerAZ).joined(separator: ", ") + "]"
    }

    static func subnetIDs(_ c: TFContext, _ kind: Subnet.Kind, onePerAZ: Bool = false) -> [String] {
        var seen: Set<Int> = []
        var ids: [String] = []
        for subnet in c.blueprint.network.subnets where subnet.kind == kind {
            if onePerAZ && !seen.insert(subnet.azIndex).inserted { continue }
            ids.append(c.blueprint.network.existingVpcId != nil ? "var.\(subnetLabel(subnet))_id" : "aws_subnet.\(subnetLabel(subnet)).id")
        }
        return ids
    }

    static func subnets(_ c: TFContext, _ kind: Subnet.Kind, onePerAZ: Bool = false) -> HCLValue {
        .list(subnetIDs(c, kind, onePerAZ: onePerAZ).map { .expression($0) })
    }

    /// Subnets for data stores: isolated ones when the Blueprint has them, private ones otherwise.
    static func dataSubnets(_ c: TFContext) -> HCLValue {
        c.blueprint.network.subnets.contains { $0.kind == .isolated } ? subnets(c, .isolated) : subnets(c, .private)
    }

    static func renderExisting(_ c: TFContext) {
        c.variable(TFVariable(name: "vpc_id", type: "string", description: "ID of the existing VPC to deploy into (x-aws-vpc).",
                              validation: ("can(regex(\"^vpc-[0-9a-f]{8,17}$\", var.vpc_id))", "vpc_id must be a VPC ID (vpc-…).")))
        for subnet in c.blueprint.network.subnets {
            let role: String
            switch subnet.kind {
            case .public: role = "public subnet (load balancer)"
            case .private: role = "private subnet with outbound internet access (tasks)"
            case .isolated: role = "private subnet (data stores)"
            }
            let name = "\(subnetLabel(subnet))_id"
            c.variable(TFVariable(name: name, type: "string", description: "Existing \(role) in availability zone \(subnet.azIndex + 1) of the VPC.",
                                  validation: ("can(regex(\"^subnet-[0-9a-f]{8,17}$\", var.\(name)))", "\(name) must be a subnet ID (subnet-…).")))
        }
    }

    static func renderVPC(_ c: TFContext, _ net: NetworkPlan) {
        c.dataSources.insert("aws_availability_zones")
        c.resource(file, "aws_vpc", "main") {
            $0["cidr_block"] = .string(net.cidr)
            $0["enable_dns_hostnames"] = true
            $0["enable_dns_support"] = true
        }
        // The VPC's default group allows nothing: every resource ferry creates has its own group.
        c.resource(file, "aws_default_security_group", "main") { $0["vpc_id"] = .ref("aws_vpc.main.id") }
        c.resource(file, "aws_internet_gateway", "main") { $0["vpc_id"] = .ref("aws_vpc.main.id") }
        for subnet in net.subnets {
            c.resource(file, "aws_subnet", subnetLabel(subnet)) {
                $0["vpc_id"] = .ref("aws_vpc.main.id")
                $0["cidr_block"] = .string(subnet.cidr)
                $0["availability_zone"] = .ref("data.aws_availability_zones.available.names[\(subnet.azIndex)]")
                if subnet.kind == .public { $0["map_public_ip_on_launch"] = false }
            }
        }
        c.resource(file, "aws_route_table", "public") { $0["vpc_id"] = .ref("aws_vpc.main.id") }
        c.resource(file, "aws_route", "public_default") {
            $0["route_table_id"] = .ref("aws_route_table.public.id")
            $0["destination_cidr_block"] = "0.0.0.0/0"
            $0["gateway_id"] = .ref("aws_internet_gateway.main.id")
        }
        let publicSubnets = net.subnets.filter { $0.kind == .public }
        for subnet in publicSubnets {
            c.resource(file, "aws_route_table_association", subnetLabel(subnet)) {
                $0["subnet_id"] = .ref("aws_subnet.\(subnetLabel(subnet)).id")
                $0["route_table_id"] = .ref("aws_route_table.public.id")
            }
        }
        var nats: [Int: String] = [:]
        for index in 0..<max(0, net.natGatewayCount) {
            guard let home = publicSubnets.first(where: { $0.azIndex == index }) ?? publicSubnets.first else { break }
            let name = "nat_\(index + 1)"
            c.resource(file, "aws_eip", name) {
                $0["domain"] = "vpc"
                $0["depends_on"] = .list([.ref("aws_internet_gateway.main")])
            }
            c.resource(file, "aws_nat_gateway", name) {
                $0["allocation_id"] = .ref("aws_eip.\(name).id")
                $0["subnet_id"] = .ref("aws_subnet.\(subnetLabel(home)).id")
            }
            nats[index] = name
        }
        let perAZ = net.natGatewayCount > 1
        let tables = perAZ ? max(1, net.azCount) : 1
        for index in 0..<tables {
            let table = "private_\(index + 1)"
            c.resource(file, "aws_route_table", table) { $0["vpc_id"] = .ref("aws_vpc.main.id") }
            if let nat = nats[index] ?? nats[0] {
                c.resource(file, "aws_route", "\(table)_default") {
                    $0["route_table_id"] = .ref("aws_route_table.\(table).id")
                    $0["destination_cidr_block"] = "0.0.0.0/0"
                    $0["nat_gateway_id"] = .ref("aws_nat_gateway.\(nat).id")
                }
            }
        }
        for subnet in net.subnets where subnet.kind == .private {
            let table = "private_\((perAZ ? min(subnet.azIndex, tables - 1) : 0) + 1)"
            c.resource(file, "aws_route_table_association", subnetLabel(subnet)) {
                $0["subnet_id"] = .ref("aws_subnet.\(subnetLabel(subnet)).id")
                $0["route_table_id"] = .ref("aws_route_table.\(table).id")
            }
        }
        renderEndpoints(c, routeTables: (0..<tables).map { "aws_route_table.private_\($0 + 1).id" })
        if net.flowLogs { renderFlowLogs(c) }
    }

    static func renderEndpoints(_ c: TFContext, routeTables: [String]) {
        let endpoints = c.blueprint.network.endpoints
        if endpoints.contains(where: { $0.kind == .interface }) {
            c.resource(file, "aws_security_group", "endpoints") {
                $0["description"] = "HTTPS from inside the VPC to AWS service endpoints"
                $0["vpc_id"] = .ref("aws_vpc.main.id")
            }
            c.resource(file, "aws_vpc_security_group_ingress_rule", "endpoints_https") {
                $0["security_group_id"] = .ref("aws_security_group.endpoints.id")
                $0["description"] = "HTTPS from the VPC"
                $0["ip_protocol"] = "tcp"
                $0["from_port"] = 443
                $0["to_port"] = 443
                $0["cidr_ipv4"] = .ref("aws_vpc.main.cidr_block")
            }
        }
        for endpoint in endpoints {
            c.resource(file, "aws_vpc_endpoint", TFNames.label(endpoint.service)) {
                $0["vpc_id"] = .ref("aws_vpc.main.id")
                $0["service_name"] = .template([.text("com.amazonaws."), .interpolation("var.region"), .text(".\(endpoint.service)")])
                $0["vpc_endpoint_type"] = endpoint.kind == .gateway ? "Gateway" : "Interface"
                if endpoint.kind == .gateway {
                    $0["route_table_ids"] = .list(routeTables.map { .expression($0) })
                } else {
                    $0["subnet_ids"] = subnets(c, .private, onePerAZ: true)
                    $0["security_group_ids"] = .list([.ref("aws_security_group.endpoints.id")])
                    $0["private_dns_enabled"] = true
                }
            }
        }
    }

    static func renderFlowLogs(_ c: TFContext) {
        c.resource(file, "aws_cloudwatch_log_group", "vpc_flow_logs") {
            $0["name"] = .string(AWSRules.flowLogGroupName(c.blueprint))
            $0["retention_in_days"] = 90
        }
        c.resource(file, "aws_iam_role", "vpc_flow_logs") {
            $0["assume_role_policy"] = IdentityLayer.assumeRole(c, "vpc-flow-logs.amazonaws.com")
        }
        c.resource(file, "aws_iam_role_policy", "vpc_flow_logs") {
            $0["name"] = "write-flow-logs"
            $0["role"] = .ref("aws_iam_role.vpc_flow_logs.id")
            $0["policy"] = IdentityLayer.document([[
                HCLAttribute("Effect", "Allow"),
                HCLAttribute("Action", .strings(["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"])),
                HCLAttribute("Resource", .ref("aws_cloudwatch_log_group.vpc_flow_logs.arn")),
            ]])
        }
        c.resource(file, "aws_flow_log", "vpc") {
            $0["vpc_id"] = .ref("aws_vpc.main.id")
            $0["traffic_type"] = "REJECT"
            $0["log_destination_type"] = "cloud-watch-logs"
            $0["log_destination"] = .ref("aws_cloudwatch_log_group.vpc_flow_logs.arn")
            $0["iam_role_arn"] = .ref("aws_iam_role.vpc_flow_logs.arn")
        }
    }

    /// Groups carry no inline rules: every rule is its own resource, so groups that allow each other never
    /// form a cycle (as in the CloudFormation output).
    static func renderSecurityGroups(_ c: TFContext) {
        let groups = c.blueprint.network.securityGroups
        let known = Set(groups.map(\.name))
        for group in groups {
            let l = TFNames.label(group.name)
            c.resource(file, "aws_security_group", l) {
                $0["description"] = .string(AWSRules.securityGroupText(group.description.isEmpty ? group.name : group.description))
                $0["vpc_id"] = .ref(c.vpcID)
            }
            c.resource(file, "aws_vpc_security_group_egress_rule", l) {
                $0["security_group_id"] = .ref("aws_security_group.\(l).id")
                $0["description"] = "Outbound to AWS APIs, managed services and the internet through NAT"
                $0["ip_protocol"] = "-1"
                $0["cidr_ipv4"] = "0.0.0.0/0"
            }
            for (index, rule) in group.ingress.enumerated() {
                if let source = rule.sourceGroup, !known.contains(source) {
                    c.problem("security group \(group.name) allows \(source), which is not a security group")
                    continue
                }
                c.resource(file, "aws_vpc_security_group_ingress_rule", "\(l)_\(index + 1)") {
                    $0["security_group_id"] = .ref("aws_security_group.\(l).id")
                    $0["description"] = .string(AWSRules.securityGroupText(rule.description))
                    $0["ip_protocol"] = .string(rule.proto)
                    $0["from_port"] = .int(rule.fromPort)
                    $0["to_port"] = .int(rule.toPort)
                    if let source = rule.sourceGroup {
                        $0["referenced_security_group_id"] = .ref("aws_security_group.\(TFNames.label(source)).id")
                    } else {
                        $0["cidr_ipv4"] = .string(rule.cidr ?? "0.0.0.0/0")
                    }
                }
            }
        }
    }
}
