import Crypto
import Foundation

/// Moves one MySQL/MariaDB database, parallel per table, into `workDirectory` and then the target:
///
/// 1. dump: the schema (tables, views, routines, events) into `schema.sql`, each table's rows into
///    `data/<table>.sql` (`jobs` dumps at a time), the triggers into `triggers.sql`; DEFINER clauses are
///    removed (RDS gives no SUPER);
/// 2. restore: the target's init scripts, the schema (`DROP TABLE IF EXISTS` + `CREATE`), each table
///    (every pending table `TRUNCATE`d first, in one session, so a load redone after a kill never adds to
///    what a killed one left), then the triggers (after the rows, so loading fires none);
/// 3. verify: every table's row count and a SHA-256 over its rows' MD5s in primary-key order (all columns
///    as hex, NULL distinct from empty), and the names of views, routines, triggers and events, side by side.
///
/// Checkpoint items: `dump:schema`, `dump:triggers`, `dump:table:NAME` (done with the file's hash), the
/// same under `restore:` (done with the hash of the file loaded) and `verify`. Each table dump runs in
/// its own transaction: stop the application writing to the source first (the cutover does anyway).
public struct MySQLMigrator: Sendable {
    public var source: MySQLConnection
    public var target: MySQLConnection
    public var jobs: Int
    public var workDirectory: String
    public var checkpoints: CheckpointStore
    public var initScripts: [InitScript]
    var tools = MySQLTools()

    public init(source: MySQLConnection, target: MySQLConnection, jobs: Int = 4, workDirectory: String, checkpoints: CheckpointStore,
                initScripts: [InitScript] = []) {
        self.source = source
        self.target = target
        self.jobs = max(1, jobs)
        self.workDirectory = workDirectory
        self.checkpoints = checkpoints
        self.initScripts = initScripts
    }

