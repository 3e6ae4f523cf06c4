/// Only the load balancer's web ports belong on the open internet.
struct OpenIngress: PolicyCheck {
    let id = "FERRY-NET-002"
    let severity = CheckSeverity.high
    let title = "Only ports 80 and 443 are open to the internet"
    let rationale = "Database, cache, SSH and application ports open to 0.0.0.0/0 are scanned within minutes."
    let fix = "Allow the port from the calling security group (SourceSecurityGroupId) instead of a CIDR."
    let related = ["cfn_nag:W2", "cfn_nag:W9", "checkov:CKV_AWS_24", "checkov:CKV_AWS_25", "checkov:CKV_AWS_260"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        var out: [Violation] = []
        // Ports the plan serves on purpose through its network load balancer (MQTT, SMTP, game servers…).
        let served = Set((c.blueprint?.networkLoadBalancer?.listeners ?? []).map { "\($0.targetPort)/\($0.proto.lowercased())" })
        func inspect(_ r: TemplateDocument.Resource, _ rule: TemplateValue) {
            let world = rule["CidrIp"]?.string == "0.0.0.0/0" || rule["CidrIpv6"]?.string == "::/0"
            guard world else { return }
            let proto = rule["IpProtocol"]?.string ?? "tcp"
            let from = Int(rule["FromPort"]?.number ?? -1), to = Int(rule["ToPort"]?.number ?? -1)
            if from == to, served.contains("\(from)/\(proto)") { return }
            if proto == "-1" || from < 0 || !((from == 80 && to == 80) || (from == 443 && to == 443)) {
                let ports = proto == "-1" ? "all ports" : (from == to ? "port \(from)" : "ports \(from)-\(to)")
                out.append(c.violation(r, "\(ports) open to the internet"))
            }
        }
        for r in c.resources("AWS::EC2::SecurityGroup") {
            for rule in r.properties["SecurityGroupIngress"]?.array ?? [] { inspect(r, rule) }
        }
        for r in c.resources("AWS::EC2::SecurityGroupIngress") { inspect(r, r.properties) }
        return out
    }
}
