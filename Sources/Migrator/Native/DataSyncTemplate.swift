import Foundation

/// The CloudFormation template of the DataSync path: source location, the stack's bucket as
/// destination with the role DataSync assumes, a log group and the task.
struct DataSyncTemplate {
    let store: String
    let stackName: String
    let source: NativeObjectSource
    let targetBucket: String

    func json() -> NativeJSON {
        [
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": .string("ferry: AWS DataSync copy of store \(store) into the bucket of stack \(stackName)"),
            "Parameters": parameters(),
            "Resources": resources(),
            "Outputs": [
                "TaskArn": ["Description": "The DataSync task", "Value": .getAtt("Task", "TaskArn")],
            ],
        ]
    }

    private func parameters() -> NativeJSON {
        var p: [String: NativeJSON] = [
            "AgentArn": ["Type": "String", "AllowedPattern": "^arn:aws[a-z-]*:datasync:[a-z0-9-]+:[0-9]{12}:agent/agent-[0-9a-z]{17}$",
                         "Description": "The activated DataSync agent that reaches the source"],
            "TargetBucket": ["Type": "String", "Default": .string(targetBucket), "Description": "The stack's bucket"],
        ]
        switch source {
        case let .objectStorage(hostname, port, https, bucket, _):
            p["ServerHostname"] = hostname.map { ["Type": "String", "Default": .string($0), "Description": "Host of the S3-compatible service as the agent reaches it"] }
                ?? ["Type": "String", "Description": "Host of the S3-compatible service as the agent reaches it"]
            p["ServerPort"] = ["Type": "Number", "Default": .int(Int64(port ?? (https ? 443 : 80))), "MinValue": 1, "MaxValue": 65536]
            p["ServerProtocol"] = ["Type": "String", "Default": https ? "HTTPS" : "HTTP", "AllowedValues": ["HTTP", "HTTPS"]]
            p["SourceBucket"] = ["Type": "String", "Default": .string(bucket)]
            p["AccessKey"] = ["Type": "String", "Description": "Access key of a user allowed to list and read SourceBucket"]
            p["SecretKey"] = ["Type": "String", "NoEcho": true, "Description": "Its secret key, supplied at deploy time"]
        case let .directory(hostname, path):
            p["ServerHostname"] = hostname.map { ["Type": "String", "Default": .string($0), "Description": "NFS server as the agent reaches it"] }
                ?? ["Type": "String", "Description": "NFS server as the agent reaches it"]
            p["Subdirectory"] = ["Type": "String", "Default": .string(path), "Description": "The exported directory"]
        }
        return .object(p)
    }