    public func run(dryRun: Bool = false, progress: any MigrationProgress) async throws -> MigrationSummary {
        let started = Date()
        var summary = MigrationSummary(kind: "mysql", source: source.description, target: target.description)
        summary.dryRun = dryRun
        summary.checkpoint = checkpoints.path
        let tables = try await baseTables(source, isSource: true)
        summary.items = tables.count
        // The tables' size, for the summary and the rate `migrate plan` estimates with.
        summary.bytes = await SizeProbe.mysql(source).bytes ?? 0
        summary.notes = try await MySQLRDSCheck(tools: tools).findings(source, targetUser: target.user)
        progress.begin(kind: "mysql", items: tables.count, bytes: 0)
        if dryRun {
            summary.notes += tables.map { "would move \($0)" } + initScripts.map { "would run init script \($0.name) against the target first" }
            summary.durationSeconds = Date().timeIntervalSince(started)
            return summary
        }
        _ = try await tools.query("SELECT 1", connection: target, what: "connecting to the target", source: false)

        // 1. Dump what is not on disk already.
        let dump = try await dump(tables)

        // 2. Restore: init scripts, schema, tables, triggers.
        let client = try tools.client()
        summary.notes += try await InitScript.run(initScripts, workDirectory: workDirectory, checkpoints: checkpoints, progress: progress) { file in
            try await tools.run(client, ["--database=\(target.database)"], connection: target, what: "running init script \((file as NSString).lastPathComponent)",
                                source: false, input: file)
        }
        let schemaHash = try Self.hash(dump.schema)
        let schemaRestored = try await restoreOnce("restore:schema", expected: schemaHash) {
            progress.note("restoring the schema into \(target)")
            try await tools.run(client, ["--database=\(target.database)"], connection: target, what: "restoring the schema", source: false, input: dump.schema)
        }
        var pending: [String] = []
        for table in tables {
            let item = try checkpoints.item("restore:table:\(table)")
            let hash = try Self.hash(dump.data(table))
            if schemaRestored || item?.state != .done || item?.expected != hash { pending.append(table) }
        }
        if !pending.isEmpty {
            // Rows loaded while triggers exist would fire them: drop them, and restore them after the rows.
            try checkpoints.recordIntent("restore:triggers", sourceFingerprint: source.description, size: 0)
            try await dropTriggers()
        }
        if !pending.isEmpty {
            // Emptied in one session before any load: InnoDB's TRUNCATE of a table fails at once when a table
            // referencing it by foreign key is being loaded by another session.
            for table in pending {
                try checkpoints.recordIntent("restore:table:\(table)", sourceFingerprint: source.description, size: Self.size(dump.data(table)))
            }
            let truncates = pending.map { "TRUNCATE TABLE \(MySQLTools.quoteIdentifier($0));" }.joined(separator: " ")
            try await tools.run(client, ["--database=\(target.database)", "--execute=SET FOREIGN_KEY_CHECKS = 0; \(truncates)"],
                                connection: target, what: "emptying \(pending.count) table(s)", source: false)
        }
        let loadTarget = target
        try await forEachConcurrently(pending, limit: jobs) { [tools, checkpoints] table in
            let file = dump.data(table)
            let hash = try Self.hash(file)
            try await tools.run(client, ["--database=\(loadTarget.database)"], connection: loadTarget, what: "loading \(table)", source: false, input: file)
            try checkpoints.markDone("restore:table:\(table)", expected: hash)
            progress.item(table, action: "restored", bytes: Self.size(file))
        }
        summary.copied = pending.count
        summary.skipped = tables.count - pending.count
        _ = try await restoreOnce("restore:triggers", expected: try Self.hash(dump.triggers)) {
            try await tools.run(client, ["--database=\(target.database)"], connection: target, what: "restoring triggers", source: false, input: dump.triggers)
        }

        // 3. Verify table by table, and the other objects by name.
        let verification = MySQLVerification(tools: tools, jobs: jobs)
        async let sourceChecks = verification.checks(source, tables: tables, isSource: true)
        async let targetChecks = verification.checks(target, tables: tables, isSource: false)
        let (before, after) = try await (sourceChecks, targetChecks)
        let checksum = Self.compare(before, after, into: &summary, progress: progress)
        summary.verified = summary.failed == 0
        summary.checksum = checksum
        if summary.verified { try checkpoints.markInPlace("verify", sourceFingerprint: source.description, size: 0, expected: summary.checksum ?? "") }
        summary.durationSeconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Step 1 on its own (`migrate mysql --in-vpc` loads the files from a task): the schema, the triggers and
    /// each table's rows, each dumped unless its checkpoint holds a done dump of the file on disk.
    func dump(_ tables: [String]) async throws -> Dump {
        let dump = Dump(directory: workDirectory)
        try FileManager.default.createDirectory(atPath: dump.dataDirectory, withIntermediateDirectories: true)
        let common = ["--single-transaction", "--skip-dump-date", "--no-tablespaces", "--hex-blob", "--default-character-set=utf8mb4"]
        try await dumpOnce("dump:schema", file: dump.schema, definers: true) {
            common + ["--no-data", "--skip-triggers", "--routines", "--events", source.database]
        }
        try await dumpOnce("dump:triggers", file: dump.triggers, definers: true) {
            common + ["--no-data", "--no-create-info", "--triggers", "--add-drop-trigger", "--skip-routines", "--skip-events", source.database]
        }
        try await forEachConcurrently(tables, limit: jobs) { table in
            try await dumpOnce("dump:table:\(table)", file: dump.data(table), definers: false) {
                common + ["--no-create-info", "--skip-triggers", source.database, table]
            }
        }
        return dump
    }

    /// Each source check against the target's of the same name: a difference is a failed item with both
    /// sides in a note. Returns the checksum over the matching ones.
    static func compare(_ before: [MySQLVerification.Check], _ after: [MySQLVerification.Check], into summary: inout MigrationSummary,
                        progress: any MigrationProgress) -> String {
        var lines: [String] = []
        for check in before {
            if let copy = after.first(where: { $0.name == check.name }), copy == check {
                lines.append("\(check.name) \(check.rows) \(check.checksum)")
            } else {
                summary.failed += 1
                let found = after.first { $0.name == check.name }.map { "\($0.rows) rows, checksum \($0.checksum)" } ?? "missing"
                summary.notes.append("\(check.name): source \(check.rows) rows, checksum \(check.checksum); target \(found)")
                progress.item(check.name, action: "failed", bytes: 0)
            }
        }
        return "sha256:" + ValueHash.hex(lines.joined(separator: "\n"))
    }

    /// The migration's files: kept for a resume, and they hold the data: delete them when done.
    struct Dump: Sendable {
        var directory: String
        var schema: String { (directory as NSString).appendingPathComponent("schema.sql") }
        var triggers: String { (directory as NSString).appendingPathComponent("triggers.sql") }
        var dataDirectory: String { (directory as NSString).appendingPathComponent("data") }
        /// A readable, unique file name per table (names may hold any character).
        func data(_ table: String) -> String {
            let readable = String(table.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "-" }.prefix(40))
            return (dataDirectory as NSString).appendingPathComponent("\(readable)-\(ValueHash.hex(table).prefix(8)).sql")
        }
    }

