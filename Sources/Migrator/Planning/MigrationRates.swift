import Foundation

/// The rates `ferry migrate plan` estimates with: this project's own earlier runs when it has any
/// (`rates.json` beside the checkpoints, written after each complete, verified run), else defaults
/// taken from the benchmarks in docs/BENCHMARKS.md, which ran between emulators on loopback and are
/// therefore low for large objects on real S3 and high for a database across a slow link.
public struct MigrationRate: Sendable, Codable, Equatable {
    /// Bytes of the source per second (database bytes for postgres/mysql, object bytes for objects).
    public var bytesPerSecond: Double?
    /// Items per second (objects, DynamoDB items), for sources whose cost is per item.
    public var itemsPerSecond: Double?
    /// Where the figure comes from: "default (docs/BENCHMARKS.md)" or "measured: N run(s), last <date>".
    public var basis: String

    public init(bytesPerSecond: Double?, itemsPerSecond: Double?, basis: String) {
        self.bytesPerSecond = bytesPerSecond
        self.itemsPerSecond = itemsPerSecond
        self.basis = basis
    }

    /// Seconds to move `size`: the slower of the byte and the item bound, plus a fixed start-up.
    public func seconds(for size: SourceSize) -> Double? {
        guard size.unknown == nil else { return nil }
        var bound = 0.0
        if let bytes = size.bytes, let rate = bytesPerSecond, rate > 0 { bound = max(bound, Double(bytes) / rate) }
        if let count = size.count, let rate = itemsPerSecond, rate > 0 { bound = max(bound, Double(count) / rate) }
        return bound + 2
    }
}

public struct RateBook: Sendable {
    public static let defaults: [String: MigrationRate] = [
        // 3,006 objects (6 × 24 MiB and 3,000 small ones) in 27 s, moto to moto.
        "objects": MigrationRate(bytesPerSecond: 6_000_000, itemsPerSecond: 110, basis: "default (docs/BENCHMARKS.md)"),
        // pgbench scale 50 and a 919 MB jsonb table, dump, restore and verification: 98 s.
        "postgres": MigrationRate(bytesPerSecond: 17_000_000, itemsPerSecond: nil, basis: "default (docs/BENCHMARKS.md)"),
        "mysql": MigrationRate(bytesPerSecond: 15_000_000, itemsPerSecond: nil, basis: "default (docs/BENCHMARKS.md)"),
        // File into a table, verified, moto: 478 items/s.
        "dynamodb": MigrationRate(bytesPerSecond: nil, itemsPerSecond: 450, basis: "default (docs/BENCHMARKS.md)"),
    ]

    struct Entry: Codable, Equatable {
        var bytesPerSecond: Double?
        var itemsPerSecond: Double?
        var runs: Int
        var last: String
    }

    public var path: String

    public init(directory: String) {
        path = (directory as NSString).appendingPathComponent("rates.json")
    }

    func entries() -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return (try? JSONDecoder().decode([String: Entry].self, from: data)) ?? [:]
    }

    /// The project's measured rate for `kind`, else the default.
    public func rate(_ kind: String) -> MigrationRate? {
        if let entry = entries()[kind] {
            return MigrationRate(bytesPerSecond: entry.bytesPerSecond, itemsPerSecond: entry.itemsPerSecond,
                                 basis: "measured: \(entry.runs) run(s) of this project, last \(entry.last)")
        }
        return Self.defaults[kind]
    }

    /// Records a run's rate when it moved everything it found and verified it: a resumed or partial
    /// run's rate says nothing about the source's. The newest run weighs half.
    public func record(_ summary: MigrationSummary, now: Date = Date()) {
        guard summary.verified, !summary.dryRun, summary.failed == 0, summary.copied > 0, summary.skipped == 0,
              summary.durationSeconds >= 1 else { return }
        let seconds = summary.durationSeconds
        let bytes = summary.bytes > 0 ? Double(summary.bytes) / seconds : nil
        let items = Double(summary.copied) / seconds
        var all = entries()
        var entry = all[summary.kind] ?? Entry(bytesPerSecond: bytes, itemsPerSecond: items, runs: 0, last: "")
        if entry.runs > 0 {
            entry.bytesPerSecond = Self.blend(entry.bytesPerSecond, bytes)
            entry.itemsPerSecond = Self.blend(entry.itemsPerSecond, items)
        }
        entry.runs += 1
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        entry.last = formatter.string(from: now)
        all[summary.kind] = entry
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(all) else { return }
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Best effort: a rate that cannot be written only makes the next estimate a default one.
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func blend(_ old: Double?, _ new: Double?) -> Double? {
        guard let new else { return old }
        guard let old else { return new }
        return (old + new) / 2
    }
}
