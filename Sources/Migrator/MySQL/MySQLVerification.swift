import Crypto
import Foundation

/// The fingerprint of each table on one side: its row count and a SHA-256 over the MD5 of every row
/// (each column as hex of its bytes, NULL as `N`, so NULL and '' differ and no collation or character
/// set is involved) in primary-key order (by row hash where there is none). The server computes the
/// MD5s and streams them: memory stays flat whatever the table size. Views, routines, triggers and
/// events are compared by name.
struct MySQLVerification: Sendable {
    var tools: MySQLTools
    var jobs: Int

    struct Check: Sendable, Equatable {
        var name: String
        var rows: Int64
        var checksum: String
    }

    func checks(_ connection: MySQLConnection, tables: [String], isSource: Bool) async throws -> [Check] {
        let queries = try await rowQueries(connection, tables: tables, isSource: isSource)
        let client = try tools.client()
        let results = ResultBox()
        try await forEachConcurrently(tables, limit: jobs) { table in
            guard let sql = queries[table] else { results.add(Check(name: table, rows: -1, checksum: "missing")); return }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-mysql-rows-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try await tools.run(client, Self.rowHashArguments + ["--database=\(connection.database)", "--execute=\(sql)"],
                                connection: connection, what: "checking \(table)", source: isSource, outputFile: file)
            results.add(try Self.digest(file, name: table))
        }
        let objects = try await tools.query(Self.objectsQuery(connection.database), connection: connection,
                                            what: "listing views, routines, triggers and events", source: isSource)
        let listed = objects.map { $0.joined(separator: " ") }.joined(separator: "\n")
        let named = Check(name: Self.objectsCheck, rows: Int64(objects.count), checksum: ValueHash.hex(listed))
        return results.sorted() + [named]
    }

    /// How the row hashes are streamed: one per line, nothing else, no client-side buffering.
    static let rowHashArguments = ["--batch", "--skip-column-names", "--quick"]
    static let objectsCheck = "views, routines, triggers, events"

    /// Per table of `tables` that has columns on that side, the query streaming its rows' MD5s in key order.
    func rowQueries(_ connection: MySQLConnection, tables: [String], isSource: Bool) async throws -> [String: String] {
        let db = MySQLTools.quoteString(connection.database)
        let columns = try await tools.query("""
            SELECT table_name, column_name, column_key FROM information_schema.columns WHERE table_schema = \(db)
            ORDER BY table_name, ordinal_position
            """, connection: connection, what: "reading columns", source: isSource)
        let primary = try await tools.query("""
            SELECT table_name, column_name FROM information_schema.key_column_usage
            WHERE table_schema = \(db) AND constraint_name = 'PRIMARY' ORDER BY table_name, ordinal_position
            """, connection: connection, what: "reading primary keys", source: isSource)
        var queries: [String: String] = [:]
        for table in tables {
            let names = columns.filter { $0.count >= 2 && $0[0] == table }.map { $0[1] }
            guard !names.isEmpty else { continue }
            let keys = primary.filter { $0.count == 2 && $0[0] == table }.map { MySQLTools.quoteIdentifier($0[1]) }
            let row = names.map { "IFNULL(HEX(CAST(\(MySQLTools.quoteIdentifier($0)) AS BINARY)), 'N')" }.joined(separator: ", ")
            let order = keys.isEmpty ? "h" : keys.joined(separator: ", ")
            queries[table] = "SELECT MD5(CONCAT_WS(',', \(row))) AS h FROM \(MySQLTools.quoteIdentifier(table)) ORDER BY \(order)"
        }
        return queries
    }

    /// The database's views, routines, triggers and events, one `kind name` row each (run with `MySQLTools.query`'s arguments).
    static func objectsQuery(_ database: String) -> String {
        let db = MySQLTools.quoteString(database)
        return """
            SELECT 'view', table_name FROM information_schema.views WHERE table_schema = \(db)
            UNION ALL SELECT lower(routine_type), routine_name FROM information_schema.routines WHERE routine_schema = \(db)
            UNION ALL SELECT 'trigger', trigger_name FROM information_schema.triggers WHERE trigger_schema = \(db)
            UNION ALL SELECT 'event', event_name FROM information_schema.events WHERE event_schema = \(db)
            ORDER BY 1, 2
            """
    }

    /// Rows (lines) and SHA-256 of the streamed row hashes.
    static func digest(_ file: String, name: String) throws -> Check {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw MigrationError.verification("no row hashes for \(name)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var rows: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            rows += Int64(chunk.reduce(0) { $0 + ($1 == 10 ? 1 : 0) })
        }
        return Check(name: name, rows: rows, checksum: ValueHash.hexBytes(hasher.finalize()))
    }
}

/// Collects the checks the concurrent table queries produce.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var checks: [MySQLVerification.Check] = []
    func add(_ check: MySQLVerification.Check) { lock.withLock { checks.append(check) } }
    func sorted() -> [MySQLVerification.Check] { lock.withLock { checks.sorted { $0.name < $1.name } } }
}
