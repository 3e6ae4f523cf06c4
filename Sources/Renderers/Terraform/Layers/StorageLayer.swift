import Blueprint

/// `storage.tf`: S3 buckets (public access blocked, encryption, owner-enforced objects, versioning,
/// lifecycle, CORS, a TLS-only policy) and DynamoDB tables (point-in-time recovery, encryption,
/// deletion protection).
enum StorageLayer {
    static let file = "storage.tf"

    static func render(_ c: TFContext) {
        for bucket in c.blueprint.buckets { renderBucket(c, bucket) }
        for table in c.blueprint.tables { renderTable(c, table) }
    }

    /// The bucket with the controls every ferry bucket has; `aws_s3_bucket.<label>`.
    static func renderBucket(_ c: TFContext, _ bucket: Bucket) {
        let l = c.label(bucket.name)
        let kms = bucket.encryption == "aws:kms"
        let name: HCLValue? = bucket.bucketNameHint.flatMap { hint in
            hint.isEmpty ? nil : .template([.text(AWSRules.bucketPrefix(hint) + "-"), .interpolation(c.accountID), .text("-"), .interpolation("var.region")])
        }
        if name != nil { c.dataSources.insert("aws_caller_identity") }
        renderBucketControls(c, file: file, label: l, kms: kms, name: name)
        if bucket.versioning {
            c.resource(file, "aws_s3_bucket_versioning", l) {
                $0["bucket"] = .ref("aws_s3_bucket.\(l).id")
                $0.nested("versioning_configuration") { $0["status"] = "Enabled" }
            }
        }
        let rules = bucket.lifecycle.filter(hasAction)
        if !rules.isEmpty {
            c.resource(file, "aws_s3_bucket_lifecycle_configuration", l) {
                $0["bucket"] = .ref("aws_s3_bucket.\(l).id")
                for rule in rules {
                    $0.nested("rule") {
                        $0["id"] = .string(String(rule.id.prefix(255)))
                        $0["status"] = "Enabled"
                        $0.nested("filter") {
                            if let prefix = rule.prefix, !prefix.isEmpty { $0["prefix"] = .string(prefix) }
                        }
                        if let days = rule.transitionDays, let storageClass = rule.transitionStorageClass {
                            $0.nested("transition") {
                                $0["days"] = .int(days)
                                $0["storage_class"] = .string(storageClass)
                            }
                        }
                        if let days = rule.expirationDays { $0.nested("expiration") { $0["days"] = .int(days) } }
                        if let days = rule.noncurrentExpirationDays {
                            $0.nested("noncurrent_version_expiration") { $0["noncurrent_days"] = .int(days) }
                        }
                        if let days = rule.abortIncompleteUploadDays {
                            $0.nested("abort_incomplete_multipart_upload") { $0["days_after_initiation"] = .int(days) }
                        }
                    }
                }
            }
        }
        if !bucket.cors.isEmpty {
            c.resource(file, "aws_s3_bucket_cors_configuration", l) {
                $0["bucket"] = .ref("aws_s3_bucket.\(l).id")
                for rule in bucket.cors {
                    $0.nested("cors_rule") {
                        $0["allowed_origins"] = .strings(rule.allowedOrigins)
                        $0["allowed_methods"] = .strings(rule.allowedMethods.map { $0.uppercased() })
                        $0["allowed_headers"] = .strings(rule.allowedHeaders)
                        $0["max_age_seconds"] = .int(rule.maxAgeSeconds)
                    }
                }
            }
        }
        c.resource(file, "aws_s3_bucket_policy", l) {
            $0["bucket"] = .ref("aws_s3_bucket.\(l).id")
            $0["policy"] = IdentityLayer.document([denyInsecureTransport(l)])
            $0["depends_on"] = .list([.ref("aws_s3_bucket_public_access_block.\(l)")])
        }
    }

    static func hasAction(_ rule: LifecycleRule) -> Bool {
        (rule.transitionDays != nil && rule.transitionStorageClass != nil) || rule.expirationDays != nil
            || rule.noncurrentExpirationDays != nil || rule.abortIncompleteUploadDays != nil
    }

    /// Bucket, public access block, default encryption and owner-enforced objects.
    static func renderBucketControls(_ c: TFContext, file: String, label l: String, kms: Bool, name: HCLValue? = nil) {
        c.resource(file, "aws_s3_bucket", l) {
            if let name { $0["bucket"] = name }
            // Objects are data: destroy fails on a bucket that still holds objects.
            $0["force_destroy"] = false
        }
        c.resource(file, "aws_s3_bucket_public_access_block", l) {
            $0["bucket"] = .ref("aws_s3_bucket.\(l).id")
            $0["block_public_acls"] = true
            $0["block_public_policy"] = true
            $0["ignore_public_acls"] = true
            $0["restrict_public_buckets"] = true
        }
        c.resource(file, "aws_s3_bucket_server_side_encryption_configuration", l) {
            $0["bucket"] = .ref("aws_s3_bucket.\(l).id")
            $0.nested("rule") {
                $0["bucket_key_enabled"] = .bool(kms)
                $0.nested("apply_server_side_encryption_by_default") { $0["sse_algorithm"] = kms ? "aws:kms" : "AES256" }
            }
        }
        c.resource(file, "aws_s3_bucket_ownership_controls", l) {
            $0["bucket"] = .ref("aws_s3_bucket.\(l).id")
            $0.nested("rule") { $0["object_ownership"] = "BucketOwnerEnforced" }
        }
    }

    static func denyInsecureTransport(_ l: String) -> [HCLAttribute] {
        [
            HCLAttribute("Sid", "DenyInsecureTransport"),
            HCLAttribute("Effect", "Deny"),
            HCLAttribute("Principal", "*"),
            HCLAttribute("Action", "s3:*"),
            HCLAttribute("Resource", .list([.ref("aws_s3_bucket.\(l).arn"), .template([.interpolation("aws_s3_bucket.\(l).arn"), .text("/*")])])),
            HCLAttribute("Condition", .object([HCLAttribute("Bool", .object([HCLAttribute("aws:SecureTransport", "false")]))])),
        ]
    }

    static func renderTable(_ c: TFContext, _ table: DynamoDBTable) {
        let name: HCLValue = table.tableName.flatMap { $0.isEmpty ? nil : .string($0) } ?? c.scoped(table.name)
        c.resource(file, "aws_dynamodb_table", c.label(table.name)) {
            $0["name"] = name
            $0["billing_mode"] = .string(table.billingMode)
            $0["hash_key"] = .string(table.partitionKey.name)
            if let sort = table.sortKey { $0["range_key"] = .string(sort.name) }
            if table.billingMode == "PROVISIONED" {
                $0["read_capacity"] = 5
                $0["write_capacity"] = 5
            }
            $0["deletion_protection_enabled"] = .bool(table.deletionProtection)
            for key in [table.partitionKey] + (table.sortKey.map { [$0] } ?? []) {
                $0.nested("attribute") {
                    $0["name"] = .string(key.name)
                    $0["type"] = .string(key.type)
                }
            }
            $0.nested("point_in_time_recovery") { $0["enabled"] = .bool(table.pointInTimeRecovery) }
            $0.nested("server_side_encryption") { $0["enabled"] = true }
            if let ttl = table.ttlAttribute, !ttl.isEmpty {
                $0.nested("ttl") {
                    $0["attribute_name"] = .string(ttl)
                    $0["enabled"] = true
                }
            }
        }
    }
}
