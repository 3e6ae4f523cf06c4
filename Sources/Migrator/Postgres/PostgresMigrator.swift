import Foundation

/// Moves one PostgreSQL database: `pg_dump -Fd -j N` into the migration's directory, `pg_restore -j N`
/// into the target (`--clean --if-exists`, so a restore redone after an interruption replaces what a
/// killed one left, never adds to it), then proves it: every table's row count and a checksum of its
/// rows (`PostgresChecksum`), and every sequence's last value, equal on both sides.
///
/// Checkpoint items: `dump` (done with the hash of the dump's table of contents), `restore` (done
/// once pg_restore finished after that dump) and `verify`.
public struct PostgresMigrator: Sendable {
    public var source: PostgresConnection
    public var target: PostgresConnection
    public var jobs: Int
    /// Where the dump directory lives (beside the checkpoint).
    public var workDirectory: String
    public var checkpoints: CheckpointStore
    /// The Compose service's `/docker-entrypoint-initdb.d` scripts, run against the target before the restore.
    public var initScripts: [InitScript]
    /// How each table's rows are fingerprinted.
    public var checksum: PostgresChecksum = .rows
    var tools = PostgresTools()

    public init(source: PostgresConnection, target: PostgresConnection, jobs: Int = 4, workDirectory: String, checkpoints: CheckpointStore,
                initScripts: [InitScript] = []) {
        self.initScripts = initScripts
        self.source = source
        self.target = target
        self.jobs = max(1, jobs)
        self.workDirectory = workDirectory
        self.checkpoints = checkpoints
    }

    /// One table's or sequence's fingerprint on one side.
    public struct TableCheck: Sendable, Codable, Equatable {
        public var name: String
        public var rows: Int64
        public var checksum: String
    }

