import AWSKit
import Foundation

/// Measures migration sources for `ferry migrate plan`, quickly and read-only: a directory walk, an
/// S3 listing (capped), the database's own size functions, DescribeTable. A source that cannot be
/// reached gives an unknown size with the reason, never an error: the plan is still worth showing.
public enum SizeProbe {
    /// Objects listed at most: past it the figures are lower bounds (and already past a threshold's tenth).
    public static let listingCap = 1_000_000

    public static func directory(_ path: String) -> SourceSize {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .unknown("objects", "\(path) is not a directory here")
        }
        guard let walker = FileManager.default.enumerator(at: URL(fileURLWithPath: path),
                                                         includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey]) else {
            return .unknown("objects", "\(path) cannot be read")
        }
        var bytes: Int64 = 0
        var count = 0
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey]), values.isRegularFile == true else { continue }
            bytes += Int64(values.fileSize ?? 0)
            count += 1
        }
        return SourceSize(bytes: bytes, count: count, unit: "objects")
    }

    public static func bucket(_ client: S3Client, bucket: String, prefix: String, endpoint: String) async -> SourceSize {
        do {
            var bytes: Int64 = 0
            var count = 0
            let capped = try await client.forEachObject(bucket: bucket, prefix: prefix, limit: listingCap) { object in
                bytes += object.size
                count += 1
            }
            return SourceSize(bytes: bytes, count: count, unit: "objects", atLeast: capped)
        } catch {
            return .unknown("objects", "listing \(bucket) at \(endpoint): \(MigrationError.brief(error))")
        }
    }

    public static func file(_ path: String) -> SourceSize {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let size = attributes[.size] as? NSNumber else {
            return .unknown("items", "\(path) not found here")
        }
        return SourceSize(bytes: size.int64Value, count: nil, unit: "items")
    }

    public static func dynamoDBTable(_ client: DynamoDBClient, table: String, endpoint: String) async -> SourceSize {
        do {
            guard let found = try await client.describeTable(table) else {
                return .unknown("items", "no table \(table) at \(endpoint)")
            }
            return SourceSize(bytes: found.sizeBytes, count: found.itemCount, unit: "items")
        } catch {
            return .unknown("items", "reading \(table) at \(endpoint): \(MigrationError.brief(error))")
        }
    }

    public static func postgres(_ connection: PostgresConnection) async -> SourceSize {
        var probe = connection
        probe.connectTimeout = 3
        return await database(connection.description) {
            try await PostgresTools().query("SELECT pg_database_size(current_database()), (SELECT count(*) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
                + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%')",
                connection: probe, what: "measuring the database", source: true)
        }
    }

    public static func mysql(_ connection: MySQLConnection) async -> SourceSize {
        var probe = connection
        probe.connectTimeout = 3
        return await database(connection.description) {
            try await MySQLTools().query("SELECT COALESCE(SUM(data_length + index_length), 0), COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
                connection: probe, what: "measuring the database", source: true)
        }
    }

    /// A size query's one row, `bytes<TAB>tables`, as a size; any failure as an unknown size saying why.
    static func database(_ name: String, _ query: () async throws -> [[String]]) async -> SourceSize {
        do {
            let rows = try await query()
            guard let row = rows.first, row.count == 2, let bytes = Int64(row[0]), let tables = Int(row[1]) else {
                return .unknown("tables", "unexpected answer from \(name)")
            }
            return SourceSize(bytes: bytes, count: tables, unit: "tables")
        } catch {
            return .unknown("tables", MigrationError.brief(error))
        }
    }
}
