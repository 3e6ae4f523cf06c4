import Foundation

/// How much a migration source holds, as `ferry migrate plan` measured it: bytes and a count of
/// what the kind moves (objects, items, tables), or why it could not be measured.
public struct SourceSize: Sendable, Codable, Equatable {
    public var bytes: Int64?
    public var count: Int?
    /// What `count` counts: objects, items, tables.
    public var unit: String
    /// True when the measure stopped early (a listing cut at its cap): the figures are lower bounds.
    public var atLeast: Bool
    /// Why the size is unknown, when it is.
    public var unknown: String?

    public init(bytes: Int64?, count: Int?, unit: String, atLeast: Bool = false, unknown: String? = nil) {
        self.bytes = bytes
        self.count = count
        self.unit = unit
        self.atLeast = atLeast
        self.unknown = unknown
    }

    public static func unknown(_ unit: String, _ why: String) -> SourceSize {
        SourceSize(bytes: nil, count: nil, unit: unit, unknown: why)
    }

    /// "1.2 GiB in 3,000 objects", "≥ 10 GiB in 1,000,000 objects", "size unknown (…)".
    public var description: String {
        if let unknown { return "size unknown (\(unknown))" }
        var parts: [String] = []
        if let bytes { parts.append(Self.format(bytes: bytes)) }
        if let count { parts.append("\(count) " + (count == 1 && unit.hasSuffix("s") ? String(unit.dropLast()) : unit)) }
        return (atLeast ? "≥ " : "") + parts.joined(separator: " in ")
    }

    public static func format(bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[unit])
    }
}
