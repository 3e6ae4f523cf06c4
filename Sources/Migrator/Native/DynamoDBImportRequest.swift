import Blueprint
import Foundation

/// The `aws dynamodb import-table --cli-input-json` document: gzip DynamoDB JSON from S3 into a new
/// on-demand table with the stack table's key schema.
struct DynamoDBImportRequest {
    let table: String
    let partitionKey: KeyAttribute
    let sortKey: KeyAttribute?
    let bucket: String
    let keyPrefix: String

    func json() -> NativeJSON {
        var attributes: [NativeJSON] = [["AttributeName": .string(partitionKey.name), "AttributeType": .string(partitionKey.type)]]
        var keys: [NativeJSON] = [["AttributeName": .string(partitionKey.name), "KeyType": "HASH"]]
        if let sortKey {
            attributes.append(["AttributeName": .string(sortKey.name), "AttributeType": .string(sortKey.type)])
            keys.append(["AttributeName": .string(sortKey.name), "KeyType": "RANGE"])
        }
        return [
            "S3BucketSource": ["S3Bucket": .string(bucket), "S3KeyPrefix": .string(keyPrefix)],
            "InputFormat": "DYNAMODB_JSON",
            "InputCompressionType": "GZIP",
            "TableCreationParameters": [
                "TableName": .string(table),
                "AttributeDefinitions": .array(attributes),
                "KeySchema": .array(keys),
                "BillingMode": "PAY_PER_REQUEST",
            ],
        ]
    }
}
