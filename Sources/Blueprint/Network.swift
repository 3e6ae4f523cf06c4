/// The VPC: address space, subnets per AZ, NAT gateways, VPC endpoints and the
/// security-group chain (load balancer → web → internal → data).
public struct NetworkPlan: Sendable, Codable, Equatable {
    public var cidr: String
    /// Availability zones used (2 or 3); subnets are spread over them.
    public var azCount: Int
    /// NAT gateways: 0 (VPC endpoints only), 1 (shared) or one per AZ.
    public var natGatewayCount: Int
    public var subnets: [Subnet]
    public var endpoints: [VPCEndpoint]
    public var securityGroups: [SecurityGroup]
    /// VPC flow logs to CloudWatch Logs.
    public var flowLogs: Bool
    /// An existing VPC to deploy into (`x-aws-vpc`), instead of creating one.
    public var existingVpcId: String?
    public var decisions: [Decision]

    public init(cidr: String = "10.0.0.0/16", azCount: Int = 2, natGatewayCount: Int = 1, subnets: [Subnet] = [],
                endpoints: [VPCEndpoint] = [], securityGroups: [SecurityGroup] = [], flowLogs: Bool = false,
                decisions: [Decision] = []) {
        self.cidr = cidr
        self.azCount = azCount
        self.natGatewayCount = natGatewayCount
        self.subnets = subnets
        self.endpoints = endpoints
        self.securityGroups = securityGroups
        self.flowLogs = flowLogs
        self.existingVpcId = nil
        self.decisions = decisions
    }
}

/// One subnet. `public` subnets hold the load balancer and NAT gateways; `private`
/// subnets hold tasks (egress through NAT); `isolated` subnets hold data stores (no egress).
public struct Subnet: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable { case `public`, `private`, isolated }
    /// Logical name, e.g. `PublicSubnet1`, `PrivateSubnet2`, `DataSubnet1`.
    public var name: String
    public var kind: Kind
    /// 0-based AZ index (`!Select [i, !GetAZs '']`).
    public var azIndex: Int
    public var cidr: String
    public init(name: String, kind: Kind, azIndex: Int, cidr: String) {
        self.name = name
        self.kind = kind
        self.azIndex = azIndex
        self.cidr = cidr
    }
}

/// A VPC endpoint, so private tasks reach an AWS service without NAT.
public struct VPCEndpoint: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable { case gateway, interface }
    /// Service short name: `s3`, `dynamodb`, `ecr.api`, `ecr.dkr`, `logs`, `secretsmanager`, `ssm`.
    public var service: String
    public var kind: Kind
    public init(service: String, kind: Kind) {
        self.service = service
        self.kind = kind
    }
}

/// A security group and what may reach it. Egress is open (tasks call AWS APIs).
public struct SecurityGroup: Sendable, Codable, Equatable {
    /// Logical name, e.g. `alb`, `web-api`, `internal-svc-auth`, `data-postgres`.
    public var name: String
    public var description: String
    public var ingress: [IngressRule]
    public init(name: String, description: String, ingress: [IngressRule] = []) {
        self.name = name
        self.description = description
        self.ingress = ingress
    }
}

/// One ingress rule: a port range from another group or a CIDR block.
public struct IngressRule: Sendable, Codable, Equatable {
    public var fromPort: Int
    public var toPort: Int
    public var proto: String
    /// Source security group (its `name`), or nil when `cidr` is used.
    public var sourceGroup: String?
    public var cidr: String?
    public var description: String
    public init(fromPort: Int, toPort: Int, proto: String = "tcp", sourceGroup: String? = nil, cidr: String? = nil,
                description: String) {
        self.fromPort = fromPort
        self.toPort = toPort
        self.proto = proto
        self.sourceGroup = sourceGroup
        self.cidr = cidr
        self.description = description
    }

    /// What the rule admits, as a name: `tcp-443`, `tcp-3000-from-alb`, `udp-1935-2000-from-10.0.0.0/16`.
    /// Renderers name a rule's resource after it, not after its position, so adding or removing one
    /// rule never renames the others (which would create a duplicate rule before the old one is gone).
    public var identity: String {
        var out = "\(proto == "-1" ? "all" : proto)-\(fromPort)"
        if toPort != fromPort { out += "-\(toPort)" }
        if let sourceGroup { out += "-from-\(sourceGroup)" } else if let cidr, cidr != "0.0.0.0/0" { out += "-from-\(cidr)" }
        return out
    }
}
