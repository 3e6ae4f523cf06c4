import Foundation

/// The `aws s3control create-job --cli-input-json` document of the S3 Batch Operations path.
/// `AccountId` and `RoleArn` are placeholders the command line overrides.
struct S3BatchCopyJob {
    let stackName: String
    let store: String
    let sourceBucket: String
    let sourcePrefix: String?
    let targetBucket: String

    /// The largest object CopyObject copies: 5 GiB.
    static let copyLimit: Int64 = 5 * 1024 * 1024 * 1024
    static let reportPrefix = "ferry-batch-reports"

    func json() -> NativeJSON {
        var filter: [String: NativeJSON] = ["ObjectSizeLessThanBytes": .int(Self.copyLimit + 1)]
        if let sourcePrefix { filter["KeyNameConstraint"] = ["MatchAnyPrefix": [.string(sourcePrefix)]] }
        return [
            "AccountId": "<account-id>",
            // Fixed, so that running the command twice does not start a second job.
            "ClientRequestToken": .string(String("ferry-\(NativeShell.slug(stackName))-\(store)-batch-copy".prefix(64))),
            "ConfirmationRequired": false,
            "Description": .string(String("ferry: copy s3://\(sourceBucket)/\(sourcePrefix ?? "") into s3://\(targetBucket)".prefix(256))),
            "ManifestGenerator": [
                "S3JobManifestGenerator": [
                    "SourceBucket": .string("arn:aws:s3:::\(sourceBucket)"),
                    "EnableManifestOutput": false,
                    "Filter": .object(filter),
                ],
            ],
            "Operation": [
                "S3PutObjectCopy": [
                    "TargetResource": .string("arn:aws:s3:::\(targetBucket)"),
                    "MetadataDirective": "COPY",
                    "ChecksumAlgorithm": "CRC32C",
                ],
            ],
            "Priority": 10,
            "Report": [
                "Bucket": .string("arn:aws:s3:::\(targetBucket)"),
                "Enabled": true,
                "Format": "Report_CSV_20180820",
                "Prefix": .string(Self.reportPrefix),
                "ReportScope": "FailedTasksOnly",
            ],
            "RoleArn": "<batch-role-arn>",
        ]
    }
}
