/// A monthly cost estimate of a Blueprint: what `ferry cost` prints and the guide's cost table shows.
/// Plain values so renderers can show an estimate without depending on the Pricing module.
/// Amounts are US dollars; `monthly` figures are for a 730-hour month.
public struct CostReport: Sendable, Codable, Equatable {
    public var region: String
    public var tier: Tier
    public var currency: String
    /// Sum of `lines[].monthly`.
    public var totalMonthly: Double
    /// One line per priced usage of one resource (a task's vCPU hours, a NAT gateway's hours…).
    public var lines: [CostLine]
    /// Decisions that move the total most, largest absolute change first.
    public var deltas: [CostDelta]
    /// The usage assumptions behind the lines, with where each value came from.
    public var assumptions: [UsageAssumption]
    /// Things the estimate leaves out or cannot know (free tiers not deducted, Spot prices move…).
    public var notes: [String]

    public init(region: String, tier: Tier, currency: String = "USD", totalMonthly: Double, lines: [CostLine],
                deltas: [CostDelta] = [], assumptions: [UsageAssumption] = [], notes: [String] = []) {
        self.region = region
        self.tier = tier
        self.currency = currency
        self.totalMonthly = totalMonthly
        self.lines = lines
        self.deltas = deltas
        self.assumptions = assumptions
        self.notes = notes
    }

    /// Monthly totals per resource, in the order resources first appear in `lines`.
    public var totalsByResource: [(resource: String, monthly: Double)] {
        var order: [String] = []
        var sums: [String: Double] = [:]
        for line in lines {
            if sums[line.resource] == nil { order.append(line.resource) }
            sums[line.resource, default: 0] += line.monthly
        }
        return order.map { ($0, sums[$0] ?? 0) }
    }
}

/// One priced usage: `quantity` × `unitPrice` = `monthly`.
public struct CostLine: Sendable, Codable, Equatable {
    /// The Blueprint element priced: `workloads.api`, `network.nat`, `datastores.postgres`.
    public var resource: String
    /// Catalog service: `fargate`, `rds`, `vpc`, …
    public var service: String
    /// Catalog usage key: `vcpu-hours.arm`, `nat-gateway-hours`, …
    public var usageKey: String
    /// Monthly quantity in `unit`s.
    public var quantity: Double
    public var unit: String
    public var unitPrice: Double
    public var monthly: Double
    /// Where the unit price came from (catalog source column).
    public var source: String
    /// How `quantity` was reached, e.g. `1 task × 0.25 vCPU × 730 h`.
    public var arithmetic: String

    public init(resource: String, service: String, usageKey: String, quantity: Double, unit: String,
                unitPrice: Double, monthly: Double, source: String, arithmetic: String) {
        self.resource = resource
        self.service = service
        self.usageKey = usageKey
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
        self.monthly = monthly
        self.source = source
        self.arithmetic = arithmetic
    }
}

/// What one decision adds to (positive) or saves from (negative) the monthly total.
public struct CostDelta: Sendable, Codable, Equatable {
    /// Human wording: "NAT per AZ instead of one".
    public var decision: String
    public var monthlyChange: Double
    /// The key that makes the change (`x-ferry.tier`, `x-ferry.capacity`), when there is one.
    public var overrideKey: String?

    public init(decision: String, monthlyChange: Double, overrideKey: String? = nil) {
        self.decision = decision
        self.monthlyChange = monthlyChange
        self.overrideKey = overrideKey
    }
}

/// One usage figure the estimate assumed, e.g. `logs.ingest_gb_per_service = 1 (tier mvp)`.
public struct UsageAssumption: Sendable, Codable, Equatable {
    public var key: String
    public var value: Double
    public var unit: String
    /// `tier mvp`, `x-ferry.usage`, `--usage usage.yaml`.
    public var origin: String

    public init(key: String, value: Double, unit: String, origin: String) {
        self.key = key
        self.value = value
        self.unit = unit
        self.origin = origin
    }
}