    public func run(dryRun: Bool = false, progress: any MigrationProgress) async throws -> MigrationSummary {
        let started = Date()
        var summary = MigrationSummary(kind: "postgres", source: source.description, target: target.description)
        summary.dryRun = dryRun
        summary.checkpoint = checkpoints.path
        // The database's size, for the summary and the rate `migrate plan` estimates with.
        summary.bytes = await SizeProbe.postgres(source).bytes ?? 0
        summary.notes = try await PostgresRDSCheck(tools: tools).findings(source)
        if dryRun {
            let sourceTables = try await tableChecks(source, isSource: true)
            summary.items = sourceTables.count
            summary.notes += sourceTables.map { "would move \($0.name) (\($0.rows) rows)" }
                + initScripts.map { "would run init script \($0.name) against the target first" }
            summary.durationSeconds = Date().timeIntervalSince(started)
            return summary
        }
        // The source's checks read every row while pg_dump does: the two overlap instead of adding up.
        async let sourceChecking = tableChecks(source, isSource: true)
        let dumpDirectory = (workDirectory as NSString).appendingPathComponent("dump")
        let fingerprint = "\(source.description) -> \(target.description)"

        // 1. Dump, unless a verified dump of this source is already on disk.
        var dumpHash = try dumpTOCHash(dumpDirectory)
        let dump = try checkpoints.item("dump")
        if dump?.state != .done || dump?.expected != dumpHash || dumpHash == nil {
            try checkpoints.recordIntent("dump", sourceFingerprint: fingerprint, size: 0)
            try checkpoints.recordIntent("restore", sourceFingerprint: fingerprint, size: 0)
            try? FileManager.default.removeItem(atPath: dumpDirectory)
            try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
            progress.note("pg_dump -Fd -j \(jobs) \(source)")
            try await tools.run("pg_dump", ["-Fd", "-j", String(jobs), "-f", dumpDirectory], connection: source, what: "dumping", source: true)
            dumpHash = try dumpTOCHash(dumpDirectory)
            guard let dumpHash else { throw MigrationError.source("pg_dump left no toc.dat in \(dumpDirectory)") }
            try checkpoints.markDone("dump", expected: dumpHash)
        }
        let sourceTables = try await sourceChecking
        summary.items = sourceTables.count
        progress.begin(kind: "postgres", items: sourceTables.count, bytes: 0)

        // 2. The init scripts the Compose database ran on its first start, once, then the restore
        //    (idempotent: --clean --if-exists drops what an earlier attempt created).
        summary.notes += try await InitScript.run(initScripts, workDirectory: workDirectory, checkpoints: checkpoints, progress: progress) { file in
            try await tools.run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file], connection: target,
                                what: "running init script \((file as NSString).lastPathComponent)", source: false)
        }
        let restore = try checkpoints.item("restore")
        if restore?.state != .done || restore?.expected != dumpHash {
            try checkpoints.recordIntent("restore", sourceFingerprint: fingerprint, size: 0)
            progress.note("pg_restore -j \(jobs) \(target)")
            try await tools.run("pg_restore", ["-j", String(jobs), "--no-owner", "--no-privileges", "--clean", "--if-exists",
                                              "--exit-on-error", "-d", target.database, dumpDirectory],
                                connection: target, what: "restoring", source: false)
            try checkpoints.markDone("restore", expected: dumpHash ?? "")
            summary.copied = sourceTables.count
        } else {
            summary.skipped = sourceTables.count
        }

        // 3. Verify table by table, and the sequences.
        let checksum = Self.compare(sourceTables, try await tableChecks(target, isSource: false), into: &summary, progress: progress)
        summary.copied = summary.failed == 0 ? summary.copied : 0
        summary.verified = summary.failed == 0
        summary.checksum = checksum
        if summary.verified { try checkpoints.markInPlace("verify", sourceFingerprint: fingerprint, size: 0, expected: summary.checksum ?? "") }
        summary.durationSeconds = Date().timeIntervalSince(started)
        return summary
    }

    func dumpTOCHash(_ directory: String) throws -> String? {
        guard let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent("toc.dat")) else { return nil }
        return ValueHash.hexBytes(Data(data).sha256Bytes)
    }

    /// Row count and checksum (`PostgresChecksum`) of every user table (`schema.table`), then
    /// `sequence schema.name` entries with the last value as checksum. The primary key orders an
    /// `.ordered` checksum (text keys under the C collation, so servers with different default
    /// collations agree); its MD5s are aggregated in memory, 33 bytes a row, so such a table must stay
    /// under about 30 million rows (PostgreSQL's 1 GB value limit). `jobs` tables are checked at once.
    func tableChecks(_ connection: PostgresConnection, isSource: Bool) async throws -> [TableCheck] {
        let tables = try await tools.query("""
            SELECT n.nspname, c.relname, coalesce((
                SELECT string_agg('t.' || quote_ident(a.attname) || CASE WHEN a.attcollation <> 0 THEN ' COLLATE "C"' ELSE '' END, ', '
                                  ORDER BY array_position(i.indkey::int2[], a.attnum))
                FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = c.oid AND i.indisprimary), '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            ORDER BY 1, 2
            """, connection: connection, what: "listing tables", source: isSource)
        let results = TableCheckBox()
        try await forEachConcurrently(tables.filter { $0.count == 3 }, limit: jobs) { [tools, checksum] row in
            let name = "\(row[0]).\(row[1])"
            let quoted = "\(Self.quote(row[0])).\(Self.quote(row[1]))"
            let result = try await tools.query(checksum.query(table: quoted, order: row[2]), connection: connection,
                                               what: "checking \(name)", source: isSource, settings: PostgresChecksum.pgOptions)
            guard let first = result.first, first.count == 2 else { throw MigrationError.verification("no answer counting \(name) on \(connection)") }
            results.add(TableCheck(name: name, rows: Int64(first[0]) ?? -1, checksum: first[1]))
        }
        var checks = results.sorted()
        let sequences = try await tools.query("""
            SELECT schemaname, sequencename, coalesce(last_value::text, 'unset') FROM pg_sequences ORDER BY 1, 2
            """, connection: connection, what: "reading sequences", source: isSource)
        for row in sequences where row.count == 3 {
            checks.append(TableCheck(name: "sequence \(row[0]).\(row[1])", rows: 0, checksum: row[2]))
        }
        return checks
    }

    static func quote(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// Collects the checks the concurrent table queries produce.
private final class TableCheckBox: @unchecked Sendable {
    private let lock = NSLock()
    private var checks: [PostgresMigrator.TableCheck] = []
    func add(_ check: PostgresMigrator.TableCheck) { lock.withLock { checks.append(check) } }
    func sorted() -> [PostgresMigrator.TableCheck] { lock.withLock { checks.sorted { $0.name < $1.name } } }
}
