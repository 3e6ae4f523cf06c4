import AWSKit
import Foundation

/// Where items come from, read in independent partitions (scan segments, ranges of a file) so they
/// can be read in parallel and resumed each from its own cursor.
public protocol ItemSource: Sendable {
    var description: String { get }
    var partitionCount: Int { get }
    /// Changes when the source does (a file's size and mtime, a table's ARN and creation time): a
    /// checkpoint taken on another state of the source is not resumed.
    func fingerprint() async throws -> String
    /// Checks the source against the target's key schema before anything is written; returns the
    /// number of items when known (exactly for files, approximately for tables).
    func prepare(keys: [DynamoDBClient.KeyAttribute]) async throws -> Int?
    /// The page of `partition` after `cursor` (nil: from its start).
    func page(partition: Int, after cursor: String?, keys: [DynamoDBClient.KeyAttribute]) async throws -> ItemPage
}

public struct ItemPage: Sendable {
    public var items: [DynamoDBItem]
    /// Where the partition continues; nil when this page is its last.
    public var next: String?
}

/// A DynamoDB table on any endpoint (dynamodb-local, another account), read by parallel Scan segments.
public struct TableSource: ItemSource {
    public var client: DynamoDBClient
    public var table: String
    public var segments: Int
    /// Items per Scan page; nil lets the service fill each page (1 MB). A Scan page costs a pass over
    /// the segment up to its start key on some endpoints (dynamodb-local, moto), so fewer, fuller
    /// pages are much faster there and save requests everywhere.
    public var pageSize: Int?
    /// For messages: where the table lives.
    public var endpoint: String

    public init(client: DynamoDBClient, table: String, segments: Int, pageSize: Int? = nil, endpoint: String) {
        self.client = client
        self.table = table
        self.segments = max(1, segments)
        self.pageSize = pageSize.map { max(1, $0) }
        self.endpoint = endpoint
    }

    public var description: String { "dynamodb://\(table)" }
    public var partitionCount: Int { segments }

    func describe() async throws -> DynamoDBClient.TableDescription {
        let found: DynamoDBClient.TableDescription?
        do { found = try await client.describeTable(table) } catch {
            throw MigrationError.source("reading the table \(table) at \(endpoint): \(error)")
        }
        guard let found else {
            let others = (try? await client.listTables()) ?? []
            throw MigrationError.source("the table \(table) does not exist at \(endpoint)"
                + (others.isEmpty ? " (it has no tables)" : " (its tables: \(others.joined(separator: ", ")))"))
        }
        return found
    }

    public func fingerprint() async throws -> String {
        let table = try await describe()
        return "\(table.arn ?? table.name)@\(table.creationDateTime ?? 0)"
    }

    public func prepare(keys: [DynamoDBClient.KeyAttribute]) async throws -> Int? {
        let source = try await describe()
        guard source.keySchema == keys else {
            throw MigrationError.target("key schemas differ: the source table \(table) has \(Self.describe(source.keySchema)), "
                + "the target has \(Self.describe(keys)); nothing was written")
        }
        return source.itemCount
    }

    static func describe(_ keys: [DynamoDBClient.KeyAttribute]) -> String {
        keys.map(\.description).joined(separator: " and ")
    }

    public func page(partition: Int, after cursor: String?, keys: [DynamoDBClient.KeyAttribute]) async throws -> ItemPage {
        var start: DynamoDBItem?
        if let cursor {
            do { start = try JSONDecoder().decode(DynamoDBItem.self, from: Data(cursor.utf8)) } catch {
                throw MigrationError.source("the checkpoint's position in segment \(partition) cannot be read: remove the checkpoint to start over")
            }
        }
        let page: DynamoDBClient.ScanPage
        do {
            page = try await client.scan(table: table, segment: partition, totalSegments: segments, startKey: start, limit: pageSize)
        } catch {
            throw MigrationError.source("scanning segment \(partition) of \(table) at \(endpoint): \(error)")
        }
        var next: String?
        if let last = page.lastEvaluatedKey {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            next = String(decoding: try encoder.encode(last), as: UTF8.self)
        }
        return ItemPage(items: page.items, next: next)
    }
}
