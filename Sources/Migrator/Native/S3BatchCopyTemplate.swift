import Foundation

/// The role S3 Batch Operations assumes: read the source (and list it for the manifest
/// generator), write the stack's bucket and the report.
struct S3BatchCopyTemplate {
    let store: String
    let stackName: String
    let sourceBucket: String
    let sourcePrefix: String?
    let targetBucket: String

    func json() -> NativeJSON {
        var parameters: [String: NativeJSON] = [
            "SourceBucket": ["Type": "String", "Default": .string(sourceBucket), "Description": "Bucket holding the objects"],
            "TargetBucket": ["Type": "String", "Default": .string(targetBucket), "Description": "The stack's bucket"],
        ]
        let sourceObjects: String
        if let sourcePrefix {
            parameters["SourcePrefix"] = ["Type": "String", "Default": .string(sourcePrefix), "Description": "Key prefix to copy"]
            sourceObjects = "arn:${AWS::Partition}:s3:::${SourceBucket}/${SourcePrefix}*"
        } else {
            sourceObjects = "arn:${AWS::Partition}:s3:::${SourceBucket}/*"
        }
        let statements: [NativeJSON] = [
            ["Sid": "ListSourceForManifest", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": .sub("arn:${AWS::Partition}:s3:::${SourceBucket}")],
            ["Sid": "ReadSource", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectTagging", "s3:GetObjectVersion"], "Resource": .sub(sourceObjects)],
            ["Sid": "WriteTarget", "Effect": "Allow", "Action": ["s3:PutObject", "s3:PutObjectTagging"], "Resource": .sub("arn:${AWS::Partition}:s3:::${TargetBucket}/*")],
            ["Sid": "WriteReport", "Effect": "Allow", "Action": "s3:PutObject",
             "Resource": .sub("arn:${AWS::Partition}:s3:::${TargetBucket}/\(S3BatchCopyJob.reportPrefix)/*")],
        ]
        return [
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": .string("ferry: S3 Batch Operations role copying store \(store) into the bucket of stack \(stackName)"),
            "Parameters": .object(parameters),
            "Resources": [
                "BatchOperationsRole": .serviceRole(principal: "batchoperations.s3.amazonaws.com",
                                                    condition: ["StringEquals": ["aws:SourceAccount": .ref("AWS::AccountId")]],
                                                    policyName: "copy-objects", statements: statements),
            ],
            "Outputs": [
                "RoleArn": ["Description": "The role the copy job runs as", "Value": .getAtt("BatchOperationsRole", "Arn")],
            ],
        ]
    }
}
