import Foundation

/// Runs `pg_dump`, `pg_restore` and `psql` with a connection's libpq environment. Found on PATH, else
/// in Debian's `/usr/lib/postgresql/<version>/bin` (newest first).
struct PostgresTools: Sendable {
    var directory: String?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        directory = environment["FERRY_PG_BIN"]
    }

    func locate(_ tool: String) throws -> String {
        var candidates: [String] = []
        if let directory { candidates.append((directory as NSString).appendingPathComponent(tool)) }
        for entry in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append((String(entry) as NSString).appendingPathComponent(tool))
        }
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        candidates += versions.map { "/usr/lib/postgresql/\($0)/bin/\(tool)" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw MigrationError.usage("\(tool) not found: install the PostgreSQL client tools (Debian: postgresql-client) or set FERRY_PG_BIN")
        }
        return found
    }

    /// Runs the tool to the end; a non-zero exit throws with the tool's last lines of stderr.
    @discardableResult
    /// `settings` is a `PGOPTIONS` value (`-c name=value …`) for the session.
    func run(_ tool: String, _ arguments: [String], connection: PostgresConnection, what: String, source: Bool,
             settings: String? = nil) async throws -> String {
        let executable = try locate(tool)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment.merge(connection.environment) { $1 }
        if let settings { environment["PGOPTIONS"] = settings }
        let result = try await ToolProcess.run(executable, arguments, environment: environment)
        guard result.status == 0 else {
            let text = "\(what) (\(connection)): \(tool) exited with status \(result.status): \(result.errors)"
            throw source ? MigrationError.source(text) : MigrationError.target(text)
        }
        return result.output
    }

    /// Runs one query with psql (unaligned, tab-separated, no headers) and returns its rows.
    func query(_ sql: String, connection: PostgresConnection, what: String, source: Bool, settings: String? = nil) async throws -> [[String]] {
        let output = try await run("psql", ["-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-F", "\t", "-c", sql],
                                   connection: connection, what: what, source: source, settings: settings)
        return output.split(separator: "\n", omittingEmptySubsequences: true).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}

