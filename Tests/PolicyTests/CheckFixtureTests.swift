import Blueprint
@testable import Policy
import XCTest

/// One fixture per check: the hardened template passes every check; each case breaks one thing
/// and expects exactly its check to fire.
final class CheckFixtureTests: XCTestCase {
    typealias Change = (inout [String: [String: Any]]) -> Void

    func report(_ change: @escaping Change = { _ in }, tier: Tier = .prod, parameters: [String: Any]? = nil) throws -> PolicyReport {
        let template = try TemplateDocument(json: HardenedTemplate.json(change, parameters: parameters))
        return PolicyEngine().run(PolicyContext(blueprint: nil, template: template, tier: tier))
    }

    func testHardenedTemplatePassesEveryCheck() throws {
        let r = try report()
        XCTAssertEqual(r.findings.map { "\($0.finding.id) \($0.finding.subject): \($0.finding.message)" }, [])
        XCTAssertGreaterThanOrEqual(r.checks.count, 30)
    }

    func testEveryCheckHasFixtureAndMetadata() {
        let covered = Set(Self.cases.map(\.id))
        for check in PolicyPack.all {
            XCTAssertTrue(covered.contains(check.id), "no fixture for \(check.id)")
            XCTAssertFalse(check.title.isEmpty || check.fix.isEmpty || check.rationale.isEmpty, check.id)
            XCTAssertTrue(check.id.hasPrefix("FERRY-"), check.id)
        }
        XCTAssertEqual(Set(PolicyPack.all.map(\.id)).count, PolicyPack.all.count, "duplicate check ids")
    }

    func testEachFixtureFiresItsCheck() throws {
        for c in Self.cases {
            let r = try report(c.change, tier: c.tier, parameters: c.parameters)
            let ids = Set(r.findings.map(\.finding.id))
            XCTAssertTrue(ids.contains(c.id), "\(c.id) did not fire for its fixture: \(c.note)")
            XCTAssertEqual(ids.subtracting(c.alsoFires + [c.id]), [], "\(c.id) fixture fired other checks too")
        }
    }

    struct Case {
        var id: String
        var note: String
        var tier: Tier = .prod
        var alsoFires: Set<String> = []
        var parameters: [String: Any]? = nil
        var change: Change
    }

