import Blueprint

/// What-if estimates: flip one decision, price again, keep the change. Only decisions that
/// apply to this Blueprint are tried; the largest changes come first.
enum CostDeltas {
    static let limit = 8

    static func compute(_ bp: Blueprint, base: CostReport, estimator: CostEstimator, usage: UsageProfile,
                        options: EstimateOptions) -> [CostDelta] {
        var deltas: [CostDelta] = []
        func variant(_ wording: String, key: String?, options o: EstimateOptions? = nil, _ change: (inout Blueprint) -> Void) {
            var v = bp
            change(&v)
            let t = estimator.total(v, usage: usage, options: o ?? options)
            let d = CostEstimator.cents(t - base.totalMonthly)
            if abs(d) >= 0.01 { deltas.append(CostDelta(decision: wording, monthlyChange: d, overrideKey: key)) }
        }

        let n = bp.network
        if n.natGatewayCount == 1 && n.azCount > 1 {
            variant("NAT gateway per AZ instead of one", key: "x-ferry.network.nat") { $0.network.natGatewayCount = n.azCount }
        } else if n.natGatewayCount > 1 {
            variant("One shared NAT gateway instead of one per AZ", key: "x-ferry.network.nat") { $0.network.natGatewayCount = 1 }
        }
        for (i, d) in bp.dataStores.enumerated() {
            switch d.kind {
            case .rdsPostgresql, .rdsMysql:
                let aurora: DataStoreKind = d.kind == .rdsPostgresql ? .auroraPostgresql : .auroraMysql
                variant("Aurora (2 × db.t4g.medium, Multi-AZ) instead of RDS \(d.multiAZ ? "Multi-AZ" : "Single-AZ") for \(d.name)", key: "x-ferry.database.engine") {
                    $0.dataStores[i].kind = aurora
                    $0.dataStores[i].instanceClass = "db.t4g.medium"
                    $0.dataStores[i].instanceCount = 2
                    $0.dataStores[i].multiAZ = true
                }
                if !d.multiAZ {
                    variant("RDS Multi-AZ instead of Single-AZ for \(d.name)", key: "x-ferry.database.multi_az") { $0.dataStores[i].multiAZ = true }
                } else {
                    variant("RDS Single-AZ instead of Multi-AZ for \(d.name)", key: "x-ferry.database.multi_az") { $0.dataStores[i].multiAZ = false }
                }
            case .auroraPostgresql, .auroraMysql:
                let rds: DataStoreKind = d.kind == .auroraPostgresql ? .rdsPostgresql : .rdsMysql
                variant("RDS Single-AZ db.t4g.small instead of Aurora for \(d.name)", key: "x-ferry.database.engine") {
                    $0.dataStores[i].kind = rds
                    $0.dataStores[i].instanceClass = "db.t4g.small"
                    $0.dataStores[i].instanceCount = 1
                    $0.dataStores[i].multiAZ = false
                }
                if d.instanceCount > 1 {
                    variant("One Aurora instance instead of \(d.instanceCount) for \(d.name)", key: "x-ferry.database.instances") { $0.dataStores[i].instanceCount = 1 }
                }
            case .elasticacheRedis:
                variant("Valkey instead of Redis OSS for \(d.name) (same protocol)", key: "x-ferry.target") { $0.dataStores[i].kind = .elasticacheValkey }
            default:
                break
            }
            if d.kind.isCache && d.instanceCount == 1 && bp.tier < .prod {
                variant("Cache replica with automatic failover for \(d.name)", key: "x-ferry.cache.replicas") { $0.dataStores[i].instanceCount = 2 }
            }
        }
        let runsOnECS = bp.workloads.contains { $0.target.isECSService || $0.target == .ecsFargateTask }
        if let cluster = bp.cluster, runsOnECS {
            let hasWorkers = bp.workloads.contains { $0.role == .worker }
            if hasWorkers && !cluster.spotForWorkers {
                variant("Fargate Spot for workers", key: "x-ferry.capacity") { $0.cluster?.spotForWorkers = true }
            } else if hasWorkers {
                variant("On-demand instead of Fargate Spot for workers", key: "x-ferry.capacity") { $0.cluster?.spotForWorkers = false }
            }
            if !options.forceARM && !bp.workloads.allSatisfy(WorkloadEstimator.isARM) {
                variant("Graviton (ARM64) tasks instead of x86 (images built for linux/arm64)", key: "x-ferry.platform",
                        options: EstimateOptions(forceARM: true)) { _ in }
            }
            if cluster.containerInsights {
                variant("Container Insights off", key: "x-ferry.observability.container_insights") { $0.cluster?.containerInsights = false }
            } else {
                variant("Container Insights on", key: "x-ferry.observability.container_insights") { $0.cluster?.containerInsights = true }
            }
        }
        for (i, p) in bp.ec2CapacityProviders.enumerated() {
            if p.minSize == 0 {
                variant("GPU instance for \(p.workload) always on (minimum 1) instead of scaling to zero", key: "x-ferry.scaling") { $0.capacityProviders?[i].minSize = 1 }
            } else {
                variant("GPU instances for \(p.workload) scale to zero when idle (minimum 0)", key: "x-ferry.scaling") { $0.capacityProviders?[i].minSize = 0 }
            }
        }
        if let lb = bp.loadBalancer {
            if lb.waf {
                variant("No WAF on the load balancer", key: "x-ferry.waf") { $0.loadBalancer?.waf = false }
            } else {
                variant("WAF on the load balancer", key: "x-ferry.waf") { $0.loadBalancer?.waf = true }
            }
        }
        deltas.sort { abs($0.monthlyChange) != abs($1.monthlyChange) ? abs($0.monthlyChange) > abs($1.monthlyChange) : $0.decision < $1.decision }
        return Array(deltas.prefix(limit))
    }
}
