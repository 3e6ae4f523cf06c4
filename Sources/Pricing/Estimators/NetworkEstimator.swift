import Blueprint

/// NAT gateways (hours, GB processed, their Elastic IPs) and interface VPC endpoints.
/// Gateway endpoints (S3, DynamoDB) cost nothing.
enum NetworkEstimator {
    static func estimate(_ blueprint: Blueprint, into b: inout LineBuilder) {
        let n = blueprint.network
        let h = b.hours
        if n.natGatewayCount > 0 {
            let count = Double(n.natGatewayCount)
            b.add("network.nat", "vpc", "nat-gateway-hours", quantity: count * h, "\(n.natGatewayCount) NAT gateway\(n.natGatewayCount == 1 ? "" : "s") × \(num(h)) h")
            let gb = b.assume("nat_gb")
            b.add("network.nat", "vpc", "nat-gateway-gb", quantity: gb, "\(num(gb)) GB processed")
            b.add("network.nat", "vpc", "public-ipv4-hours", quantity: count * h, "\(n.natGatewayCount) Elastic IP × \(num(h)) h")
        }
        let interface = n.endpoints.filter { $0.kind == .interface }
        if !interface.isEmpty {
            let q = Double(interface.count * max(n.azCount, 1)) * h
            b.add("network.endpoints", "vpc", "interface-endpoint-hours", quantity: q,
                  "\(interface.count) endpoints (\(interface.map(\.service).sorted().joined(separator: ", "))) × \(n.azCount) AZ × \(num(h)) h")
        }
        if n.flowLogs {
            let gb = b.assume("flow_log_gb")
            b.add("network.flowLogs", "cloudwatch", "logs-ingest-gb", quantity: gb, "\(num(gb)) GB of VPC flow logs")
        }
        if let ns = blueprint.serviceDiscovery {
            b.add("serviceDiscovery.\(ns.name)", "route53", "hosted-zones-month", quantity: 1, "1 private hosted zone (Cloud Map namespace)")
        }
    }
}
