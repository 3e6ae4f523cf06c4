import AWSKit
import AWSTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// `ferry run` against a real moto_server: a stack with a Batch compute environment, queue and job
/// definition; the job is found by its compose name, submitted with the command given after `--`, and
/// followed to its end. moto runs the job without Docker (its documented `batch.use_docker: false`
/// configuration), so it succeeds at once and writes no logs.
final class RunCommandTests: XCTestCase {
    var moto: MotoServer!

    override func setUp() async throws {
        guard let tool = MotoServer.locate(repoRoot: FirstDeployTests.repo) else {
            let message = "moto_server not found (run scripts/setup-test-tools.sh)"
            if ProcessInfo.processInfo.environment["CI"].map({ !$0.isEmpty }) ?? false { XCTFail("CI: \(message)") }
            throw XCTSkip(message)
        }
        moto = try await MotoServer(executable: tool)
        try await configureBatchWithoutDocker()
    }

    override func tearDown() { moto?.stop() }

    func configureBatchWithoutDocker() async throws {
        var request = URLRequest(url: URL(string: moto.endpoint + "/moto-api/config")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"batch": {"use_docker": false}}"#.utf8)
        _ = try await URLSession.shared.data(for: request)
    }

    static let template = """
    {"Resources": {
      "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
      "Private1": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24"}},
      "BatchInstancesSecurityGroup": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "batch", "VpcId": {"Ref": "Vpc"}}},
      "BatchInstanceRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
      "BatchInstanceInstanceProfile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": [{"Ref": "BatchInstanceRole"}]}},
      "BatchOnDemandComputeEnvironment": {"Type": "AWS::Batch::ComputeEnvironment", "Properties": {"Type": "MANAGED", "State": "ENABLED",
        "ComputeResources": {"Type": "EC2", "MinvCpus": 0, "MaxvCpus": 16, "InstanceTypes": ["m6i"], "Subnets": [{"Ref": "Private1"}],
          "SecurityGroupIds": [{"Fn::GetAtt": ["BatchInstancesSecurityGroup", "GroupId"]}],
          "InstanceRole": {"Fn::GetAtt": ["BatchInstanceInstanceProfile", "Arn"]}}}},
      "BatchJobQueue": {"Type": "AWS::Batch::JobQueue", "Properties": {"Priority": 1, "State": "ENABLED",
        "ComputeEnvironmentOrder": [{"Order": 1, "ComputeEnvironment": {"Ref": "BatchOnDemandComputeEnvironment"}}]}},
      "AppTrainingJobDefinition": {"Type": "AWS::Batch::JobDefinition", "Properties": {"Type": "container",
        "ContainerProperties": {"Image": "public.ecr.aws/docker/library/python:3.12-slim",
          "ResourceRequirements": [{"Type": "VCPU", "Value": "4"}, {"Type": "MEMORY", "Value": "16384"}]},
        "RetryStrategy": {"Attempts": 3}}}
    }}
    """

    func deployStack(_ name: String) async throws {
        let cloudFormation = CloudFormationClient(client: moto.client())
        let (id, _) = try await cloudFormation.createChangeSet(stackName: name, changeSetName: "create", type: "CREATE",
                                                               template: .body(Self.template), parameters: [],
                                                               capabilities: ["CAPABILITY_IAM"], tags: [], clientToken: UUID().uuidString)
        for _ in 0..<50 where try await cloudFormation.describeChangeSet(id, stackName: name).status != "CREATE_COMPLETE" {
            try await Task.sleep(for: .milliseconds(100))
        }
        try await cloudFormation.executeChangeSet(id, stackName: name, clientToken: UUID().uuidString)
        for _ in 0..<100 {
            let status = try await cloudFormation.describeStack(name)?.status ?? ""
            if status == "CREATE_COMPLETE" { return }
            XCTAssertFalse(status.hasSuffix("FAILED") || status.contains("ROLLBACK"), "stack \(status): \(moto.log().suffix(2000))")
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTFail("the stack never completed")
    }

    /// ferry against this test's moto; `command` goes after `--`.
    func ferry(_ args: [String], command: [String] = []) throws -> FerryExecutable.Run {
        try FerryExecutable.run(args + ["--endpoint-url", moto.endpoint.replacingOccurrences(of: "127.0.0.1", with: "localhost"), "--region", "us-east-1"]
                                + (command.isEmpty ? [] : ["--"] + command),
                                environment: [
            "AWS_ACCESS_KEY_ID": moto.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.credentials.secretAccessKey,
            "AWS_REGION": nil, "AWS_DEFAULT_REGION": nil, "AWS_PROFILE": nil, "AWS_SESSION_TOKEN": nil,
        ])
    }

    func testRunSubmitsTheJobWithTheCommandAndFollowsItToTheEnd() async throws {
        try await deployStack("lab-dev")
        let run = try ferry(["run", "app-training", "--stack-name", "lab-dev", "--interval", "1"], command: ["python", "train.py", "--epochs", "1"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("submitted app-training as job "), run.stdout)
        XCTAssertTrue(run.stdout.contains("[SUCCEEDED]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("app-training succeeded"), run.stdout)
    }

    func testAJobWithoutACommandOrAnUnknownJobIsRefusedClearly() async throws {
        try await deployStack("lab-dev")
        let bare = try ferry(["run", "app-training", "--stack-name", "lab-dev"])
        XCTAssertEqual(bare.status, 1, bare.stderr)
        XCTAssertTrue(bare.stderr.contains("has no command") && bare.stderr.contains("ferry run app-training -- python train.py"), bare.stderr)
        let unknown = try ferry(["run", "nightly", "--stack-name", "lab-dev"])
        XCTAssertEqual(unknown.status, 1, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("no Batch job 'nightly'") && unknown.stderr.contains("app-training"), unknown.stderr)
        let noStack = try ferry(["run", "app-training", "--stack-name", "missing-stack"])
        XCTAssertEqual(noStack.status, 1, noStack.stderr)
        XCTAssertTrue(noStack.stderr.contains("missing-stack"), noStack.stderr)
    }
}
