import Blueprint

/// S3 buckets (public access blocked, encryption, versioning, lifecycle, CORS, TLS-only policy) and
/// DynamoDB tables (on demand, point-in-time recovery, deletion protection).
enum StorageSection {
    static func render(_ c: inout CFNContext) {
        for bucket in c.blueprint.buckets { renderBucket(&c, bucket) }
        for table in c.blueprint.tables { renderTable(&c, table) }
    }

    static func renderBucket(_ c: inout CFNContext, _ bucket: Bucket) {
        let id = c.names.bucket(bucket.name)
        let kms = bucket.encryption == "aws:kms"
        var properties: [String: CFNValue] = [
            "PublicAccessBlockConfiguration": [
                "BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
            ],
            "BucketEncryption": ["ServerSideEncryptionConfiguration": [[
                "ServerSideEncryptionByDefault": ["SSEAlgorithm": kms ? "aws:kms" : "AES256"],
                "BucketKeyEnabled": .bool(kms),
            ]]],
            "OwnershipControls": ["Rules": [["ObjectOwnership": "BucketOwnerEnforced"]]],
        ]
        if bucket.versioning { properties["VersioningConfiguration"] = ["Status": "Enabled"] }
        let rules = bucket.lifecycle.compactMap(lifecycleRule)
        if !rules.isEmpty { properties["LifecycleConfiguration"] = ["Rules": .list(rules)] }
        if !bucket.cors.isEmpty {
            properties["CorsConfiguration"] = ["CorsRules": .list(bucket.cors.map { rule in
                [
                    "AllowedOrigins": .list(rule.allowedOrigins.map { .string($0) }),
                    "AllowedMethods": .list(rule.allowedMethods.map { .string($0.uppercased()) }),
                    "AllowedHeaders": .list(rule.allowedHeaders.map { .string($0) }),
                    "MaxAge": .int(rule.maxAgeSeconds),
                ]
            })]
        }
        if let hint = bucket.bucketNameHint, !hint.isEmpty {
            // Bucket names are global: the account and region make the hint unique.
            properties["BucketName"] = .sub("\(bucketPrefix(hint))-${AWS::AccountId}-${AWS::Region}", [:])
        }
        var resource = CFNResource("AWS::S3::Bucket", properties)
        // Objects are data: keep the bucket when the stack goes (ferry destroy says so).
        resource.deletionPolicy = "Retain"
        resource.updateReplacePolicy = "Retain"
        c.add(id, resource)

        c.add(c.names.id(bucket.name, "BucketPolicy"), CFNResource("AWS::S3::BucketPolicy", [
            "Bucket": .ref(id),
            "PolicyDocument": IdentitySection.document([[
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [.getAtt(id, "Arn"), .sub("${\(id).Arn}/*", [:])],
                "Condition": ["Bool": ["aws:SecureTransport": "false"]],
            ]]),
        ]))
    }

    /// Bucket names: 3–63 lowercase letters, digits, dots and hyphens. The account (12) and region (≤ 14)
    /// suffixes take up to 28 characters, leaving 34 for the hint.
    static func bucketPrefix(_ hint: String) -> String { AWSRules.bucketPrefix(hint) }

    static func lifecycleRule(_ rule: LifecycleRule) -> CFNValue? {
        var out: [String: CFNValue] = ["Id": .string(String(rule.id.prefix(255))), "Status": "Enabled"]
        if let prefix = rule.prefix, !prefix.isEmpty { out["Prefix"] = .string(prefix) }
        if let days = rule.transitionDays, let storageClass = rule.transitionStorageClass {
            out["Transitions"] = [["StorageClass": .string(storageClass), "TransitionInDays": .int(days)]]
        }
        if let days = rule.expirationDays { out["ExpirationInDays"] = .int(days) }
        if let days = rule.noncurrentExpirationDays { out["NoncurrentVersionExpiration"] = ["NoncurrentDays": .int(days)] }
        if let days = rule.abortIncompleteUploadDays { out["AbortIncompleteMultipartUpload"] = ["DaysAfterInitiation": .int(days)] }
        return out.count > 2 ? .map(out) : nil
    }

    static func renderTable(_ c: inout CFNContext, _ table: DynamoDBTable) {
        var attributes: [CFNValue] = [["AttributeName": .string(table.partitionKey.name), "AttributeType": .string(table.partitionKey.type)]]
        var keys: [CFNValue] = [["AttributeName": .string(table.partitionKey.name), "KeyType": "HASH"]]
        if let sort = table.sortKey {
            attributes.append(["AttributeName": .string(sort.name), "AttributeType": .string(sort.type)])
            keys.append(["AttributeName": .string(sort.name), "KeyType": "RANGE"])
        }
        var properties: [String: CFNValue] = [
            "BillingMode": .string(table.billingMode),
            "AttributeDefinitions": .list(attributes),
            "KeySchema": .list(keys),
            "PointInTimeRecoverySpecification": ["PointInTimeRecoveryEnabled": .bool(table.pointInTimeRecovery)],
            "SSESpecification": ["SSEEnabled": true],
            "DeletionProtectionEnabled": .bool(table.deletionProtection),
        ]
        if table.billingMode == "PROVISIONED" {
            properties["ProvisionedThroughput"] = ["ReadCapacityUnits": 5, "WriteCapacityUnits": 5]
        }
        if let name = table.tableName, !name.isEmpty { properties["TableName"] = .string(name) }
        if let ttl = table.ttlAttribute, !ttl.isEmpty {
            properties["TimeToLiveSpecification"] = ["AttributeName": .string(ttl), "Enabled": true]
        }
        var resource = CFNResource("AWS::DynamoDB::Table", properties)
        if table.deletionProtection {
            resource.deletionPolicy = "Retain"
            resource.updateReplacePolicy = "Retain"
        }
        c.add(c.names.table(table.name), resource)
    }
}
