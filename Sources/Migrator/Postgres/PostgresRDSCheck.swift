/// Reads the source for what `PostgresRDSRules` lists as refused on RDS: installed extensions RDS does
/// not offer, and roles with SUPERUSER or REPLICATION. Each finding is one line.
struct PostgresRDSCheck {
    var tools: PostgresTools

    func findings(_ source: PostgresConnection) async throws -> [String] {
        var findings: [String] = []
        let extensions = try await tools.query("SELECT extname FROM pg_extension ORDER BY 1", connection: source, what: "listing extensions", source: true)
        for row in extensions where row.count == 1 && !PostgresRDSRules.extensions.contains(row[0]) {
            findings.append("RDS: extension \(row[0]) is not offered by RDS for PostgreSQL: CREATE EXTENSION will fail there; remove it or replace what uses it")
        }
        for attribute in PostgresRDSRules.roleAttributes {
            let roles = try await tools.query("SELECT rolname FROM pg_roles WHERE \(attribute.column) AND rolname NOT LIKE 'pg\\_%' ORDER BY 1",
                                              connection: source, what: "listing roles", source: true)
            for row in roles where row.count == 1 {
                findings.append("RDS: role \(row[0]) has \(attribute.name): \(attribute.instead) (roles are not copied by pg_dump: create them on the target)")
            }
        }
        return findings
    }
}
