import Foundation
import GRDB

/// The write-ahead record of one migration (one kind, one source, one target) in SQLite under
/// `.ferry/migrations/`. Every item goes through three steps:
///
/// 1. `recordIntent`: the item and its source fingerprint are committed *before* the write;
/// 2. the write itself, which is idempotent (a PUT of the same key, a secret version whose
///    client token is derived from the value, an upsert by primary key);
/// 3. `markDone` once the destination shows the expected fingerprint.
///
/// A kill -9 between any two steps leaves the item `intent` (or absent): the next run redoes it, and
/// because the write is idempotent nothing is duplicated; nothing is `done` that was not verified,
/// so nothing is lost. Rows hold keys, sizes and fingerprints (salted hashes for secrets), never a value.
public final class CheckpointStore: Sendable {
    public enum State: String, Sendable { case intent, done }

    public struct Item: Sendable, Equatable {
        public var key: String
        public var state: State
        /// What was read from the source (size and ETag, size and mtime, a salted hash).
        public var sourceFingerprint: String
        /// What the destination must show (an ETag, a salted hash), once known.
        public var expected: String?
        public var size: Int64
        /// A multipart upload started for this item, to abort when the item is redone.
        public var uploadID: String?
    }

    public let path: String
    private let queue: DatabaseQueue

    /// Opens (creating when needed) the checkpoint at `path`. `identity` names the migration
    /// (kind, source, target): a file written for another migration is refused, not mixed in.
    public init(path: String, identity: String) throws {
        self.path = path
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            var configuration = Configuration()
            // Another reader (a second ferry, a test) waits instead of failing the write.
            configuration.busyMode = .timeout(10)
            // WAL with synchronous NORMAL: a commit is in the WAL file before it returns, so it survives
            // kill -9; a power cut can lose the last commits, which only makes their items be redone
            // (every write is idempotent). FULL would cost an fsync per item.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE IF NOT EXISTS item (
                      key TEXT PRIMARY KEY,
                      state TEXT NOT NULL CHECK (state IN ('intent', 'done')),
                      source_fingerprint TEXT NOT NULL,
                      expected TEXT,
                      size INTEGER NOT NULL DEFAULT 0,
                      upload_id TEXT,
                      attempts INTEGER NOT NULL DEFAULT 0
                    );
                    """)
                let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'identity'")
                if let stored, stored != identity {
                    throw MigrationError.checkpoint(path: path, detail: "it records another migration (\(stored)); remove it to start over")
                }
                if stored == nil {
                    try db.execute(sql: "INSERT INTO meta (name, value) VALUES ('identity', ?)", arguments: [identity])
                    try db.execute(sql: "INSERT INTO meta (name, value) VALUES ('salt', ?)", arguments: [ValueHash.randomSalt()])
                }
            }
        } catch let error as MigrationError {
            throw error
        } catch {
            throw MigrationError.checkpoint(path: path, detail: Self.describe(error))
        }
    }

    /// The checkpoint file for a migration: `<directory>/<kind>-<readable target>-<hash of identity>.sqlite`.
    public static func path(directory: String, kind: String, target: String, identity: String) -> String {
        let readable = String(target.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "-" }.prefix(48))
        let digest = ValueHash.hex(identity).prefix(10)
        return (directory as NSString).appendingPathComponent("\(kind)-\(readable)-\(digest).sqlite")
    }

    /// A random per-checkpoint salt, so a stored fingerprint of a secret cannot be looked up in a table.
    public func salt() throws -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'salt'") ?? "" }
    }

    public func item(_ key: String) throws -> Item? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM item WHERE key = ?", arguments: [key]).map(Self.item) }
    }

    public func allItems() throws -> [String: Item] {
        try read { db in
            var out: [String: Item] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM item") { let item = Self.item(row); out[item.key] = item }
            return out
        }
    }

    /// Step 1: committed before the write. Clears any earlier `done`, so a half-finished redo is never trusted.
    public func recordIntent(_ key: String, sourceFingerprint: String, size: Int64, expected: String? = nil) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO item (key, state, source_fingerprint, expected, size, upload_id, attempts)
                VALUES (?, 'intent', ?, ?, ?, NULL, 1)
                ON CONFLICT(key) DO UPDATE SET state = 'intent', source_fingerprint = excluded.source_fingerprint,
                  expected = excluded.expected, size = excluded.size, attempts = attempts + 1
                """, arguments: [key, sourceFingerprint, expected, size])
        }
    }

    /// A multipart upload begun for an `intent` item (aborted if the item is redone).
    public func recordUpload(_ key: String, uploadID: String?) throws {
        try write { db in try db.execute(sql: "UPDATE item SET upload_id = ? WHERE key = ?", arguments: [uploadID, key]) }
    }

    /// Step 3: the destination showed `expected`.
    public func markDone(_ key: String, expected: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE item SET state = 'done', expected = ?, upload_id = NULL WHERE key = ?", arguments: [expected, key])
        }
    }

    /// Records an item found already in place (skipped): done without a write.
    public func markInPlace(_ key: String, sourceFingerprint: String, size: Int64, expected: String) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO item (key, state, source_fingerprint, expected, size) VALUES (?, 'done', ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET state = 'done', source_fingerprint = excluded.source_fingerprint,
                  expected = excluded.expected, size = excluded.size, upload_id = NULL
                """, arguments: [key, sourceFingerprint, expected, size])
        }
    }

    /// Forgets an item (its destination copy was deleted with `--delete`).
    public func remove(_ key: String) throws {
        try write { db in try db.execute(sql: "DELETE FROM item WHERE key = ?", arguments: [key]) }
    }

    private static func item(_ row: Row) -> Item {
        Item(key: row["key"], state: State(rawValue: row["state"]) ?? .intent, sourceFingerprint: row["source_fingerprint"],
             expected: row["expected"], size: row["size"], uploadID: row["upload_id"])
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch { throw MigrationError.checkpoint(path: path, detail: Self.describe(error)) }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch { throw MigrationError.checkpoint(path: path, detail: Self.describe(error)) }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_FULL { return "the disk is full" }
            if error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN { return "cannot write the file (\(error.message ?? "read-only"))" }
            return error.message ?? "\(error.resultCode)"
        }
        return "\(error)"
    }
}
