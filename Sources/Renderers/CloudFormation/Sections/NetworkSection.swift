import Blueprint

/// VPC, subnets spread over the Blueprint's AZs, internet gateway, NAT gateways (as many as the tier
/// chose), route tables, VPC endpoints and flow logs. Isolated subnets get no route table of their own:
/// they use the VPC's main table, which has only the local route.
enum NetworkSection {
    static func render(_ c: inout CFNContext) {
        let net = c.blueprint.network
        if let existing = net.existingVpcId {
            renderExisting(&c, vpc: existing)
            return
        }
        c.add("Vpc", CFNResource("AWS::EC2::VPC", [
            "CidrBlock": .string(net.cidr),
            "EnableDnsHostnames": true,
            "EnableDnsSupport": true,
        ]))
        c.add("InternetGateway", CFNResource("AWS::EC2::InternetGateway"))
        c.add("GatewayAttachment", CFNResource("AWS::EC2::VPCGatewayAttachment", [
            "VpcId": .ref("Vpc"), "InternetGatewayId": .ref("InternetGateway"),
        ]))

        for subnet in net.subnets {
            var properties: [String: CFNValue] = [
                "VpcId": .ref("Vpc"),
                "CidrBlock": .string(subnet.cidr),
                "AvailabilityZone": .select(subnet.azIndex, .getAZs("")),
            ]
            if subnet.kind == .public { properties["MapPublicIpOnLaunch"] = false }
            c.add(c.names.subnet(subnet.name), CFNResource("AWS::EC2::Subnet", properties))
        }

        // Public route table: default route to the internet gateway.
        c.add("PublicRouteTable", CFNResource("AWS::EC2::RouteTable", ["VpcId": .ref("Vpc")]))
        var publicRoute = CFNResource("AWS::EC2::Route", [
            "RouteTableId": .ref("PublicRouteTable"),
            "DestinationCidrBlock": "0.0.0.0/0",
            "GatewayId": .ref("InternetGateway"),
        ])
        publicRoute.dependsOn = ["GatewayAttachment"]
        c.add("PublicDefaultRoute", publicRoute)

        let publicSubnets = net.subnets.filter { $0.kind == .public }
        for subnet in publicSubnets {
            c.add(c.names.subnet(subnet.name) + "RouteTableAssociation", CFNResource("AWS::EC2::SubnetRouteTableAssociation", [
                "SubnetId": .ref(c.names.subnet(subnet.name)), "RouteTableId": .ref("PublicRouteTable"),
            ]))
        }

        // NAT gateways in the public subnets of the first AZs.
        var natIDs: [Int: String] = [:]
        for index in 0..<max(0, net.natGatewayCount) {
            guard let home = publicSubnets.first(where: { $0.azIndex == index }) ?? publicSubnets.first else { break }
            let eip = "NatEip\(index + 1)", nat = "NatGateway\(index + 1)"
            var eipResource = CFNResource("AWS::EC2::EIP", ["Domain": "vpc"])
            eipResource.dependsOn = ["GatewayAttachment"]
            c.add(eip, eipResource)
            c.add(nat, CFNResource("AWS::EC2::NatGateway", [
                "AllocationId": .getAtt(eip, "AllocationId"), "SubnetId": .ref(c.names.subnet(home.name)),
            ]))
            natIDs[index] = nat
        }

        // Private route tables: one per AZ with a NAT per AZ, otherwise one shared.
        let perAZ = net.natGatewayCount > 1
        let tableCount = perAZ ? max(1, net.azCount) : 1
        for index in 0..<tableCount {
            let table = privateRouteTable(index)
            c.add(table, CFNResource("AWS::EC2::RouteTable", ["VpcId": .ref("Vpc")]))
            if let nat = natIDs[index] ?? natIDs[0] {
                c.add("PrivateDefaultRoute\(index + 1)", CFNResource("AWS::EC2::Route", [
                    "RouteTableId": .ref(table), "DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": .ref(nat),
                ]))
            }
        }
        for subnet in net.subnets where subnet.kind == .private {
            let table = privateRouteTable(perAZ ? min(subnet.azIndex, tableCount - 1) : 0)
            c.add(c.names.subnet(subnet.name) + "RouteTableAssociation", CFNResource("AWS::EC2::SubnetRouteTableAssociation", [
                "SubnetId": .ref(c.names.subnet(subnet.name)), "RouteTableId": .ref(table),
            ]))
        }

        renderEndpoints(&c, routeTables: (0..<tableCount).map(privateRouteTable))
        if net.flowLogs { renderFlowLogs(&c) }
    }

