import Blueprint
import Foundation
import Migrator
import XCTest

final class NativePathTests: XCTestCase {
    static let postgres = NativeDatabase(
        engine: .postgres, store: "orders", stackName: "shop", sizeBytes: 800_000_000_000,
        source: .init(host: "db.example.com", port: 5432, database: "orders", username: "replicator"),
        target: .init(database: "orders", secretOutput: "OrdersSecretArn"))
    static let mariadb = NativeDatabase(
        engine: .mariadb, store: "catalog", stackName: "shop", sizeBytes: 120_000_000_000,
        source: .init(host: nil, port: 3306, database: "catalog", username: nil),
        target: .init(database: "catalog_prod", secretOutput: "CatalogSecretArn"))

    static func plans() -> [NativePlan] {
        [
            NativePath.dms(postgres),
            NativePath.dms(mariadb),
            NativePath.dataSync(store: "media", stackName: "shop",
                                source: .objectStorage(hostname: "minio.example.com", port: 9000, https: false, bucket: "media", prefix: "uploads/"),
                                targetBucket: "shop-media-bucket"),
            NativePath.dataSync(store: "files", stackName: "shop", source: .directory(hostname: nil, path: "/srv/files"), targetBucket: "shop-files"),
            NativePath.s3BatchCopy(store: "media", stackName: "shop", sourceBucket: "old-media", sourcePrefix: "public/", targetBucket: "shop-media-bucket"),
            NativePath.s3BatchCopy(store: "assets", stackName: "shop", sourceBucket: "old-assets", targetBucket: "shop-assets"),
            NativePath.dynamoDBImport(store: "events", stackName: "shop", table: "shop-events", partitionKey: KeyAttribute(name: "pk", type: "S"),
                                      sortKey: KeyAttribute(name: "ts", type: "N"), exportBucket: "shop-exports"),
            NativePath.dynamoDBImport(store: "sessions", stackName: "shop", table: "shop-sessions", partitionKey: KeyAttribute(name: "id", type: "B"),
                                      exportBucket: "shop-exports",
                                      sourceTableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/sessions"),
        ]
    }

    func json(_ artifact: NativeArtifact) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(artifact.contents.utf8)) as? [String: Any], artifact.fileName)
    }

    func template(_ plan: NativePlan) throws -> [String: Any] {
        try json(XCTUnwrap(plan.artifacts.first { $0.fileName.hasSuffix(".template.json") }))
    }

    func resource(_ template: [String: Any], type: String) throws -> [String: Any] {
        let resources = try XCTUnwrap(template["Resources"] as? [String: [String: Any]])
        let match = try XCTUnwrap(resources.values.first { $0["Type"] as? String == type }, "no \(type)")
        return try XCTUnwrap(match["Properties"] as? [String: Any])
    }

    func testByteStableAndNewlineTerminated() {
        XCTAssertEqual(Self.plans(), Self.plans())
        for plan in Self.plans() {
            for artifact in plan.artifacts {
                XCTAssertTrue(artifact.contents.hasSuffix("}\n"), artifact.fileName)
                XCTAssertFalse(artifact.contents.contains("\\/"), "\(artifact.fileName) escapes slashes")
                XCTAssertTrue(artifact.contents.contains("\n  \""), "\(artifact.fileName) is not 2-space pretty JSON")
            }
            for artifact in plan.artifacts {
                XCTAssertTrue(plan.commands.contains { $0.contains(artifact.fileName) }, "no command uses \(artifact.fileName)")
            }
        }
    }

    func testDMSTemplate() throws {
        let plan = NativePath.dms(Self.postgres)
        XCTAssertEqual(plan.kind, "postgres")
        XCTAssertEqual(plan.service, "AWS DMS (full load + CDC)")
        XCTAssertEqual(plan.artifacts.map(\.fileName), ["dms-orders.template.json"])
        let t = try template(plan)
        let parameters = try XCTUnwrap(t["Parameters"] as? [String: [String: Any]])
        XCTAssertEqual(parameters["SourcePassword"]?["NoEcho"] as? Bool, true)
        XCTAssertNil(parameters["SourcePassword"]?["Default"])
        XCTAssertEqual(parameters["SubnetIds"]?["Type"] as? String, "List<AWS::EC2::Subnet::Id>")
        XCTAssertEqual(parameters["SecurityGroupIds"]?["Type"] as? String, "List<AWS::EC2::SecurityGroup::Id>")
        XCTAssertEqual(parameters["ReplicationInstanceClass"]?["Default"] as? String, "dms.r5.xlarge")
        XCTAssertEqual(parameters["SourcePort"]?["Default"] as? Int, 5432)
        XCTAssertEqual(parameters["SourceServerName"]?["Default"] as? String, "db.example.com")

        let instance = try resource(t, type: "AWS::DMS::ReplicationInstance")
        XCTAssertEqual(instance["PubliclyAccessible"] as? Bool, false)
        XCTAssertEqual(instance["MultiAZ"] as? Bool, false)
        let task = try resource(t, type: "AWS::DMS::ReplicationTask")
        XCTAssertEqual(task["MigrationType"] as? String, "full-load-and-cdc")
        let settings = try XCTUnwrap((task["ReplicationTaskSettings"] as? [String: String])?["Fn::Sub"])
        XCTAssertTrue(settings.contains(#""EnableValidation":true"#), settings)
        XCTAssertTrue(settings.contains(#""TargetTablePrepMode":"DO_NOTHING""#), settings)
        XCTAssertTrue(settings.contains(#""LobMaxSize":${LobMaxSizeKB}"#), settings)
        let mappings = try XCTUnwrap(task["TableMappings"] as? String)
        XCTAssertTrue(mappings.contains(#""schema-name":"public""#), mappings)

        let resources = try XCTUnwrap(t["Resources"] as? [String: [String: Any]])
        let source = try XCTUnwrap(resources["SourceEndpoint"]?["Properties"] as? [String: Any])
        XCTAssertEqual(source["Password"] as? [String: String], ["Ref": "SourcePassword"])
        XCTAssertEqual(source["SslMode"] as? String, "none")
        XCTAssertEqual(source["EngineName"] as? String, "postgres")
        let target = try XCTUnwrap(resources["TargetEndpoint"]?["Properties"] as? [String: Any])
        XCTAssertEqual(target["SslMode"] as? String, "require")
        // The stack's secret is read by CloudFormation at deploy time: no value in the template.
        XCTAssertEqual(target["Password"] as? [String: String], ["Fn::Sub": "{{resolve:secretsmanager:${TargetSecretArn}:SecretString:password}}"])
        XCTAssertEqual(target["Username"] as? [String: String], ["Fn::Sub": "{{resolve:secretsmanager:${TargetSecretArn}:SecretString:username}}"])
        XCTAssertEqual(target["ServerName"] as? [String: String], ["Ref": "TargetServerName"])
        let pg = try XCTUnwrap(target["PostgreSqlSettings"] as? [String: Any])
        XCTAssertEqual(pg["AfterConnectScript"] as? String, "SET session_replication_role = 'replica'")

        let outputs = try XCTUnwrap(t["Outputs"] as? [String: Any])
        XCTAssertEqual(Set(outputs.keys), ["ReplicationTaskArn", "ReplicationInstanceArn"])

        let deploy = try XCTUnwrap(plan.commands.first { $0.hasPrefix("aws cloudformation deploy") })
        for key in ["SubnetIds", "SecurityGroupIds", "SourceServerName", "SourcePort", "SourceDatabase", "SourceUsername", "SourcePassword",
                    "TargetSecretArn", "TargetServerName", "TargetDatabase", "ReplicationInstanceClass", "AllocatedStorage", "LobMaxSizeKB"] {
            XCTAssertTrue(deploy.contains("\(key)="), "deploy does not set \(key)")
        }
        XCTAssertTrue(deploy.contains("--stack-name shop-dms-orders"), deploy)
        XCTAssertTrue(deploy.contains("SourcePassword=\"$SOURCE_DB_PASSWORD\""), deploy)
        XCTAssertTrue(plan.commands.contains { $0.contains("--start-replication-task-type start-replication") })
        XCTAssertTrue(plan.commands.contains { $0.hasPrefix("aws dms describe-table-statistics") })
        XCTAssertTrue(plan.commands.last?.contains("replication-task-stopped") ?? false)
        XCTAssertTrue(plan.commands.contains { $0.hasPrefix("aws dms stop-replication-task") })
        XCTAssertTrue(plan.notes.contains { $0.contains("wal_level = logical") })
        XCTAssertTrue(plan.notes.contains { $0.contains("setval") })
        XCTAssertTrue(plan.commands.contains { $0.contains("dms-vpc-role") })
    }

    func testDMSMariaDBUsesTheMySQLEngineAndRenamesTheSchema() throws {
        let plan = NativePath.dms(Self.mariadb)
        XCTAssertEqual(plan.kind, "mysql")
        let t = try template(plan)
        let resources = try XCTUnwrap(t["Resources"] as? [String: [String: Any]])
        let source = try XCTUnwrap(resources["SourceEndpoint"]?["Properties"] as? [String: Any])
        XCTAssertEqual(source["EngineName"] as? String, "mysql")
        let target = try XCTUnwrap(resources["TargetEndpoint"]?["Properties"] as? [String: Any])
        XCTAssertNotNil(target["MySqlSettings"])
        let parameters = try XCTUnwrap(t["Parameters"] as? [String: [String: Any]])
        XCTAssertEqual(parameters["ReplicationInstanceClass"]?["Default"] as? String, "dms.r5.large")
        XCTAssertEqual(parameters["TargetDatabase"]?["Default"] as? String, "catalog_prod")
        XCTAssertNil(parameters["SourceServerName"]?["Default"])
        let task = try resource(t, type: "AWS::DMS::ReplicationTask")
        let mappings = try XCTUnwrap((task["TableMappings"] as? [String: String])?["Fn::Sub"])
        XCTAssertTrue(mappings.contains(#""schema-name":"${SourceDatabase}""#), mappings)
        XCTAssertTrue(mappings.contains(#""value":"${TargetDatabase}""#), mappings)
        XCTAssertTrue(plan.notes.contains { $0.contains("binlog_format = ROW") && $0.contains("binlog_row_image = FULL") })
        let deploy = try XCTUnwrap(plan.commands.first { $0.hasPrefix("aws cloudformation deploy") })
        XCTAssertTrue(deploy.contains("'SourceServerName=<source-host>'"), deploy)
    }

    func testDMSInstanceSizing() throws {
        func instanceClass(_ size: Int64?) throws -> String? {
            var db = Self.postgres
            db.sizeBytes = size
            let parameters = try XCTUnwrap(template(NativePath.dms(db))["Parameters"] as? [String: [String: Any]])
            return parameters["ReplicationInstanceClass"]?["Default"] as? String
        }
        XCTAssertEqual(try instanceClass(10_000_000_000), "dms.t3.medium")
        XCTAssertEqual(try instanceClass(200_000_000_000), "dms.r5.large")
        XCTAssertEqual(try instanceClass(2_000_000_000_000), "dms.r5.xlarge")
        XCTAssertEqual(try instanceClass(nil), "dms.r5.large")
        let db = Self.postgres
        XCTAssertEqual(NativePath.dms(engine: db.engine, store: db.store, stackName: db.stackName, sizeBytes: db.sizeBytes, source: db.source, target: db.target),
                       NativePath.dms(db))
    }

    /// With the stack's migration placement known, the replication instance goes where the one-off
    /// restore task would: no placeholder is left in the deploy command.
    func testDMSPlacementFromTheStack() throws {
        var db = Self.postgres
        db.target.subnetIds = ["subnet-1", "subnet-2"]
        db.target.securityGroupIds = ["sg-9"]
        let deploy = try XCTUnwrap(NativePath.dms(db).commands.first { $0.hasPrefix("aws cloudformation deploy") })
        XCTAssertTrue(deploy.contains("SubnetIds=subnet-1,subnet-2"), deploy)
        XCTAssertTrue(deploy.contains("SecurityGroupIds=sg-9"), deploy)
        XCTAssertFalse(deploy.contains("<subnet-id>"), deploy)
    }

    func testDataSyncTemplate() throws {
        let plans = Self.plans().filter { $0.service == "AWS DataSync" }
        XCTAssertEqual(plans.count, 2)
        let objects = try template(plans[0])
        let parameters = try XCTUnwrap(objects["Parameters"] as? [String: [String: Any]])
        XCTAssertEqual(parameters["SecretKey"]?["NoEcho"] as? Bool, true)
        XCTAssertNil(parameters["SecretKey"]?["Default"])
        XCTAssertEqual(parameters["ServerProtocol"]?["AllowedValues"] as? [String], ["HTTP", "HTTPS"])
        let location = try resource(objects, type: "AWS::DataSync::LocationObjectStorage")
        XCTAssertEqual(location["SecretKey"] as? [String: String], ["Ref": "SecretKey"])
        XCTAssertEqual(location["Subdirectory"] as? String, "/uploads")
        let task = try resource(objects, type: "AWS::DataSync::Task")
        let options = try XCTUnwrap(task["Options"] as? [String: String])
        XCTAssertEqual(options["VerifyMode"], "ONLY_FILES_TRANSFERRED")
        XCTAssertEqual(options["OverwriteMode"], "ALWAYS")
        XCTAssertEqual(options["PreserveDeletedFiles"], "PRESERVE")
        XCTAssertEqual(options["TransferMode"], "CHANGED")
        XCTAssertNotNil(task["CloudWatchLogGroupArn"])
        XCTAssertNotNil(try resource(objects, type: "AWS::DataSync::LocationS3")["S3Config"])
        XCTAssertTrue(plans[0].commands.contains { $0.contains("aws datasync start-task-execution") })
        XCTAssertTrue(plans[0].commands.contains { $0.hasPrefix("aws datasync describe-task-execution") })

        let directory = try template(plans[1])
        let nfs = try resource(directory, type: "AWS::DataSync::LocationNFS")
        XCTAssertEqual(nfs["Subdirectory"] as? [String: String], ["Ref": "Subdirectory"])
        XCTAssertNil((directory["Parameters"] as? [String: Any])?["SecretKey"])
    }

    func testS3BatchCopyJob() throws {
        let plan = Self.plans().first { $0.service == "S3 Batch Operations" }!
        XCTAssertEqual(plan.artifacts.map(\.fileName), ["s3-batch-copy-media.template.json", "s3-batch-copy-job.json"])
        let job = try json(plan.artifacts[1])
        let generator = try XCTUnwrap((job["ManifestGenerator"] as? [String: Any])?["S3JobManifestGenerator"] as? [String: Any])
        XCTAssertEqual(generator["SourceBucket"] as? String, "arn:aws:s3:::old-media")
        XCTAssertEqual(generator["EnableManifestOutput"] as? Bool, false)
        let filter = try XCTUnwrap(generator["Filter"] as? [String: Any])
        XCTAssertEqual((filter["KeyNameConstraint"] as? [String: [String]])?["MatchAnyPrefix"], ["public/"])
        let copy = try XCTUnwrap((job["Operation"] as? [String: Any])?["S3PutObjectCopy"] as? [String: String])
        XCTAssertEqual(copy["TargetResource"], "arn:aws:s3:::shop-media-bucket")
        XCTAssertEqual(copy["MetadataDirective"], "COPY")
        let report = try XCTUnwrap(job["Report"] as? [String: Any])
        XCTAssertEqual(report["ReportScope"] as? String, "FailedTasksOnly")
        XCTAssertEqual(report["Prefix"] as? String, "ferry-batch-reports")
        XCTAssertEqual(job["ConfirmationRequired"] as? Bool, false)
        let roleText = plan.artifacts[0].contents
        XCTAssertTrue(roleText.contains("batchoperations.s3.amazonaws.com"))
        XCTAssertTrue(roleText.contains("ferry-batch-reports/*"))
        XCTAssertTrue(plan.commands.contains { $0.contains("aws s3control create-job --cli-input-json file://s3-batch-copy-job.json") })
    }

    func testDynamoDBImportRequest() throws {
        let plans = Self.plans().filter { $0.kind == "dynamodb" }
        let request = try json(plans[0].artifacts[0])
        XCTAssertEqual(plans[0].artifacts[0].fileName, "import-table.json")
        XCTAssertEqual(request["InputFormat"] as? String, "DYNAMODB_JSON")
        XCTAssertEqual(request["InputCompressionType"] as? String, "GZIP")
        let creation = try XCTUnwrap(request["TableCreationParameters"] as? [String: Any])
        XCTAssertEqual(creation["TableName"] as? String, "shop-events-import")
        XCTAssertEqual(creation["BillingMode"] as? String, "PAY_PER_REQUEST")
        XCTAssertEqual(creation["KeySchema"] as? [[String: String]], [["AttributeName": "pk", "KeyType": "HASH"], ["AttributeName": "ts", "KeyType": "RANGE"]])
        XCTAssertEqual(creation["AttributeDefinitions"] as? [[String: String]], [["AttributeName": "pk", "AttributeType": "S"], ["AttributeName": "ts", "AttributeType": "N"]])
        XCTAssertTrue(plans[0].notes.contains { $0.contains("cannot load into an existing one") })
        XCTAssertTrue(plans[1].commands.first?.contains("export-table-to-point-in-time") ?? false)
        XCTAssertTrue(plans[1].commands.contains { $0.contains("--s3-bucket-source") })
    }

    /// No artifact or command holds a credential: secrets enter only through NoEcho parameters
    /// filled from the environment at run time.
    func testNoSecretValues() throws {
        for plan in Self.plans() {
            for artifact in plan.artifacts where artifact.fileName.hasSuffix(".template.json") {
                let t = try json(artifact)
                let parameters = t["Parameters"] as? [String: [String: Any]] ?? [:]
                for (name, parameter) in parameters where name.contains("Password") || name.contains("SecretKey") {
                    XCTAssertEqual(parameter["NoEcho"] as? Bool, true, "\(artifact.fileName) \(name)")
                    XCTAssertNil(parameter["Default"], "\(artifact.fileName) \(name)")
                }
                for (name, parameter) in parameters where parameter["NoEcho"] as? Bool == true {
                    XCTAssertNil(parameter["Default"], "\(artifact.fileName) \(name) has a default")
                }
            }
            let text = (plan.artifacts.map(\.contents) + plan.commands).joined(separator: "\n")
            XCTAssertNil(text.range(of: #"(Password|SecretKey|AccessKey)=[^"$]"#, options: .regularExpression), plan.service)
            XCTAssertFalse(text.contains("aws_secret_access_key"), plan.service)
        }
    }

    func testTemplatesPassCfnLint() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [URL] = []
        for (index, plan) in Self.plans().enumerated() {
            for artifact in plan.artifacts where artifact.fileName.hasSuffix(".template.json") {
                let url = directory.appendingPathComponent("\(index)-\(artifact.fileName)")
                try artifact.contents.write(to: url, atomically: true, encoding: .utf8)
                files.append(url)
            }
        }
        XCTAssertEqual(files.count, 6)
        let matches = try NativeTools.lint(files)
        for match in matches { print("cfn-lint: \(match)") }
        XCTAssertEqual(matches.filter { $0.Level == "Error" }.map(\.description), [])
    }

    func testCLIInputsMatchBotocoreModels() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var checked = 0
        for (index, plan) in Self.plans().enumerated() {
            for artifact in plan.artifacts {
                let operation: (String, String)
                switch artifact.fileName {
                case "s3-batch-copy-job.json": operation = ("s3control", "CreateJob")
                case "import-table.json": operation = ("dynamodb", "ImportTable")
                default: continue
                }
                let url = directory.appendingPathComponent("\(index)-\(artifact.fileName)")
                try artifact.contents.write(to: url, atomically: true, encoding: .utf8)
                let problem = try NativeTools.botocoreProblem(service: operation.0, operation: operation.1, document: url)
                XCTAssertNil(problem, "\(artifact.fileName): \(problem ?? "")")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 4)
    }
}
