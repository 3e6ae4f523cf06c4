import AWSKit
import Foundation

/// `ferry migrate postgres --in-vpc`: the database is in the stack's private subnets, out of this
/// machine's reach. The dump is made here (`pg_dump -Fd -j N` from the Compose database), restored
/// there by a one-off task (`RestoreTask`: the official `postgres` image, `pg_restore -j N --clean
/// --if-exists`), and checked there: the task prints each table's row count and checksum and
/// each sequence's value (`checkScript`), and ferry compares them with the same script's answer on
/// the source. The task reads the database user and password from the stack's credentials
/// secret; they never reach this machine.
public struct PostgresInVPC: Sendable {
    public var source: PostgresConnection
    /// The target as the task reaches it: endpoint, port, database.
    public var host: String
    public var port: Int
    public var database: String
    /// The Secrets Manager ARN holding `username` and `password` (RDS's own secret, or the stack's).
    public var credentialsSecretARN: String
    /// The image that restores: `postgres:<major>-alpine`, at least the server's major version.
    public var image: String
    public var jobs: Int
    public var workDirectory: String
    public var checkpoints: CheckpointStore
    public var task: RestoreTask

    public init(source: PostgresConnection, host: String, port: Int, database: String, credentialsSecretARN: String, image: String,
                jobs: Int, workDirectory: String, checkpoints: CheckpointStore, task: RestoreTask) {
        self.source = source
        self.host = host
        self.port = port
        self.database = database
        self.credentialsSecretARN = credentialsSecretARN
        self.image = image
        self.jobs = max(1, jobs)
        self.workDirectory = workDirectory
        self.checkpoints = checkpoints
        self.task = task
    }

    public static let checkMarker = "FERRY-CHECK"

    public func run(progress: any MigrationProgress) async throws -> MigrationSummary {
        let started = Date()
        let target = "postgresql://\(host):\(port)/\(database) (from a task in the VPC)"
        var summary = MigrationSummary(kind: "postgres", source: source.description, target: target)
        summary.checkpoint = checkpoints.path
        // The checks the task runs on the copy, run here on the source: one script on both sides.
        let local = PostgresMigrator(source: source, target: source, jobs: jobs, workDirectory: workDirectory, checkpoints: checkpoints)
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let script = (workDirectory as NSString).appendingPathComponent("verify.sql")
        try Self.checkScript.write(toFile: script, atomically: true, encoding: .utf8)
        let checked = try await local.tools.run("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-F", "|", "-f", script],
                                                connection: source, what: "checking the tables", source: true)
        let sourceTables = Self.parseChecks(checked.split(separator: "\n").map(String.init))
        summary.items = sourceTables.count
        progress.begin(kind: "postgres", items: sourceTables.count, bytes: 0)

        let bundle = (workDirectory as NSString).appendingPathComponent("bundle")
        let dumpDirectory = (bundle as NSString).appendingPathComponent("dump")
        // The source as it is now: a dump or a verified copy of other data is not reused.
        let sourceChecksum = "sha256:" + ValueHash.hex(sourceTables.map { "\($0.name) \($0.rows) \($0.checksum)" }.joined(separator: "\n"))
        let fingerprint = "\(source.description) -> \(target) \(sourceChecksum)"
        if let verified = try checkpoints.item("verify"), verified.state == .done, verified.sourceFingerprint == fingerprint {
            summary.skipped = sourceTables.count
            summary.verified = true
            summary.checksum = verified.expected
            summary.durationSeconds = Date().timeIntervalSince(started)
            return summary
        }
        var dumpHash = try local.dumpTOCHash(dumpDirectory)
        let dump = try checkpoints.item("dump")
        if dump?.state != .done || dump?.expected != dumpHash || dumpHash == nil || dump?.sourceFingerprint != fingerprint {
            try checkpoints.recordIntent("dump", sourceFingerprint: fingerprint, size: 0)
            try? FileManager.default.removeItem(atPath: bundle)
            try FileManager.default.createDirectory(atPath: bundle, withIntermediateDirectories: true)
            progress.note("pg_dump -Fd -j \(jobs) \(source)")
            try await local.tools.run("pg_dump", ["-Fd", "-j", String(jobs), "-f", dumpDirectory], connection: source, what: "dumping", source: true)
            dumpHash = try local.dumpTOCHash(dumpDirectory)
            guard let dumpHash else { throw MigrationError.source("pg_dump left no toc.dat in \(dumpDirectory)") }
            try checkpoints.markDone("dump", expected: dumpHash)
        }
        // Written only when its text changed: a rewrite would change the staged tar, and a rerun after a
        // kill would then start a second restore instead of following the first.
        let bundled = (bundle as NSString).appendingPathComponent("verify.sql")
        if (try? String(contentsOfFile: bundled, encoding: .utf8)) != Self.checkScript {
            try Self.checkScript.write(toFile: bundled, atomically: true, encoding: .utf8)
        }

