import Blueprint

/// The application load balancer (hours, LCUs, one public IPv4 per AZ), internet egress and WAF.
enum LoadBalancerEstimator {
    static func estimate(_ blueprint: Blueprint, into b: inout LineBuilder) {
        network(blueprint, into: &b)
        guard let lb = blueprint.loadBalancer else { return }
        let r = "loadBalancer.\(lb.name)"
        let h = b.hours
        b.add(r, "elb", "alb-hours", quantity: h, "1 ALB × \(num(h)) h")
        let lcu = b.assume("alb_lcu")
        b.add(r, "elb", "alb-lcu-hours", quantity: lcu * h, "\(num(lcu)) LCU × \(num(h)) h")
        if lb.scheme != "internal" {
            let azs = max(blueprint.network.azCount, 1)
            b.add(r, "vpc", "public-ipv4-hours", quantity: Double(azs) * h, "\(azs) public IPv4 (one per AZ) × \(num(h)) h")
            let out = b.assume("internet_out_gb")
            b.add(r, "data-transfer", "internet-out-gb", quantity: out, "\(num(out)) GB to the internet")
        }
        if lb.waf {
            let requests = b.assume("requests_per_month")
            b.add("waf.\(lb.name)", "waf", "web-acl-month", quantity: 1, "1 web ACL")
            b.add("waf.\(lb.name)", "waf", "rules-month", quantity: 2, "2 managed rule groups (common, known bad inputs)")
            b.add("waf.\(lb.name)", "waf", "requests-million", quantity: requests / 1_000_000, "\(num(requests)) requests")
        }
    }

    /// The network load balancer for non-HTTP public ports: hours, NLCUs and its public IPv4 addresses.
    static func network(_ blueprint: Blueprint, into b: inout LineBuilder) {
        guard let nlb = blueprint.networkLoadBalancer, !nlb.listeners.isEmpty else { return }
        let r = "networkLoadBalancer.\(nlb.name)"
        let h = b.hours
        b.add(r, "elb", "nlb-hours", quantity: h, "1 NLB × \(num(h)) h")
        let lcu = b.assume("nlb_lcu")
        b.add(r, "elb", "nlb-lcu-hours", quantity: lcu * h, "\(num(lcu)) NLCU × \(num(h)) h")
        let azs = max(blueprint.network.azCount, 1)
        b.add(r, "vpc", "public-ipv4-hours", quantity: Double(azs) * h, "\(azs) public IPv4 (one per AZ) × \(num(h)) h")
    }
}
