import Blueprint
import Foundation
import XCTest
@testable import Renderers

/// The renderer on hand-built Blueprints: content the issue requires, determinism, limits, cfn-lint.
final class CloudFormationRendererTests: XCTestCase {
    func testKitchenSinkRendersWithoutProblems() {
        let rendering = CloudFormationRenderer.render(CloudFormationFixtures.kitchenSink())
        XCTAssertEqual(rendering.problems, [])
        XCTAssertEqual(rendering.stacks.nested.count, 0)
        XCTAssertEqual(rendering.files.map(\.path), ["template.yaml", "parameters.json", "PARAMETERS.md", "README.md"])
    }

    func testOutputIsByteIdenticalAcrossRuns() {
        for blueprint in [CloudFormationFixtures.kitchenSink(), CloudFormationFixtures.manyServices(60)] {
            XCTAssertEqual(CloudFormationRenderer.render(blueprint).files, CloudFormationRenderer.render(blueprint).files)
        }
    }

    func testRequiredProductionSettings() throws {
        let template = CloudFormationRenderer.template(for: CloudFormationFixtures.kitchenSink()).template
        func resources(_ type: String) -> [CFNResource] { template.resources.values.filter { $0.type == type } }

        let services = resources("AWS::ECS::Service")
        XCTAssertEqual(services.count, 4)
        for service in services {
            XCTAssertEqual(service.properties["DeploymentConfiguration"], [
                "DeploymentCircuitBreaker": ["Enable": true, "Rollback": true], "MaximumPercent": 200, "MinimumHealthyPercent": 100,
            ])
            guard case .map(let network)? = service.properties["NetworkConfiguration"], case .map(let vpc)? = network["AwsvpcConfiguration"] else {
                return XCTFail("service without awsvpc configuration")
            }
            XCTAssertEqual(vpc["AssignPublicIp"], "DISABLED")
        }
        for definition in resources("AWS::ECS::TaskDefinition") {
            XCTAssertNotEqual(definition.properties["ExecutionRoleArn"], definition.properties["TaskRoleArn"])
        }
        XCTAssertEqual(template.resources["Cluster"]?.properties["ClusterSettings"], [["Name": "containerInsights", "Value": "enabled"]])
        for repository in resources("AWS::ECR::Repository") {
            XCTAssertEqual(repository.properties["ImageScanningConfiguration"], ["ScanOnPush": true])
            XCTAssertTrue(JSONEmitter.compact(repository.properties["LifecyclePolicy"]?.node ?? .null).contains("countNumber\\\":10"))
        }
        for database in resources("AWS::RDS::DBCluster") + resources("AWS::RDS::DBInstance").filter({ $0.properties["DBClusterIdentifier"] == nil }) {
            XCTAssertEqual(database.properties["ManageMasterUserPassword"], true)
            XCTAssertEqual(database.properties["StorageEncrypted"], true)
            XCTAssertEqual(database.deletionPolicy, "Snapshot")
            XCTAssertEqual(database.updateReplacePolicy, "Snapshot")
        }
        let cache = try XCTUnwrap(resources("AWS::ElastiCache::ReplicationGroup").first)
        XCTAssertEqual(cache.properties["TransitEncryptionEnabled"], true)
        XCTAssertEqual(cache.properties["AuthToken"], .sub("{{resolve:secretsmanager:${Secret}:SecretString}}", ["Secret": .ref("RedisAuthSecret")]))
        for bucket in resources("AWS::S3::Bucket") where bucket.properties["BucketName"] != nil {
            XCTAssertNotNil(bucket.properties["PublicAccessBlockConfiguration"])
            XCTAssertNotNil(bucket.properties["BucketEncryption"])
            XCTAssertEqual(bucket.properties["VersioningConfiguration"], ["Status": "Enabled"])
        }
        XCTAssertEqual(resources("AWS::DynamoDB::Table").first?.properties["BillingMode"], "PAY_PER_REQUEST")
        let https = try XCTUnwrap(template.resources["HttpsListener"])
        XCTAssertEqual(https.properties["Certificates"], [["CertificateArn": .ref("Certificate")]])
        XCTAssertEqual(resources("AWS::CloudWatch::Alarm").count, 5)
        XCTAssertNotNil(template.resources["Dashboard"])
        XCTAssertNotNil(template.resources["IoTDevicePolicy"])
        XCTAssertTrue(template.yaml().contains("${!iot:Connection.Thing.ThingName}"))
    }

