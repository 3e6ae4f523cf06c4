import AWSKit
import Foundation

/// `ferry migrate mysql --in-vpc`: the database is in the stack's private subnets, out of this machine's
/// reach. The dump is made here (`MySQLMigrator`'s dump step: schema, triggers, one file per table,
/// checkpointed), restored there by a one-off task (`RestoreTask`: the official `mysql` or `mariadb`
/// image running `MySQLRestoreScript`), and checked there: the task runs the queries `MySQLVerification`
/// ran on the source and prints each table's row count and checksum and the objects' names' checksum;
/// ferry compares them with the source's. The task reads the database user and password from the
/// stack's credentials secret; they never reach this machine.
public struct MySQLInVPC: Sendable {
    public var source: MySQLConnection
    /// The target as the task reaches it: endpoint, port, database.
    public var host: String
    public var port: Int
    public var database: String
    /// The Secrets Manager ARN holding `username` and `password` (RDS's own secret, or the stack's).
    public var credentialsSecretARN: String
    /// The image that restores (`defaultImage`): its client loads the dump and runs the checks.
    public var image: String
    public var jobs: Int
    public var workDirectory: String
    public var checkpoints: CheckpointStore
    public var task: RestoreTask

    public init(source: MySQLConnection, host: String, port: Int, database: String, credentialsSecretARN: String, image: String,
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

    public func run(progress: any MigrationProgress) async throws -> MigrationSummary {
        let started = Date()
        let target = "mysql://\(host):\(port)/\(database) (from a task in the VPC)"
        var summary = MigrationSummary(kind: "mysql", source: source.description, target: target)
        summary.checkpoint = checkpoints.path
        let bundle = (workDirectory as NSString).appendingPathComponent("bundle")
        let local = MySQLMigrator(source: source, target: source, jobs: jobs, workDirectory: bundle, checkpoints: checkpoints)
        let tables = try await local.baseTables(source, isSource: true)
        summary.items = tables.count
        summary.bytes = await SizeProbe.mysql(source).bytes ?? 0
        // The user the task restores as is in the secret, not here: every DEFINER found is named.
        summary.notes = try await MySQLRDSCheck(tools: local.tools).findings(source, targetUser: "")
        progress.begin(kind: "mysql", items: tables.count, bytes: 0)

        // The checks the task runs on the copy, run here on the source: the same queries on both sides.
        let verification = MySQLVerification(tools: local.tools, jobs: jobs)
        let sourceChecks = try await verification.checks(source, tables: tables, isSource: true)
        let queries = try await verification.rowQueries(source, tables: tables, isSource: true)
        // The source as it is now: a dump or a verified copy of other data is not reused.
        let sourceChecksum = "sha256:" + ValueHash.hex(sourceChecks.map { "\($0.name) \($0.rows) \($0.checksum)" }.joined(separator: "\n"))
        let fingerprint = "\(source.description) -> \(target) \(sourceChecksum)"
        if let verified = try checkpoints.item("verify"), verified.state == .done, verified.sourceFingerprint == fingerprint {
            summary.skipped = tables.count
            summary.verified = true
            summary.checksum = verified.expected
            summary.durationSeconds = Date().timeIntervalSince(started)
            return summary
        }

        // 1. Dump: a dump of the source as it was before is dropped; one of this source resumes.
        if try checkpoints.item("dump")?.sourceFingerprint != fingerprint {
            try? FileManager.default.removeItem(atPath: bundle)
            try checkpoints.recordIntent("dump", sourceFingerprint: fingerprint, size: 0)
        }
        progress.note("dumping \(source) (\(tables.count) table(s), \(jobs) at a time)")
        let dump = try await local.dump(tables)
        try checkpoints.markDone("dump", expected: fingerprint)
        try Self.removeStaleData(dump, keeping: tables)
        let names = tables + [MySQLVerification.objectsCheck]
        let checks = tables.map { queries[$0] ?? "SELECT 'missing'" } + [MySQLVerification.objectsQuery(database)]
        let loads = tables.map { "data/" + (dump.data($0) as NSString).lastPathComponent }
        try MySQLRestoreScript(checks: checks, loads: loads, tables: tables, jobs: jobs).write(into: bundle)

        // 2. Restore and check from the task.
        let restore = RestoreTask.Restore(
            image: image, script: "sh restore.sh",
            environment: ["FERRY_DB_HOST": host, "FERRY_DB_PORT": String(port), "FERRY_DB_NAME": database],
            secrets: ["FERRY_DB_USER": credentialsSecretARN + ":username::", "MYSQL_PWD": credentialsSecretARN + ":password::"])
        let lines = try await task.run(bundle: bundle, restore: restore, progress: progress)

        // 3. Side by side.
        let checksum = MySQLMigrator.compare(sourceChecks, Self.parseChecks(lines, names: names), into: &summary, progress: progress)
        summary.verified = summary.failed == 0
        summary.copied = summary.verified ? tables.count : 0
        summary.checksum = checksum
        if summary.verified {
            try checkpoints.markInPlace("verify", sourceFingerprint: fingerprint, size: 0, expected: summary.checksum ?? "")
        }
        summary.durationSeconds = Date().timeIntervalSince(started)
        return summary
    }

    /// `FERRY-CHECK|N|rows|checksum` lines, N the check's place in `names`.
    static func parseChecks(_ lines: [String], names: [String]) -> [MySQLVerification.Check] {
        lines.compactMap { line in
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, parts[0] == PostgresInVPC.checkMarker, let number = Int(parts[1]), names.indices.contains(number),
                  let rows = Int64(parts[2]) else { return nil }
            return MySQLVerification.Check(name: names[number], rows: rows, checksum: parts[3])
        }
    }

    /// Data files of tables the source no longer has: not sent.
    static func removeStaleData(_ dump: MySQLMigrator.Dump, keeping tables: [String]) throws {
        let wanted = Set(tables.map { (dump.data($0) as NSString).lastPathComponent })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dump.dataDirectory)) ?? [] where !wanted.contains(name) {
            try FileManager.default.removeItem(atPath: (dump.dataDirectory as NSString).appendingPathComponent(name))
        }
    }
}

extension MySQLInVPC {
    /// The image for a source: `mariadb:<major.minor>` for MariaDB (its client and dump format), else `mysql:8.0`.
    public static func defaultImage(_ source: MySQLConnection) async throws -> String {
        let rows = try await MySQLTools().query("SELECT VERSION()", connection: source, what: "reading the server version", source: true)
        guard let version = rows.first?.first, !version.isEmpty else { throw MigrationError.source("\(source) did not say its version") }
        guard version.localizedCaseInsensitiveContains("mariadb") else { return "mysql:8.0" }
        let numbers = version.split(whereSeparator: { !$0.isNumber }).prefix(2)
        guard numbers.count == 2 else { throw MigrationError.source("\(source) says version \(version): no major.minor in it") }
        return "mariadb:\(numbers.joined(separator: "."))"
    }
}