    /// An existing VPC (`x-aws-vpc`): the VPC and each planned subnet become parameters under the IDs the
    /// created resources would have had; routing, NAT, endpoints and flow logs are the VPC owner's.
    static func renderExisting(_ c: inout CFNContext, vpc: String) {
        // A placeholder (`vpc-xxxx`) is not offered as the default: the parameter must then be filled in.
        let valid = vpc.wholeMatch(of: /vpc-([0-9a-f]{8}|[0-9a-f]{17})/) != nil
        c.template.parameters["Vpc"] = CFNParameter(type: "AWS::EC2::VPC::Id", description: "ID of the existing VPC to deploy into (x-aws-vpc).",
                                                    default: valid ? .string(vpc) : nil)
        for subnet in c.blueprint.network.subnets {
            let role: String
            switch subnet.kind {
            case .public: role = "public subnet (load balancer)"
            case .private: role = "private subnet with outbound internet access (tasks)"
            case .isolated: role = "private subnet (data stores)"
            }
            c.template.parameters[c.names.subnet(subnet.name)] = CFNParameter(
                type: "AWS::EC2::Subnet::Id",
                description: "Existing \(role) in availability zone \(subnet.azIndex + 1) of the VPC.")
        }
    }

    /// Subnet parameters nothing refers to (public subnets when the load balancer exists too) are dropped:
    /// asking for a value that is never used only confuses.
    static func pruneUnusedSubnetParameters(_ c: inout CFNContext) {
        let used = Set(c.template.resources.values.flatMap(\.references).map(\.target))
            .union(c.template.outputs.values.flatMap(\.value.references).map(\.target))
        for subnet in c.blueprint.network.subnets where !used.contains(c.names.subnet(subnet.name)) {
            c.template.parameters[c.names.subnet(subnet.name)] = nil
        }
    }

    static func privateRouteTable(_ index: Int) -> String { "PrivateRouteTable\(index + 1)" }

    /// Subnets of a kind, one per AZ first (interface endpoints and load balancers accept one per AZ).
    static func subnetRefs(_ c: CFNContext, _ kind: Subnet.Kind, onePerAZ: Bool = false) -> CFNValue {
        var seen: Set<Int> = []
        var refs: [CFNValue] = []
        for subnet in c.blueprint.network.subnets where subnet.kind == kind {
            if onePerAZ && !seen.insert(subnet.azIndex).inserted { continue }
            refs.append(.ref(c.names.subnet(subnet.name)))
        }
        return .list(refs)
    }

    /// Subnets for data stores: isolated ones when the Blueprint has them, private ones otherwise.
    static func dataSubnetRefs(_ c: CFNContext) -> CFNValue {
        c.blueprint.network.subnets.contains { $0.kind == .isolated } ? subnetRefs(c, .isolated) : subnetRefs(c, .private)
    }

    private static func renderEndpoints(_ c: inout CFNContext, routeTables: [String]) {
        let endpoints = c.blueprint.network.endpoints
        if endpoints.contains(where: { $0.kind == .interface }) {
            c.add("EndpointSecurityGroup", CFNResource("AWS::EC2::SecurityGroup", [
                "GroupDescription": "HTTPS from inside the VPC to AWS service endpoints",
                "VpcId": .ref("Vpc"),
                "SecurityGroupIngress": [[
                    "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": .getAtt("Vpc", "CidrBlock"),
                    "Description": "HTTPS from the VPC",
                ]],
            ]))
        }
        for endpoint in endpoints {
            var properties: [String: CFNValue] = [
                "VpcId": .ref("Vpc"),
                "ServiceName": .sub("com.amazonaws.${AWS::Region}.\(endpoint.service)", [:]),
                "VpcEndpointType": endpoint.kind == .gateway ? "Gateway" : "Interface",
            ]
            if endpoint.kind == .gateway {
                properties["RouteTableIds"] = .list(routeTables.map { .ref($0) })
            } else {
                properties["SubnetIds"] = subnetRefs(c, .private, onePerAZ: true)
                properties["SecurityGroupIds"] = [.ref("EndpointSecurityGroup")]
                properties["PrivateDnsEnabled"] = true
            }
            c.add(c.names.endpoint(endpoint.service), CFNResource("AWS::EC2::VPCEndpoint", properties))
        }
    }

    private static func renderFlowLogs(_ c: inout CFNContext) {
        c.add("FlowLogGroup", CFNResource("AWS::Logs::LogGroup", [
            "LogGroupName": .string("/\(c.blueprint.project)/\(c.blueprint.environment)/vpc-flow-logs"),
            "RetentionInDays": 90,
        ]))
        c.add("FlowLogRole", CFNResource("AWS::IAM::Role", [
            "AssumeRolePolicyDocument": IdentitySection.assumeRole("vpc-flow-logs.amazonaws.com"),
            "Policies": [[
                "PolicyName": "write-flow-logs",
                "PolicyDocument": IdentitySection.document([[
                    "Effect": "Allow",
                    "Action": ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                    "Resource": .getAtt("FlowLogGroup", "Arn"),
                ]]),
            ]],
        ]))
        c.add("FlowLog", CFNResource("AWS::EC2::FlowLog", [
            "ResourceId": .ref("Vpc"),
            "ResourceType": "VPC",
            "TrafficType": "REJECT",
            "LogDestinationType": "cloud-watch-logs",
            "LogGroupName": .ref("FlowLogGroup"),
            "DeliverLogsPermissionArn": .getAtt("FlowLogRole", "Arn"),
        ]))
    }
}
