import Blueprint

/// What each tier chooses when nothing in the compose files says otherwise (DESIGN.md "Tiers").
/// One place, so `plan` can show each as a `tier` decision and pricing can follow.
struct TierDefaults {
    let tier: Tier

    var azCount: Int { 2 }
    var natGateways: Int { tier == .prod ? azCount : 1 }
    var relationalUsesAurora: Bool { tier == .prod }
    var dbInstanceClass: String {
        switch tier {
        case .dev: return "db.t4g.micro"
        case .mvp: return "db.t4g.small"
        case .prod: return "db.t4g.medium"
        }
    }
    var dbStorageGB: Int { tier == .prod ? 100 : 20 }
    var dbMultiAZ: Bool { tier == .prod }
    var auroraInstances: Int { tier == .prod ? 2 : 1 }
    var backupDays: Int {
        switch tier {
        case .dev: return 1
        case .mvp: return 7
        case .prod: return 14
        }
    }
    var deletionProtection: Bool { tier != .dev }
    var cacheNodeType: String { tier == .dev ? "cache.t4g.micro" : "cache.t4g.small" }
    var cacheNodes: Int { tier == .prod ? 2 : 1 }
    var logRetentionDays: Int {
        switch tier {
        case .dev: return 7
        case .mvp: return 30
        case .prod: return 90
        }
    }
    /// Container Insights bills ~21 custom metrics per service; below prod the free AWS/ECS
    /// service metrics (which the alarms use) are enough. `ferry cost` shows the difference.
    var containerInsights: Bool { tier == .prod }
    /// Workers (queue consumers, no inbound traffic) tolerate Spot interruptions below prod.
    var spotForWorkers: Bool { tier != .prod }
    /// Service task counts: desired / min / max for services that scale.
    var webCapacity: Capacity {
        switch tier {
        case .dev: return Capacity(desired: 1, minimum: 1, maximum: 1)
        case .mvp: return Capacity(desired: 1, minimum: 1, maximum: 4)
        case .prod: return Capacity(desired: 2, minimum: 2, maximum: 10)
        }
    }
    var internalCapacity: Capacity {
        switch tier {
        case .dev: return Capacity(desired: 1, minimum: 1, maximum: 1)
        case .mvp: return Capacity(desired: 1, minimum: 1, maximum: 3)
        case .prod: return Capacity(desired: 2, minimum: 2, maximum: 6)
        }
    }
    var alarms: Bool { tier != .dev }
    var waf: Bool { tier == .prod }
    var flowLogs: Bool { tier == .prod }
    var budgetUSD: Double {
        switch tier {
        case .dev: return 100
        case .mvp: return 300
        case .prod: return 1000
        }
    }
    var pointInTimeRecovery: Bool { tier != .dev }
    var brokerInstance: String { tier == .prod ? "mq.m5.large" : "mq.t3.micro" }
    var kafkaInstance: String { tier == .prod ? "kafka.m5.large" : "kafka.t3.small" }
    var searchInstance: String { tier == .prod ? "m6g.large.search" : "t3.small.search" }
    var docdbInstance: String { tier == .prod ? "db.r6g.large" : "db.t4g.medium" }

    func decision(_ topic: String, _ choice: String, _ reason: String, key: String? = "x-ferry.tier") -> Decision {
        Decision(topic: topic, choice: choice, reason: "\(tier.rawValue) tier: \(reason)", source: .tier, overrideKey: key, rule: "TierDefaults")
    }
}
