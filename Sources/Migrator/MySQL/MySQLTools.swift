import Foundation

/// Runs `mariadb-dump`/`mysqldump` and `mariadb`/`mysql` for one connection. Found in `FERRY_MYSQL_BIN`,
/// then on PATH. Errors name the server and say what is wrong (unreachable, refused credentials,
/// missing database) without the password.
struct MySQLTools: Sendable {
    var directory: String? = ProcessInfo.processInfo.environment["FERRY_MYSQL_BIN"]

    func client() throws -> String {
        guard let found = ToolProcess.locate(["mariadb", "mysql"], directory: directory) else {
            throw MigrationError.usage("mariadb (or mysql) client not found: install it (Debian: mariadb-client) or set FERRY_MYSQL_BIN")
        }
        return found
    }

    func dumper() throws -> String {
        guard let found = ToolProcess.locate(["mariadb-dump", "mysqldump"], directory: directory) else {
            throw MigrationError.usage("mariadb-dump (or mysqldump) not found: install it (Debian: mariadb-client) or set FERRY_MYSQL_BIN")
        }
        return found
    }

    /// Runs one tool with the connection's arguments before `arguments`.
    @discardableResult
    func run(_ executable: String, _ arguments: [String], connection: MySQLConnection, what: String, source: Bool,
             input: String? = nil, outputFile: String? = nil) async throws -> String {
        let result = try await ToolProcess.run(executable, connection.arguments + arguments, environment: connection.environment,
                                               input: input, outputFile: outputFile)
        guard result.status == 0 else {
            let text = "\(what) (\(connection)): " + Self.explain(result.errors, connection: connection, tool: (executable as NSString).lastPathComponent, status: result.status)
            throw source ? MigrationError.source(text) : MigrationError.target(text)
        }
        return result.output
    }

    /// Runs SQL (batch mode, no column names, raw values) in the connection's database; rows of tab-separated fields.
    func query(_ sql: String, connection: MySQLConnection, what: String, source: Bool) async throws -> [[String]] {
        let output = try await run(try client(), ["--batch", "--skip-column-names", "--raw", "--connect-timeout=\(connection.connectTimeout)", "--database=\(connection.database)", "--execute=\(sql)"],
                                   connection: connection, what: what, source: source)
        return output.split(separator: "\n", omittingEmptySubsequences: true).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The client's error in words a person acts on, with the client's own line after it.
    static func explain(_ errors: String, connection: MySQLConnection, tool: String, status: Int32) -> String {
        let reason: String
        if errors.contains("Access denied") {
            reason = "access denied for user \(connection.user) at \(connection.address): wrong user or password, or no privilege on \(connection.database)"
        } else if errors.contains("Unknown database") {
            reason = "the database \(connection.database) does not exist on \(connection.address)"
        } else if errors.contains("Can't connect") || errors.contains("Unknown MySQL server host") || errors.contains("Unknown server host") {
            reason = "cannot reach \(connection.address): is the server running, and its port published or forwarded?"
        } else {
            reason = "\(tool) exited with status \(status)"
        }
        return errors.isEmpty ? reason : "\(reason) (\(errors))"
    }

    static func quoteIdentifier(_ name: String) -> String { "`" + name.replacingOccurrences(of: "`", with: "``") + "`" }

    static func quoteString(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
