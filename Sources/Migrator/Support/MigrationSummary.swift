import Foundation

/// What a run did, for the final line and `--format json`. Keys, counts and checksums only.
public struct MigrationSummary: Sendable, Codable, Equatable {
    public var kind: String
    public var source: String
    public var target: String
    public var items: Int = 0
    public var copied: Int = 0
    public var skipped: Int = 0
    public var failed: Int = 0
    public var deleted: Int = 0
    public var bytes: Int64 = 0
    /// SHA-256 over the sorted `key size fingerprint` lines the verification read from the destination.
    public var checksum: String?
    public var verified: Bool = false
    public var durationSeconds: Double = 0
    public var checkpoint: String?
    public var dryRun: Bool = false
    /// Per-item notes: why something was skipped or failed (never a value).
    public var notes: [String] = []

    public init(kind: String, source: String, target: String) {
        self.kind = kind
        self.source = source
        self.target = target
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var copy = self
        copy.durationSeconds = (durationSeconds * 1000).rounded() / 1000
        return String(decoding: (try? encoder.encode(copy)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// Where progress goes: FerryCLI draws bars on a terminal and plain lines otherwise.
public protocol MigrationProgress: Sendable {
    /// The work is known: `items` items, `bytes` bytes in all.
    func begin(kind: String, items: Int, bytes: Int64)
    /// One item finished: `action` is copied, skipped, failed, deleted, would copy.
    func item(_ key: String, action: String, bytes: Int64)
    /// Bytes moved inside a large item (multipart parts), for the rate.
    func bytes(_ count: Int64)
    func note(_ message: String)
}

public struct SilentProgress: MigrationProgress {
    public init() {}
    public func begin(kind: String, items: Int, bytes: Int64) {}
    public func item(_ key: String, action: String, bytes: Int64) {}
    public func bytes(_ count: Int64) {}
    public func note(_ message: String) {}
}
