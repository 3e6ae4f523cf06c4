import Blueprint

/// The internet-facing Network Load Balancer for public ports that are not HTTP: a target group (IP
/// targets, TCP health check) and a listener per port. No security group on the NLB itself (UDP
/// listeners); the tasks' groups admit the traffic (see NetworkBuilder).
enum NetworkLoadBalancerSection {
    static let loadBalancerID = "NetworkLoadBalancer"

    static func render(_ c: inout CFNContext) {
        guard let nlb = c.blueprint.networkLoadBalancer, !nlb.listeners.isEmpty else { return }
        let n = c.names
        c.add(loadBalancerID, CFNResource("AWS::ElasticLoadBalancingV2::LoadBalancer", [
            "Type": "network",
            "Scheme": "internet-facing",
            "IpAddressType": "ipv4",
            "Subnets": NetworkSection.subnetRefs(c, .public, onePerAZ: true),
            "LoadBalancerAttributes": [["Key": "load_balancing.cross_zone.enabled", "Value": "true"]],
        ]))
        for l in nlb.listeners {
            c.add(targetGroupID(n, l), CFNResource("AWS::ElasticLoadBalancingV2::TargetGroup", [
                "TargetType": "ip",
                "Protocol": .string(l.proto),
                "Port": .int(l.targetPort),
                "VpcId": .ref("Vpc"),
                "HealthCheckEnabled": true,
                "HealthCheckProtocol": "TCP",
                "HealthCheckPort": .string(String(l.healthCheckPort)),
                "HealthCheckIntervalSeconds": 30,
                "TargetGroupAttributes": [["Key": "deregistration_delay.timeout_seconds", "Value": "30"]],
            ]))
            c.add(listenerID(n, l), CFNResource("AWS::ElasticLoadBalancingV2::Listener", [
                "LoadBalancerArn": .ref(loadBalancerID),
                "Port": .int(l.port),
                "Protocol": .string(l.proto),
                "DefaultActions": [["Type": "forward", "TargetGroupArn": .ref(targetGroupID(n, l))]],
            ]))
        }
    }

    static func targetGroupID(_ n: CFNNames, _ l: NetworkListener) -> String { n.id(l.name, "NlbTargetGroup") }
    static func listenerID(_ n: CFNNames, _ l: NetworkListener) -> String { n.id(l.name, "NlbListener") }
}
