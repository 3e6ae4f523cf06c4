/// The size and resilience level of an environment. Each tier's choices are decisions
/// in the Blueprint (see DESIGN.md "Tiers").
public enum Tier: String, Sendable, Codable, Equatable, CaseIterable, Comparable {
    /// Smallest sizes, one NAT (or none), no deletion protection.
    case dev
    /// Default: two AZs, one NAT, single-AZ database with backups, deletion protection on data.
    case mvp
    /// Two or three AZs, NAT per AZ, Multi-AZ / Aurora, alarms to SNS, WAF.
    case prod

    private var rank: Int {
        switch self {
        case .dev: return 0
        case .mvp: return 1
        case .prod: return 2
        }
    }

    public static func < (a: Tier, b: Tier) -> Bool { a.rank < b.rank }
}

/// A key/value tag put on every resource that supports tags.
public struct Tag: Sendable, Codable, Equatable, Hashable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