    static var cases: [Case] { [
        Case(id: "FERRY-DB-001", note: "public RDS") { $0.set("Database", "PubliclyAccessible", true) },
        Case(id: "FERRY-DB-002", note: "unencrypted RDS") { $0.set("Database", "StorageEncrypted", nil) },
        Case(id: "FERRY-DB-003", note: "no deletion protection", tier: .mvp) { $0.set("Database", "DeletionProtection", false) },
        Case(id: "FERRY-AUTH-001", note: "user pool unprotected at prod") { $0.set("Users", "DeletionProtection", "INACTIVE") },
        Case(id: "FERRY-DB-004", note: "no snapshot policy") { $0.setAttribute("Database", "DeletionPolicy", nil) },
        Case(id: "FERRY-DB-005", note: "single-AZ at prod") { $0.set("Database", "MultiAZ", false) },
        Case(id: "FERRY-CACHE-001", note: "cache at rest") { $0.set("Cache", "AtRestEncryptionEnabled", false) },
        Case(id: "FERRY-CACHE-002", note: "cache in transit") { $0.set("Cache", "TransitEncryptionEnabled", nil) },
        Case(id: "FERRY-CACHE-003", note: "cache auth") { $0.set("Cache", "AuthToken", nil) },
        Case(id: "FERRY-S3-001", note: "bucket encryption") { $0.set("DataBucket", "BucketEncryption", nil) },
        Case(id: "FERRY-S3-002", note: "public access") {
            $0.set("DataBucket", "PublicAccessBlockConfiguration", ["BlockPublicAcls": true, "BlockPublicPolicy": false])
        },
        Case(id: "FERRY-S3-003", note: "versioning") { $0.set("DataBucket", "VersioningConfiguration", nil) },
        Case(id: "FERRY-EFS-001", note: "unencrypted file system") { $0.set("Files", "Encrypted", false) },
        Case(id: "FERRY-EFS-002", note: "EFS volume without TLS") {
            $0.set("ApiTaskDefinition", "Volumes", [["Name": "efs-uploads", "EFSVolumeConfiguration": ["FilesystemId": ["Ref": "Files"]]]])
        },
        Case(id: "FERRY-DB-004", note: "file system without backups") { $0.set("Files", "BackupPolicy", ["Status": "DISABLED"]) },
        Case(id: "FERRY-LOG-001", note: "retention") { $0.set("ApiLogGroup", "RetentionInDays", nil) },
        Case(id: "FERRY-LOG-002", note: "log kms at prod") { $0.set("ApiLogGroup", "KmsKeyId", nil) },
        Case(id: "FERRY-IAM-001", note: "s3:*", alsoFires: []) {
            $0["ExtraPolicy"] = ["Type": "AWS::IAM::Policy", "Properties": ["PolicyName": "extra", "Roles": [["Ref": "ApiTaskRole"]],
                "PolicyDocument": ["Statement": [["Effect": "Allow", "Action": "s3:*", "Resource": ["Fn::GetAtt": ["DataBucket", "Arn"]]]]]]]
        },
        Case(id: "FERRY-IAM-002", note: "resource *") {
            $0["ExtraPolicy"] = ["Type": "AWS::IAM::Policy", "Properties": ["PolicyName": "extra", "Roles": [["Ref": "ApiTaskRole"]],
                "PolicyDocument": ["Statement": [["Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"]]]]]
        },
        Case(id: "FERRY-IAM-003", note: "passrole *", alsoFires: ["FERRY-IAM-002"]) {
            $0["ExtraPolicy"] = ["Type": "AWS::IAM::Policy", "Properties": ["PolicyName": "extra", "Roles": [["Ref": "ApiTaskRole"]],
                "PolicyDocument": ["Statement": [["Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"]]]]]
        },
        Case(id: "FERRY-IAM-004", note: "shared role") { $0.set("ApiTaskDefinition", "TaskRoleArn", ["Fn::GetAtt": ["ApiExecutionRole", "Arn"]]) },
        Case(id: "FERRY-NET-001", note: "public ip") {
            $0.set("ApiService", "NetworkConfiguration", ["AwsvpcConfiguration": ["AssignPublicIp": "ENABLED"]])
        },
        Case(id: "FERRY-NET-002", note: "postgres open") {
            $0["OpenIngress"] = ["Type": "AWS::EC2::SecurityGroupIngress", "Properties": [
                "GroupId": ["Ref": "AlbSecurityGroup"], "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "CidrIp": "0.0.0.0/0"]]
        },
        Case(id: "FERRY-ALB-001", note: "http forward") {
            $0.set("HttpListener", "DefaultActions", [["Type": "forward", "TargetGroupArn": ["Ref": "ApiTargetGroup"]]])
        },
        Case(id: "FERRY-ALB-002", note: "no certificate") { $0.set("HttpsListener", "Certificates", nil) },
        Case(id: "FERRY-ALB-003", note: "invalid headers") { $0.set("LoadBalancer", "LoadBalancerAttributes", []) },
        Case(id: "FERRY-WAF-001", note: "no waf at prod") { $0.removeValue(forKey: "WebAclAssociation") },
        Case(id: "FERRY-ECS-001", note: "privileged") { $0.container { $0["Privileged"] = true } },
        Case(id: "FERRY-ECS-002", note: "secret in env") {
            $0.container { $0["Environment"] = [["Name": "DB_PASSWORD", "Value": "hunter2"]] }
        },
        Case(id: "FERRY-ECS-003", note: "no health check on internal service") { $0.container { $0["HealthCheck"] = nil } },
        Case(id: "FERRY-ECS-004", note: "no logging") { $0.container { $0["LogConfiguration"] = nil } },
        Case(id: "FERRY-ECS-005", note: "no insights") { $0.set("Cluster", "ClusterSettings", nil) },
        Case(id: "FERRY-IMG-001", note: "latest") { $0.container { $0["Image"] = "nginx:latest" } },
        Case(id: "FERRY-ECR-001", note: "scan") { $0.set("ApiRepository", "ImageScanningConfiguration", nil) },
        Case(id: "FERRY-ECR-002", note: "mutable") { $0.set("ApiRepository", "ImageTagMutability", "MUTABLE") },
        Case(id: "FERRY-IOT-001", note: "iot *") {
            $0.set("DevicePolicy", "PolicyDocument", ["Statement": [["Effect": "Allow", "Action": "iot:*", "Resource": "*"]]])
        },
        Case(id: "FERRY-OBS-001", note: "alarm without action") { $0.set("Alb5xxAlarm", "AlarmActions", nil) },
        Case(id: "FERRY-TAG-001", note: "untagged") { $0.set("DataBucket", "Tags", nil) },
        Case(id: "FERRY-ENV-001", note: "dev bypass") {
            $0.container { $0["Environment"] = [["Name": "DEV_BYPASS_AUTH", "Value": "true"]] }
        },
        Case(id: "FERRY-ENV-002", note: "literal secret") {
            $0.set("JwtSecret", "SecretString", "change-me-in-production"); $0.set("JwtSecret", "GenerateSecretString", nil)
        },
    ] }

    func testTierGatesProtectionChecks() throws {
        // Dev tier accepts Single-AZ, no deletion protection and no WAF.
        let r = try report({
            $0.set("Database", "DeletionProtection", false)
            $0.set("Database", "MultiAZ", false)
            $0.removeValue(forKey: "WebAclAssociation")
            $0.set("ApiLogGroup", "KmsKeyId", nil)
        }, tier: .dev)
        XCTAssertEqual(r.findings.map(\.finding.id), [])
    }

    func testURLWithPasswordInPlainEnvIsFlaggedWithoutEchoingIt() throws {
        let r = try report { $0.container { $0["Environment"] = [["Name": "DATABASE_URL", "Value": "postgres://app:s3cr3t@db:5432/app"]] } }
        let f = try XCTUnwrap(r.findings.first { $0.finding.id == "FERRY-ECS-002" })
        XCTAssertFalse(f.finding.message.contains("s3cr3t"))
    }
}