    func testEveryTaggableResourceIsTagged() {
        let template = CloudFormationRenderer.template(for: CloudFormationFixtures.kitchenSink()).template
        for (id, resource) in template.resources where !Tagging.untaggable.contains(resource.type) {
            let key = Tagging.propertyName[resource.type] ?? "Tags"
            let tags = JSONEmitter.compact(resource.properties[key]?.node ?? .null)
            for expected in ["Project", "Environment", "ManagedBy"] {
                XCTAssertTrue(tags.contains(expected), "\(id) (\(resource.type)) lacks the \(expected) tag")
            }
        }
    }

    func testExistingInfrastructureBecomesParameters() throws {
        let rendering = CloudFormationRenderer.render(CloudFormationFixtures.existingInfrastructure())
        XCTAssertEqual(rendering.problems, [])
        let root = rendering.stacks.root
        for id in ["Vpc", "Cluster", "LoadBalancer", "PrivateSubnet1", "PrivateSubnet2"] {
            XCTAssertNotNil(root.parameters[id], id)
            XCTAssertNil(root.resources[id], id)
        }
        XCTAssertNil(root.resources["NatGateway1"])
        XCTAssertNil(root.parameters["PublicSubnet1"], "unused with an existing load balancer")
        let text = try XCTUnwrap(rendering.files.first { $0.path == "template.yaml" }?.contents)
        XCTAssertTrue(text.contains("RetentionInDays: 365"), "overlay applied")
        XCTAssertTrue(text.contains("CredentialsParameter"))
    }

    func testManyServicesSplitIntoNestedStacksWithinLimits() {
        let rendering = CloudFormationRenderer.render(CloudFormationFixtures.manyServices(60))
        XCTAssertEqual(rendering.problems, [])
        XCTAssertGreaterThan(rendering.stacks.nested.count, 60)
        XCTAssertLessThanOrEqual(rendering.stacks.root.resources.count, CFNTemplate.Limits.resources)
        XCTAssertTrue(rendering.files.contains { $0.path.hasPrefix("stacks/") })
        XCTAssertTrue(rendering.files.first { $0.path == "README.md" }?.contents.contains("aws cloudformation package") ?? false)
    }

    func testNoSecretValueInAnyFile() {
        // Secret values never enter the Blueprint, so a rendering can only leak what a renderer invents:
        // generated secrets must be generated by Secrets Manager, never written as literals.
        let rendering = CloudFormationRenderer.render(CloudFormationFixtures.kitchenSink())
        let template = rendering.stacks.root
        for resource in template.resources.values where resource.type == "AWS::SecretsManager::Secret" {
            if case .string? = resource.properties["SecretString"] { XCTFail("literal SecretString") }
        }
    }

    func testFixturesPassCfnLint() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-cfn-fixtures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var templates: [URL] = []
        for (name, blueprint) in [("kitchen", CloudFormationFixtures.kitchenSink()), ("many", CloudFormationFixtures.manyServices(60)),
                                  ("existing", CloudFormationFixtures.existingInfrastructure())] {
            templates += try CloudFormationLint.write(CloudFormationRenderer.render(blueprint), to: directory.appendingPathComponent(name))
        }
        try CloudFormationLint.assertClean(templates)
    }
}

/// Writes renderings and checks cfn-lint's verdict: no errors, and only warnings docs/CFN_LINT.md accepts.
enum CloudFormationLint {
    static func write(_ rendering: CloudFormationRenderer.Rendering, to directory: URL) throws -> [URL] {
        var templates: [URL] = []
        for file in rendering.files {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
            if file.path.hasSuffix(".yaml") { templates.append(url) }
        }
        return templates
    }

