import Foundation

/// When one machine running `ferry migrate` is the wrong tool: above these sizes the copy takes too
/// long or too much of this machine's link, and the AWS-native service (DataSync, S3 Batch
/// Operations, DynamoDB ImportTable, DMS) does it inside AWS, in parallel, with its own verification.
public enum MigrationScale {
    public static let objectBytes: Int64 = 1 << 40          // 1 TiB
    public static let objectCount = 10_000_000
    public static let tableBytes: Int64 = 50 << 30          // 50 GiB
    public static let databaseBytes: Int64 = 500 << 30      // 500 GiB

    /// Why `kind` of `size` should take the AWS-native path (empty: one machine is fine). A downtime
    /// budget shorter than the estimated copy means the data must keep flowing while the application
    /// runs, which only a change-data-capture path (DMS) does for a database.
    public static func reasons(kind: String, size: SourceSize, estimatedSeconds: Double?, downtimeBudget: Double?) -> [String] {
        var reasons: [String] = []
        let bytes = size.bytes ?? 0
        switch kind {
        case "objects":
            if bytes > objectBytes { reasons.append("more than 1 TiB of objects") }
            if (size.count ?? 0) > objectCount { reasons.append("more than 10,000,000 objects") }
        case "dynamodb":
            if bytes > tableBytes { reasons.append("a table larger than 50 GiB") }
        case "postgres", "mysql":
            if bytes > databaseBytes { reasons.append("a database larger than 500 GiB") }
            if let budget = downtimeBudget, let estimate = estimatedSeconds, estimate > budget {
                reasons.append("the copy (about \(Self.duration(estimate))) is longer than the downtime budget (\(Self.duration(budget)))")
            }
        default:
            break
        }
        return reasons
    }

    /// "45 s", "12 min", "3.5 h", "2.1 days".
    public static func duration(_ seconds: Double) -> String {
        if seconds < 90 { return "\(Int(seconds.rounded())) s" }
        if seconds < 5400 { return "\(Int((seconds / 60).rounded())) min" }
        if seconds < 172_800 { return String(format: "%.1f h", seconds / 3600) }
        return String(format: "%.1f days", seconds / 86400)
    }
}
