import Blueprint

/// How bad a policy finding is, on the scale security scanners use (checkov, SARIF
/// `security-severity`). `ferry check --fail-on` takes one of these.
public enum CheckSeverity: String, Sendable, Codable, Equatable, Comparable, CaseIterable {
    case low, medium, high, critical

    private var rank: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .high: return 2
        case .critical: return 3
        }
    }

    public static func < (a: CheckSeverity, b: CheckSeverity) -> Bool { a.rank < b.rank }

    /// The Blueprint's three-level severity: high and critical fail a build (`error`).
    public var findingSeverity: Severity {
        switch self {
        case .low: return .info
        case .medium: return .warning
        case .high, .critical: return .error
        }
    }

    /// Planner findings carry only the three-level severity.
    public init(_ severity: Severity) {
        switch severity {
        case .info: self = .low
        case .warning: self = .medium
        case .error: self = .high
        }
    }

    /// GitHub code scanning's `security-severity` score (critical ≥ 9, high ≥ 7, medium ≥ 4).
    public var securityScore: String {
        switch self {
        case .low: return "3.0"
        case .medium: return "5.5"
        case .high: return "8.0"
        case .critical: return "9.5"
        }
    }

    /// SARIF result level.
    public var sarifLevel: String {
        switch self {
        case .low: return "note"
        case .medium: return "warning"
        case .high, .critical: return "error"
        }
    }
}
