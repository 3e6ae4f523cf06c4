import Blueprint
import Foundation

extension NativePath {
    /// The DynamoDB ImportTable path for a table too big to write item by item: DynamoDB loads a
    /// DynamoDB JSON export from S3 into a new table, `<table>-import`, without consuming write
    /// capacity. Produces `import-table.json` for `aws dynamodb import-table --cli-input-json`.
    ///
    /// - Parameters:
    ///   - store: the logical store name.
    ///   - stackName: the deployed application stack.
    ///   - table: the stack's table name; the import creates `<table>-import` beside it.
    ///   - partitionKey: the table's hash key (type S, N or B); `sortKey` its range key, if any.
    ///   - exportBucket: the bucket holding (or receiving) the export; `exportPrefix` its key prefix.
    ///   - sourceTableArn: the source table when it is a DynamoDB table in AWS (exported with
    ///     `export-table-to-point-in-time`, which needs point-in-time recovery on it).
    public static func dynamoDBImport(store: String, stackName: String, table: String, partitionKey: KeyAttribute,
                                      sortKey: KeyAttribute? = nil, exportBucket: String? = nil, exportPrefix: String? = nil,
                                      sourceTableArn: String? = nil) -> NativePlan {
        let fileName = "import-table.json"
        let importTable = "\(table)-import"
        let bucket = exportBucket ?? "<export-bucket>"
        let prefix = exportPrefix.flatMap { $0.isEmpty ? nil : $0 } ?? "ferry-export/\(NativeShell.slug(store))"
        let document = DynamoDBImportRequest(table: importTable, partitionKey: partitionKey, sortKey: sortKey, bucket: bucket,
                                             keyPrefix: sourceTableArn == nil ? prefix : "\(prefix)/AWSDynamoDB/<export-id>/data/")

        var commands: [String] = []
        var importCommand = "IMPORT_ARN=\"$(aws dynamodb import-table --cli-input-json file://\(fileName) --query ImportTableDescription.ImportArn --output text)\""
        if let sourceTableArn {
            commands += [
                "EXPORT_ARN=\"$(aws dynamodb export-table-to-point-in-time --table-arn \(NativeShell.quote(sourceTableArn)) --s3-bucket \(NativeShell.quote(bucket)) --s3-prefix \(NativeShell.quote(prefix)) --export-format DYNAMODB_JSON --query ExportDescription.ExportArn --output text)\"",
                "aws dynamodb wait export-completed --export-arn \"$EXPORT_ARN\"",
            ]
            // The export writes its data files under AWSDynamoDB/<export id>/data/; the command line
            // fills in the id the file leaves as a placeholder.
            importCommand = "IMPORT_ARN=\"$(aws dynamodb import-table --cli-input-json file://\(fileName) --s3-bucket-source \"S3Bucket=\(bucket),S3KeyPrefix=\(prefix)/AWSDynamoDB/${EXPORT_ARN##*/}/data/\" --query ImportTableDescription.ImportArn --output text)\""
        }
        commands += [
            importCommand,
            "aws dynamodb wait import-completed --import-arn \"$IMPORT_ARN\"",
            "aws dynamodb describe-import --import-arn \"$IMPORT_ARN\" --query 'ImportTableDescription.{Status: ImportStatus, Imported: ImportedItemCount, Processed: ProcessedItemCount, Errors: ErrorCount}'",
        ]

        var notes = [
            "ImportTable always creates a new table and cannot load into an existing one, so the import goes into \(importTable) beside the stack's table \(table).",
            "To adopt \(importTable), either point the services at it (set the table name they receive, for example the environment variable the stack passes, through an override and redeploy) or make it the stack's resource with CloudFormation resource import: give the stack's table DeletionPolicy Retain, remove it from the template and update, then create an IMPORT change set (aws cloudformation create-change-set --change-set-type IMPORT --resources-to-import) whose template declares the table under the same logical id with TableName \(importTable) and matching key schema.",
            "The new table is PAY_PER_REQUEST with the stack table's key schema; secondary indexes, TTL, point-in-time recovery and deletion protection are not imported, so set them on \(importTable) the way the stack sets them on \(table).",
            "Writes made to the source after the export are not in the import: stop them before exporting, or replay them afterwards (ferry migrate dynamodb copies the remainder item by item).",
            "ImportTable bills per gigabyte of uncompressed source data and logs items it cannot parse to CloudWatch Logs; describe-import reports the counts.",
        ]
        if sourceTableArn != nil {
            notes.append("export-table-to-point-in-time needs point-in-time recovery enabled on the source table and write access to s3://\(bucket)/\(prefix); the export is DynamoDB JSON in gzip files, which is exactly what the import reads.")
        } else {
            notes.append("Write the export to s3://\(bucket)/\(prefix)/ as gzip files of DynamoDB JSON, one {\"Item\": {...}} object per line with typed attribute values (for example {\"Item\": {\"\(partitionKey.name)\": {\"\(partitionKey.type)\": \"...\"}}}), every item carrying the key attributes.")
        }
        return NativePlan(
            kind: "dynamodb",
            service: "DynamoDB ImportTable",
            artifacts: [NativeArtifact(fileName: fileName, contents: document.json().rendered())],
            commands: commands,
            notes: notes
        )
    }
}