    private var sourceLocation: NativeJSON {
        switch source {
        case let .objectStorage(_, _, _, _, prefix):
            var properties: [String: NativeJSON] = [
                "AgentArns": [.ref("AgentArn")],
                "BucketName": .ref("SourceBucket"),
                "ServerHostname": .ref("ServerHostname"),
                "ServerPort": .ref("ServerPort"),
                "ServerProtocol": .ref("ServerProtocol"),
                "AccessKey": .ref("AccessKey"),
                "SecretKey": .ref("SecretKey"),
            ]
            if let prefix, !prefix.isEmpty { properties["Subdirectory"] = .string("/" + prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))) }
            return ["Type": "AWS::DataSync::LocationObjectStorage", "Properties": .object(properties)]
        case .directory:
            return [
                "Type": "AWS::DataSync::LocationNFS",
                "Properties": [
                    "OnPremConfig": ["AgentArns": [.ref("AgentArn")]],
                    "ServerHostname": .ref("ServerHostname"),
                    "Subdirectory": .ref("Subdirectory"),
                    "MountOptions": ["Version": "AUTOMATIC"],
                ],
            ]
        }
    }

    /// Only what DataSync documents for a destination bucket: the bucket itself and its objects.
    private var bucketAccessRole: NativeJSON {
        // Confused-deputy guard: only DataSync acting for this account and Region.
        .serviceRole(principal: "datasync.amazonaws.com", condition: [
            "StringEquals": ["aws:SourceAccount": .ref("AWS::AccountId")],
            "ArnLike": ["aws:SourceArn": .sub("arn:${AWS::Partition}:datasync:${AWS::Region}:${AWS::AccountId}:*")],
        ], policyName: "target-bucket", statements: [
            [
                "Effect": "Allow",
                "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
                "Resource": .sub("arn:${AWS::Partition}:s3:::${TargetBucket}"),
            ],
            [
                "Effect": "Allow",
                "Action": [
                    "s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:GetObjectTagging",
                    "s3:GetObjectVersion", "s3:GetObjectVersionTagging", "s3:ListMultipartUploadParts",
                    "s3:PutObject", "s3:PutObjectTagging",
                ],
                "Resource": .sub("arn:${AWS::Partition}:s3:::${TargetBucket}/*"),
            ],
        ])
    }

    private var options: NativeJSON {
        var o: [String: NativeJSON] = [
            "VerifyMode": "ONLY_FILES_TRANSFERRED",
            "OverwriteMode": "ALWAYS",
            "PreserveDeletedFiles": "PRESERVE",
            "TransferMode": "CHANGED",
            "LogLevel": "BASIC",
        ]
        // Object storage has no POSIX ownership or permissions to carry over.
        if case .objectStorage = source {
            o["PosixPermissions"] = "NONE"
            o["Uid"] = "NONE"
            o["Gid"] = "NONE"
        }
        return .object(o)
    }

    private func resources() -> NativeJSON {
        [
            "SourceLocation": sourceLocation,
            "BucketAccessRole": bucketAccessRole,
            "TargetLocation": [
                "Type": "AWS::DataSync::LocationS3",
                "Properties": [
                    "S3BucketArn": .sub("arn:${AWS::Partition}:s3:::${TargetBucket}"),
                    "S3Config": ["BucketAccessRoleArn": .getAtt("BucketAccessRole", "Arn")],
                    "S3StorageClass": "STANDARD",
                    "Subdirectory": "/",
                ],
            ],
            // The logs of a one-off migration go with its stack.
            "LogGroup": [
                "Type": "AWS::Logs::LogGroup",
                "DeletionPolicy": "Delete",
                "UpdateReplacePolicy": "Delete",
                "Properties": ["RetentionInDays": 30],
            ],
            // DataSync writes task logs through a resource policy on the log group, not a role.
            "LogGroupPolicy": [
                "Type": "AWS::Logs::ResourcePolicy",
                "Properties": [
                    "PolicyName": .sub("${AWS::StackName}-datasync-logs"),
                    "PolicyDocument": .sub(logPolicy().compact()),
                ],
            ],
            "Task": [
                "Type": "AWS::DataSync::Task",
                "DependsOn": ["LogGroupPolicy"],
                "Properties": [
                    "Name": .sub("${AWS::StackName}"),
                    "SourceLocationArn": .getAtt("SourceLocation", "LocationArn"),
                    "DestinationLocationArn": .getAtt("TargetLocation", "LocationArn"),
                    "CloudWatchLogGroupArn": .getAtt("LogGroup", "Arn"),
                    "Options": options,
                ],
            ],
        ]
    }

    private func logPolicy() -> NativeJSON {
        [
            "Version": "2012-10-17",
            "Statement": [[
                "Effect": "Allow",
                "Principal": ["Service": "datasync.amazonaws.com"],
                "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": "${LogGroup.Arn}",
                "Condition": [
                    "StringEquals": ["aws:SourceAccount": "${AWS::AccountId}"],
                    "ArnLike": ["aws:SourceArn": "arn:${AWS::Partition}:datasync:${AWS::Region}:${AWS::AccountId}:task/*"],
                ],
            ]],
        ]
    }
}
