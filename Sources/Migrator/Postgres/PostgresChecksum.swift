import Foundation

/// How a table's rows are fingerprinted, alike on the source, the target and inside the VPC task.
public enum PostgresChecksum: String, Sendable, CaseIterable {
    /// Row count and the sum of every row's 64-bit hash (`hashtextextended` of its text form): one
    /// sequential read, no sort, so it costs about what `COPY … TO` does (1.4 s for pgbench's
    /// 5 million accounts where the ordered MD5 took 11 s). A table is a multiset of rows: a lost,
    /// duplicated or changed row changes the count or the sum (a false match is a 64-bit collision).
    case rows
    /// Row count and the MD5 of the rows' MD5s in primary-key order (by row hash without one): the
    /// same proof, plus the order, at about eight times the cost.
    case ordered

    /// Session settings that fix the text form of times, intervals, floats and bytea, so two servers
    /// whose defaults differ (a laptop's time zone, RDS's UTC) print the same rows the same way.
    public static let sessionSettings = [
        "TimeZone": "UTC", "DateStyle": "ISO, MDY", "IntervalStyle": "postgres", "extra_float_digits": "3", "bytea_output": "hex",
    ]

    /// `PGOPTIONS` carrying `sessionSettings` to psql.
    public static var pgOptions: String {
        sessionSettings.sorted { $0.key < $1.key }.map { "-c \($0.key)=\($0.value.replacingOccurrences(of: " ", with: "\\ "))" }.joined(separator: " ")
    }

    /// `SET` statements carrying `sessionSettings`, for a script.
    public static var setStatements: String {
        sessionSettings.sorted { $0.key < $1.key }.map { "SET \($0.key) = '\($0.value)';" }.joined(separator: "\n")
    }

    /// The query answering `count, checksum` for one table (`quoted`: `"schema"."table"`); `order`
    /// is the primary key's column list (`t.a, t.b`), empty without one.
    func query(table quoted: String, order: String) -> String {
        switch self {
        case .rows:
            return "SELECT count(*), coalesce(sum(hashtextextended(t::text COLLATE \"C\", 0)), 0) FROM \(quoted) t"
        case .ordered:
            let order = order.isEmpty ? "md5(t::text) COLLATE \"C\"" : order
            return "SELECT count(*), coalesce(md5(string_agg(h, '')), '') FROM (SELECT md5(t::text) AS h FROM \(quoted) t ORDER BY \(order)) s"
        }
    }
}
