import Blueprint

/// Prices a Blueprint offline: every element's usage × the catalog's unit price, the assumptions
/// behind the usage, and the decisions that move the total most.
public struct CostEstimator: Sendable {
    public var catalog: PriceCatalog
    public init(catalog: PriceCatalog) { self.catalog = catalog }

    /// The estimate for the Blueprint's own region and tier (usage defaults come from `usage.tier`).
    public func estimate(_ blueprint: Blueprint, usage: UsageProfile, options: EstimateOptions = EstimateOptions(),
                         withDeltas: Bool = true) -> CostReport {
        var b = LineBuilder(catalog: catalog, region: blueprint.region, usage: usage, options: options)
        NetworkEstimator.estimate(blueprint, into: &b)
        LoadBalancerEstimator.estimate(blueprint, into: &b)
        WorkloadEstimator.estimate(blueprint, into: &b)
        GPUCapacityEstimator.estimate(blueprint, into: &b)
        BatchEstimator.estimate(blueprint, into: &b)
        DataStoreEstimator.estimate(blueprint, into: &b)
        StorageEstimator.estimate(blueprint, into: &b)
        FileSystemEstimator.estimate(blueprint, into: &b)
        OperationsEstimator.estimate(blueprint, into: &b)
        let lines = b.lines.map { line -> CostLine in
            var l = line
            l.monthly = Self.cents(l.monthly)
            return l
        }
        let total = Self.cents(b.lines.reduce(0) { $0 + $1.monthly })
        var notes = b.missing
        notes.append(contentsOf: b.remarks)
        notes.append(contentsOf: Self.standingNotes(lines: lines))
        var report = CostReport(region: blueprint.region, tier: blueprint.tier, totalMonthly: total, lines: lines,
                                assumptions: b.assumptions.values.sorted { $0.key < $1.key }, notes: notes)
        if withDeltas { report.deltas = CostDeltas.compute(blueprint, base: report, estimator: self, usage: usage, options: options) }
        return report
    }

    /// The bare total (no deltas), for what-if comparisons.
    func total(_ blueprint: Blueprint, usage: UsageProfile, options: EstimateOptions) -> Double {
        estimate(blueprint, usage: usage, options: options, withDeltas: false).totalMonthly
    }

    static func cents(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    static func standingNotes(lines: [CostLine]) -> [String] {
        var notes = [
            "Prices are on-demand list prices in USD for a 730-hour month, before tax, credits, Savings Plans and free tiers.",
            "Every tier keeps the same security controls: private subnets for tasks and data, encryption at rest and TLS in transit, secrets in Secrets Manager, separate least-privilege task and execution roles, HTTPS-only load balancer. Tiers differ in size and availability only.",
        ]
        let unconfirmed = Set(lines.filter { $0.source.contains("[unconfirmed]") }.map { "\($0.service) \($0.usageKey)" })
        if !unconfirmed.isEmpty {
            notes.append("\(unconfirmed.count) unit price(s) are marked [unconfirmed] in the catalog (not verified against a current AWS offer file); run scripts/refresh-prices.py with offer files to confirm them.")
        }
        if lines.contains(where: { $0.usageKey.hasSuffix(".spot") }) {
            notes.append("Fargate Spot prices move with spare capacity; the catalog records 30% of on-demand, the usual level.")
        }
        return notes
    }
}