    static func assertClean(_ templates: [URL], file: StaticString = #filePath, line: UInt = #line) throws {
        let matches = try CloudFormationTestTools.lint(templates)
        let accepted = CloudFormationTestTools.acceptedWarnings()
        let errors = matches.filter { $0.Level == "Error" }
        let unlisted = matches.filter { $0.Level != "Error" && !accepted.contains($0.Rule.Id) }
        XCTAssertEqual(errors.count, 0, "cfn-lint errors:\n" + errors.prefix(40).map(\.description).joined(separator: "\n"), file: file, line: line)
        XCTAssertEqual(unlisted.count, 0, "cfn-lint warnings not listed in docs/CFN_LINT.md:\n"
            + unlisted.prefix(40).map(\.description).joined(separator: "\n"), file: file, line: line)
    }
}

extension CloudFormationRendererTests {
    /// A store whose plan chose generated credentials gets the template's secret by dynamic reference,
    /// never `ManageMasterUserPassword`, and consumers read that secret's ARN.
    func testGeneratedCredentialsReplaceTheManagedPassword() throws {
        var blueprint = CloudFormationFixtures.kitchenSink()
        for index in blueprint.dataStores.indices where blueprint.dataStores[index].kind == .auroraPostgresql {
            blueprint.dataStores[index].credentials = .template
        }
        let store = try XCTUnwrap(blueprint.dataStores.first { $0.kind == .auroraPostgresql })
        let rendering = CloudFormationRenderer.render(blueprint)
        XCTAssertEqual(rendering.problems, [])
        let template = rendering.stacks.root
        let database = try XCTUnwrap(template.resources.values.first { $0.type == "AWS::RDS::DBCluster" })
        XCTAssertNil(database.properties["ManageMasterUserPassword"])
        let secretID = CFNNames(blueprint).secret(try XCTUnwrap(store.credentialsSecret))
        XCTAssertEqual(database.properties["MasterUserPassword"],
                       .sub("{{resolve:secretsmanager:${Secret}:SecretString:password}}", ["Secret": .ref(secretID)]))
        XCTAssertEqual(template.resources[secretID]?.type, "AWS::SecretsManager::Secret")
        let databaseID = CFNNames(blueprint).dataStore(store)
        let managedReads = template.resources.values.flatMap(\.references)
            .filter { $0.target == databaseID && $0.attribute == "MasterUserSecret.SecretArn" }
        XCTAssertEqual(managedReads, [], "a consumer still reads the RDS-managed secret")
    }
}

extension CloudFormationRendererTests {
    /// A custom domain: with the hosted zone parameter the certificate validates itself and the domain
    /// is an alias of the load balancer; without it both are left to a person (the stack still deploys).
    func testCustomDomainGetsValidationAndAliasRecordWhenTheZoneIsGiven() throws {
        let template = CloudFormationRenderer.template(for: CloudFormationFixtures.kitchenSink()).template
        XCTAssertEqual(template.parameters["HostedZoneId"]?.defaultValue, "")
        XCTAssertEqual(template.conditions["HasHostedZone"], .not(.equals(.ref("HostedZoneId"), "")))
        let certificate = try XCTUnwrap(template.resources["Certificate"])
        XCTAssertEqual(certificate.properties["DomainValidationOptions"],
                       .if("HasHostedZone", [["DomainName": "app.example.com", "HostedZoneId": .ref("HostedZoneId")]], .noValue))
        let record = try XCTUnwrap(template.resources["DomainRecord"])
        XCTAssertEqual(record.type, "AWS::Route53::RecordSet")
        XCTAssertEqual(record.condition, "HasHostedZone")
        XCTAssertEqual(record.properties["Name"], "app.example.com")
        XCTAssertEqual(record.properties["AliasTarget"], [
            "DNSName": .getAtt("LoadBalancer", "DNSName"),
            "HostedZoneId": .getAtt("LoadBalancer", "CanonicalHostedZoneID"),
            "EvaluateTargetHealth": true,
        ])
    }
}
