import Foundation

extension AWSService {
    public static let dynamoDB = AWSService(endpointEnvironmentID: "DYNAMODB", signingName: "dynamodb", endpointPrefix: "dynamodb",
                                            signingOptions: .standard)
}

/// DynamoDB (JSON 1.0, `X-Amz-Target: DynamoDB_20120810.Op`): the operations `ferry migrate dynamodb`
/// needs to read a table in parallel segments and write items in batches.
public struct DynamoDBClient: Sendable {
    public var client: AWSClient
    public init(client: AWSClient) { self.client = client }

    static let prefix = "DynamoDB_20120810"

    func call<Body: Encodable, Output: Decodable>(_ operation: String, _ body: Body, as: Output.Type) async throws -> Output {
        let response = try await client.send(JSONProtocol.request(service: .dynamoDB, version: "1.0", targetPrefix: Self.prefix,
                                                                  operation: operation, body: body))
        return try JSONProtocol.decode(Output.self, from: response)
    }

    /// A key attribute of a table: its name, `HASH` or `RANGE`, and its type (`S`, `N`, `B`).
    public struct KeyAttribute: Sendable, Equatable, CustomStringConvertible {
        public var name: String
        public var role: String
        public var type: String
        public init(name: String, role: String, type: String) { self.name = name; self.role = role; self.type = type }
        public var description: String { "\(name) (\(role == "HASH" ? "partition" : "sort") key, \(type))" }
    }

    public struct TableDescription: Sendable, Equatable {
        public var name: String
        public var arn: String?
        public var status: String?
        /// Partition key first, then the sort key if any.
        public var keySchema: [KeyAttribute]
        /// Approximate (AWS refreshes it about every six hours).
        public var itemCount: Int?
        /// Approximate, as `itemCount`.
        public var sizeBytes: Int64?
        public var creationDateTime: Double?
    }

    struct NameInput: Encodable { var TableName: String }
    struct DescribeOutput: Decodable {
        struct Table: Decodable {
            struct Key: Decodable { var AttributeName: String; var KeyType: String }
            struct Definition: Decodable { var AttributeName: String; var AttributeType: String }
            var TableName: String
            var TableArn: String?
            var TableStatus: String?
            var KeySchema: [Key]
            var AttributeDefinitions: [Definition]?
            var ItemCount: Int?
            var TableSizeBytes: Int64?
            var CreationDateTime: Double?
        }
        var Table: Table
    }

    /// The table, or nil when it does not exist.
    public func describeTable(_ name: String) async throws -> TableDescription? {
        let output: DescribeOutput
        do { output = try await call("DescribeTable", NameInput(TableName: name), as: DescribeOutput.self) } catch let error as AWSServiceError
            where error.code == "ResourceNotFoundException" { return nil }
        let table = output.Table
        let types = Dictionary((table.AttributeDefinitions ?? []).map { ($0.AttributeName, $0.AttributeType) }) { first, _ in first }
        let keys = table.KeySchema.sorted { $0.KeyType == "HASH" && $1.KeyType != "HASH" }
            .map { KeyAttribute(name: $0.AttributeName, role: $0.KeyType, type: types[$0.AttributeName] ?? "S") }
        return TableDescription(name: table.TableName, arn: table.TableArn, status: table.TableStatus, keySchema: keys,
                                itemCount: table.ItemCount, sizeBytes: table.TableSizeBytes, creationDateTime: table.CreationDateTime)
    }

    struct ListInput: Encodable { var ExclusiveStartTableName: String? }
    struct ListOutput: Decodable { var TableNames: [String]?; var LastEvaluatedTableName: String? }

    public func listTables() async throws -> [String] {
        var names: [String] = []
        var start: String?
        repeat {
            let output = try await call("ListTables", ListInput(ExclusiveStartTableName: start), as: ListOutput.self)
            names += output.TableNames ?? []
            start = output.LastEvaluatedTableName
        } while start != nil
        return names.sorted()
    }

    public struct ScanPage: Sendable {
        public var items: [DynamoDBItem]
        /// Where the next page starts; nil when the segment is finished.
        public var lastEvaluatedKey: DynamoDBItem?
    }

