/// Reads the source for what `MySQLRDSRules` lists as refused or different on RDS: storage engines,
/// objects whose DEFINER is another user, plugins RDS does not offer. Each finding is one line.
struct MySQLRDSCheck {
    var tools: MySQLTools

    func findings(_ source: MySQLConnection, targetUser: String) async throws -> [String] {
        let db = MySQLTools.quoteString(source.database)
        var findings: [String] = []
        let engines = try await tools.query("""
            SELECT table_name, engine FROM information_schema.tables
            WHERE table_schema = \(db) AND table_type = 'BASE TABLE' AND engine <> 'InnoDB' ORDER BY table_name
            """, connection: source, what: "reading storage engines", source: true)
        for row in engines where row.count == 2 {
            let why = MySQLRDSRules.engines[row[1]] ?? "RDS recovery supports InnoDB only: convert to InnoDB"
            findings.append("RDS: table \(row[0]) uses \(row[1]): \(why)")
        }
        let definers = try await tools.query("""
            SELECT 'view', table_name, definer FROM information_schema.views WHERE table_schema = \(db)
            UNION ALL SELECT lower(routine_type), routine_name, definer FROM information_schema.routines WHERE routine_schema = \(db)
            UNION ALL SELECT 'trigger', trigger_name, definer FROM information_schema.triggers WHERE trigger_schema = \(db)
            UNION ALL SELECT 'event', event_name, definer FROM information_schema.events WHERE event_schema = \(db)
            ORDER BY 1, 2
            """, connection: source, what: "reading definers", source: true)
        for row in definers where row.count == 3 {
            let user = row[2].split(separator: "@").first.map(String.init) ?? row[2]
            if user != targetUser { findings.append("RDS: \(row[0]) \(row[1]) has DEFINER \(row[2]): \(MySQLRDSRules.definerNote)") }
        }
        let plugins = try await tools.query("""
            SELECT plugin_name FROM information_schema.plugins WHERE plugin_library IS NOT NULL AND plugin_status = 'ACTIVE' ORDER BY 1
            """, connection: source, what: "reading plugins", source: true)
        for row in plugins where row.count == 1 && !MySQLRDSRules.plugins.contains(row[0]) && !MySQLRDSRules.plugins.contains(row[0].lowercased()) {
            findings.append("RDS: plugin \(row[0]) is loaded on the source; RDS does not offer it (what relies on it must change)")
        }
        return findings
    }
}