    /// Dumps into `file` unless the checkpoint holds a done dump with that file's hash. The dump is
    /// written beside and renamed into place, so a killed dump never leaves a half file under its name.
    private func dumpOnce(_ key: String, file: String, definers: Bool, arguments: () -> [String]) async throws {
        if let item = try checkpoints.item(key), item.state == .done, let hash = try? Self.hash(file), item.expected == hash { return }
        try checkpoints.recordIntent(key, sourceFingerprint: source.description, size: 0)
        let partial = file + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        try await tools.run(try tools.dumper(), arguments(), connection: source, what: "dumping \(key.dropFirst(5))", source: true, outputFile: partial)
        if definers {
            // RDS refuses DEFINER clauses naming another user; the objects belong to whoever restores them.
            let text = try String(contentsOfFile: partial, encoding: .utf8)
            let stripped = text.replacingOccurrences(of: #"DEFINER=`(?:[^`]|``)*`@`(?:[^`]|``)*`"#, with: "", options: .regularExpression)
            if stripped != text { try stripped.write(toFile: partial, atomically: false, encoding: .utf8) }
        }
        try? FileManager.default.removeItem(atPath: file)
        try FileManager.default.moveItem(atPath: partial, toPath: file)
        try checkpoints.markDone(key, expected: try Self.hash(file))
    }

    /// Runs `body` unless the checkpoint says it was done with `expected`; returns whether it ran.
    private func restoreOnce(_ key: String, expected: String, _ body: () async throws -> Void) async throws -> Bool {
        if let item = try checkpoints.item(key), item.state == .done, item.expected == expected { return false }
        try checkpoints.recordIntent(key, sourceFingerprint: source.description, size: 0)
        try await body()
        try checkpoints.markDone(key, expected: expected)
        return true
    }

    private func dropTriggers() async throws {
        let rows = try await tools.query("SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = \(MySQLTools.quoteString(target.database))",
                                         connection: target, what: "listing the target's triggers", source: false)
        guard !rows.isEmpty else { return }
        let sql = rows.compactMap(\.first).map { "DROP TRIGGER IF EXISTS \(MySQLTools.quoteIdentifier($0))" }.joined(separator: "; ")
        _ = try await tools.query(sql, connection: target, what: "dropping triggers before loading rows", source: false)
    }

    func baseTables(_ connection: MySQLConnection, isSource: Bool) async throws -> [String] {
        try await tools.query("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = \(MySQLTools.quoteString(connection.database)) AND table_type = 'BASE TABLE' ORDER BY table_name
            """, connection: connection, what: "listing tables", source: isSource).compactMap(\.first)
    }

    static func hash(_ file: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw MigrationError.checkpoint(path: file, detail: "the dump file is missing") }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return ValueHash.hexBytes(hasher.finalize())
    }

    static func size(_ file: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