        let restore = RestoreTask.Restore(
            image: image,
            script: "pg_restore -j \(jobs) --no-owner --no-privileges --clean --if-exists --exit-on-error -d \"$PGDATABASE\" dump\n"
                + "psql -X -q -v ON_ERROR_STOP=1 -At -F '|' -f verify.sql",
            environment: ["PGHOST": host, "PGPORT": String(port), "PGDATABASE": database, "PGSSLMODE": "require", "PGCONNECT_TIMEOUT": "10"],
            secrets: ["PGUSER": credentialsSecretARN + ":username::", "PGPASSWORD": credentialsSecretARN + ":password::"])
        let lines = try await task.run(bundle: bundle, restore: restore, progress: progress)

        let checksum = PostgresMigrator.compare(sourceTables, Self.parseChecks(lines), into: &summary, progress: progress)
        summary.verified = summary.failed == 0
        summary.copied = summary.verified ? sourceTables.count : 0
        summary.checksum = checksum
        if summary.verified {
            try checkpoints.markInPlace("verify", sourceFingerprint: fingerprint, size: 0, expected: summary.checksum ?? "")
        }
        summary.durationSeconds = Date().timeIntervalSince(started)
        return summary
    }

    /// `FERRY-CHECK|schema.table|rows|checksum` lines, as `checkScript` prints them.
    static func parseChecks(_ lines: [String]) -> [PostgresMigrator.TableCheck] {
        lines.compactMap { line in
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 4, parts[0] == checkMarker, let rows = Int64(parts[parts.count - 2]) else { return nil }
            return PostgresMigrator.TableCheck(name: parts[1..<(parts.count - 2)].joined(separator: "|"), rows: rows, checksum: parts[parts.count - 1])
        }
    }

    /// One psql script, run on both sides: the session settings that fix the rows' text form, then per
    /// user table its row count and checksum (`PostgresChecksum.rows`), then every sequence's last value.
    static let checkScript: String = {
        let perTable = PostgresChecksum.rows.query(table: "%I.%I", order: "").replacingOccurrences(of: "'", with: "''")
            .replacingOccurrences(of: "SELECT count(*)", with: "SELECT %L, %L, count(*)")
        return PostgresChecksum.setStatements + "\n" + #"""
            SELECT format('\#(perTable)', 'FERRY-CHECK', schemaname || '.' || tablename, schemaname, tablename)
            FROM pg_tables
            WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg_toast%'
            ORDER BY schemaname, tablename
            \gexec
            SELECT 'FERRY-CHECK', 'sequence ' || schemaname || '.' || sequencename, 0, coalesce(last_value::text, 'unset')
            FROM pg_sequences ORDER BY schemaname, sequencename;

            """#
    }()
}

extension PostgresInVPC {
    /// The source server's major version (`16`), for the restoring image: pg_restore must be at least as new as pg_dump's format.
    public static func serverMajor(_ source: PostgresConnection) async throws -> Int {
        let rows = try await PostgresTools().query("SHOW server_version_num", connection: source, what: "reading the server version", source: true)
        guard let text = rows.first?.first, let number = Int(text) else { throw MigrationError.source("\(source) did not say its version") }
        return number / 10_000
    }
}