    struct ScanInput: Encodable {
        var TableName: String
        var Segment: Int?
        var TotalSegments: Int?
        var ExclusiveStartKey: DynamoDBItem?
        var Limit: Int?
        var ConsistentRead: Bool?
    }
    struct ScanOutput: Decodable { var Items: [DynamoDBItem]?; var LastEvaluatedKey: DynamoDBItem? }

    /// One page of a (parallel) scan: segment `segment` of `totalSegments`, from `startKey`.
    public func scan(table: String, segment: Int? = nil, totalSegments: Int? = nil, startKey: DynamoDBItem? = nil,
                     limit: Int? = nil, consistentRead: Bool = false) async throws -> ScanPage {
        let input = ScanInput(TableName: table, Segment: totalSegments == nil ? nil : segment, TotalSegments: totalSegments,
                              ExclusiveStartKey: startKey, Limit: limit, ConsistentRead: consistentRead ? true : nil)
        let output = try await call("Scan", input, as: ScanOutput.self)
        let last = output.LastEvaluatedKey.flatMap { $0.isEmpty ? nil : $0 }
        return ScanPage(items: output.Items ?? [], lastEvaluatedKey: last)
    }

    struct KeysAndAttributes: Codable { var Keys: [DynamoDBItem]; var ConsistentRead: Bool? }
    struct BatchGetInput: Encodable { var RequestItems: [String: KeysAndAttributes] }
    struct BatchGetOutput: Decodable {
        var Responses: [String: [DynamoDBItem]]?
        var UnprocessedKeys: [String: KeysAndAttributes]?
    }

    /// Reads up to 100 items by key in one request (strongly consistent when asked); returns the items
    /// found and the keys DynamoDB did not process (to ask again). A key with no item is in neither.
    public func batchGet(table: String, keys: [DynamoDBItem], consistentRead: Bool = false) async throws -> (items: [DynamoDBItem], unprocessed: [DynamoDBItem]) {
        let input = BatchGetInput(RequestItems: [table: KeysAndAttributes(Keys: keys, ConsistentRead: consistentRead ? true : nil)])
        let output = try await call("BatchGetItem", input, as: BatchGetOutput.self)
        return (output.Responses?[table] ?? [], output.UnprocessedKeys?[table]?.Keys ?? [])
    }

    struct PutRequest: Codable { var Item: DynamoDBItem }
    struct WriteRequest: Codable { var PutRequest: PutRequest? }
    struct BatchInput: Encodable { var RequestItems: [String: [WriteRequest]] }
    struct BatchOutput: Decodable { var UnprocessedItems: [String: [WriteRequest]]? }

    /// Puts up to 25 items in one request; returns the items DynamoDB did not process (to send again).
    public func batchPut(table: String, items: [DynamoDBItem]) async throws -> [DynamoDBItem] {
        let input = BatchInput(RequestItems: [table: items.map { WriteRequest(PutRequest: PutRequest(Item: $0)) }])
        let output = try await call("BatchWriteItem", input, as: BatchOutput.self)
        return (output.UnprocessedItems?[table] ?? []).compactMap { $0.PutRequest?.Item }
    }

    struct CreateInput: Encodable {
        struct Key: Encodable { var AttributeName: String; var KeyType: String }
        struct Definition: Encodable { var AttributeName: String; var AttributeType: String }
        var TableName: String
        var KeySchema: [Key]
        var AttributeDefinitions: [Definition]
        var BillingMode = "PAY_PER_REQUEST"
    }
    struct CreateOutput: Decodable {}

    /// Creates an on-demand table (tests; the stack creates its own tables).
    public func createTable(_ name: String, keys: [KeyAttribute]) async throws {
        let input = CreateInput(TableName: name, KeySchema: keys.map { .init(AttributeName: $0.name, KeyType: $0.role) },
                                AttributeDefinitions: keys.map { .init(AttributeName: $0.name, AttributeType: $0.type) })
        _ = try await call("CreateTable", input, as: CreateOutput.self)
    }
}
