@testable import AWSKit
import AWSTestSupport
import Foundation
import XCTest
@testable import Deployer

/// Nested stacks: relative `TemplateURL`s are found, uploaded and rewritten; a missing one is refused
/// before anything reaches AWS; and a root with a nested stack deploys on a real moto_server.
final class NestedTemplatesTests: XCTestCase {
    func testRelativeURLsAreFoundAndRewrittenInYAMLAndJSON() {
        let yaml = "Resources:\n  A:\n    Properties:\n      TemplateURL: stacks/A.yaml\n  B:\n    Properties:\n      TemplateURL: \"stacks/B.yaml\"\n  C:\n    Properties:\n      TemplateURL: https://bucket.s3.amazonaws.com/c.yaml\n"
        XCTAssertEqual(NestedTemplates.relativePaths(in: yaml), ["stacks/A.yaml", "stacks/B.yaml"])
        let rewritten = NestedTemplates.rewrite(yaml, urls: ["stacks/A.yaml": "https://x/a", "stacks/B.yaml": "https://x/b"])
        XCTAssertTrue(rewritten.contains("TemplateURL: https://x/a\n"), rewritten)
        XCTAssertTrue(rewritten.contains("TemplateURL: \"https://x/b\""), rewritten)
        XCTAssertTrue(rewritten.contains("TemplateURL: https://bucket.s3.amazonaws.com/c.yaml"))
        let json = #"{"Resources":{"A":{"Type":"AWS::CloudFormation::Stack","Properties":{"TemplateURL":"stacks/A.yaml"}}}}"#
        XCTAssertEqual(NestedTemplates.relativePaths(in: json), ["stacks/A.yaml"])
        XCTAssertEqual(NestedTemplates.rewrite(json, urls: ["stacks/A.yaml": "https://x/a"]),
                       #"{"Resources":{"A":{"Type":"AWS::CloudFormation::Stack","Properties":{"TemplateURL":"https://x/a"}}}}"#)
    }

    func testMissingNestedTemplateIsRefusedBeforeAnyCall() async throws {
        // No server: the refusal must come before the first request.
        let client = AWSClient(region: "us-east-1",
                               credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")),
                               endpoints: EndpointResolver(explicitURL: "http://127.0.0.1:9", environment: [:]), retry: RetryStrategy(maxAttempts: 1))
        let deployer = Deployer(client: client, terminal: RecordingTerminal())
        do {
            _ = try await deployer.deploy(DeployRequest(stackName: "s", templateText: Self.root(child: "Child"), templatePath: "template.yaml", yes: true))
            XCTFail("deploy without the nested template should fail")
        } catch let error as DeployError {
            XCTAssertTrue(error.description.contains("template.yaml: nested template stacks/Child.yaml was not given"), error.description)
        }
    }

    /// Uploads and rewrite against moto, then the rewritten root through a change set: moto creates the
    /// nested stack from the uploaded copy. (The full `deploy` is not driven here: moto's ValidateTemplate
    /// runs cfn-lint, whose W3002 rejects the `http://` object URLs a local emulator serves; real S3
    /// URLs are `https://` and pass.)
    func testUploadedNestedTemplatesCreateTheNestedStackOnMoto() async throws {
        let moto = try await MotoServer(executable: try TestEnvironment.motoServer())
        defer { moto.stop() }
        // moto reads a TemplateURL path-style only when its host is "localhost" (still 127.0.0.1 here).
        let client = moto.client(endpoint: "http://localhost:\(moto.port)")
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let child = "Child" + suffix.filter(\.isLetter)
        let stackName = "ferry-nested-\(suffix)"
        let terminal = RecordingTerminal()
        let stager = TemplateStager(s3: S3Client(client: client), sts: STSClient(client: client))
        let urls = try await stager.stageNested(["stacks/Child.yaml": Self.child], stackName: stackName, terminal: terminal)
        let account = try await STSClient(client: client).getCallerIdentity().account
        let bucket = TemplateStager.bucketName(account: account, region: "us-east-1")
        let url = try XCTUnwrap(urls["stacks/Child.yaml"])
        XCTAssertTrue(url.hasPrefix("http://localhost:\(moto.port)/\(bucket)/templates/\(stackName)/"), url)
        let root = NestedTemplates.rewrite(Self.root(child: child), urls: urls)
        XCTAssertTrue(root.contains("TemplateURL: \(url)"), root)

        let cloudFormation = CloudFormationClient(client: client)
        let created = try await cloudFormation.createChangeSet(stackName: stackName, changeSetName: "ferry-test", type: "CREATE", template: .body(root),
                                                               parameters: [], capabilities: [], tags: [], clientToken: UUID().uuidString)
        for _ in 0..<100 where try await cloudFormation.describeChangeSet(created.id, stackName: stackName).status != "CREATE_COMPLETE" {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await cloudFormation.executeChangeSet(created.id, stackName: stackName, clientToken: UUID().uuidString)
        var status: String?
        for _ in 0..<100 {
            status = try await cloudFormation.describeStack(stackName)?.status
            if status?.hasSuffix("_COMPLETE") == true || status?.hasSuffix("_FAILED") == true { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTAssertEqual(status, "CREATE_COMPLETE")
        let resource = try await cloudFormation.listStackResources(stackName).first { $0.logicalID == child }
        XCTAssertEqual(resource?.resourceType, "AWS::CloudFormation::Stack")
        let nested = try await cloudFormation.describeStack(try XCTUnwrap(resource?.physicalID))
        XCTAssertEqual(nested?.status, "CREATE_COMPLETE")
    }

    static func root(child: String) -> String {
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Description: ferry nested deploy test
        Resources:
          \(child):
            Type: AWS::CloudFormation::Stack
            Properties:
              TemplateURL: stacks/Child.yaml
              Parameters:
                TopicName: \(child.lowercased())-topic

        """
    }

    static let child = """
        AWSTemplateFormatVersion: "2010-09-09"
        Description: nested child
        Parameters:
          TopicName:
            Type: String
        Resources:
          Alerts:
            Type: AWS::SNS::Topic
            Properties:
              TopicName: !Ref TopicName

        """
}
