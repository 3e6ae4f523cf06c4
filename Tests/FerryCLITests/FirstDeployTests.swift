import AWSKit
import AWSTestSupport
import Foundation
import XCTest

/// A newcomer's first deploy of the shop example against a real moto_server, end to end through the
/// `ferry` executable: mvp without a certificate stops before anything exists (exit 2), dev deploys
/// with no parameters over HTTP, then `verify`, `logs` and `rollback` on that stack.
final class FirstDeployTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var moto: MotoServer!
    var project: URL!

    override func setUp() async throws {
        guard let tool = MotoServer.locate(repoRoot: Self.repo) else {
            let message = "moto_server not found (run scripts/setup-test-tools.sh)"
            if ProcessInfo.processInfo.environment["CI"].map({ !$0.isEmpty }) ?? false { XCTFail("CI: \(message)") }
            throw XCTSkip(message)
        }
        moto = try await MotoServer(executable: tool, environment: ["MOTO_ECS_SERVICE_RUNNING": "1"])
        // A copy: deploys keep their templates under the project's .ferry/.
        project = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-first-deploy-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.repo.appendingPathComponent("examples/shop"), to: project)
    }

    override func tearDown() {
        moto?.stop()
        if let project { try? FileManager.default.removeItem(at: project) }
    }

    /// ferry against this test's moto with its credentials, on the copy of the shop example.
    func ferry(_ args: [String]) throws -> FerryExecutable.Run {
        try ferryRaw(["--project-directory", project.path] + args
                     + ["--endpoint-url", moto.endpoint.replacingOccurrences(of: "127.0.0.1", with: "localhost"), "--region", "us-east-1"])
    }

    func testMVPWithoutCertificateStopsBeforeAnythingIsCreated() async throws {
        let run = try ferry(["deploy", "--tier", "mvp", "--yes", "--stack-name", "shop-mvp"])
        XCTAssertEqual(run.status, 2, run.stderr)
        for expected in ["CertificateArn is required", "nothing was created", "x-ferry.domain", "x-ferry.certificate", "--allow-http", "--parameters"] {
            XCTAssertTrue(run.stderr.contains(expected), "missing \(expected):\n\(run.stderr)")
        }
        let cloudFormation = CloudFormationClient(client: moto.client())
        let stack = try await cloudFormation.describeStack("shop-mvp")
        XCTAssertNil(stack, "no stack record may exist")
        let account = try await STSClient(client: moto.client()).getCallerIdentity().account
        let staged = try await S3Client(client: moto.client()).bucketExists("ferry-templates-\(account)-us-east-1")
        XCTAssertFalse(staged, "no staging bucket may exist")

        // A malformed value is caught the same way, without echoing it.
        let bad = try ferry(["deploy", "--tier", "mvp", "--yes", "--stack-name", "shop-mvp", "--parameters", #"{"CertificateArn": "not-an-arn-value"}"#])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("an ACM certificate ARN"), bad.stderr)
        XCTAssertFalse(bad.stderr.contains("not-an-arn-value"))
    }

    func testDevDeploysWithoutParametersThenVerifyLogsAndRollback() async throws {
        let stackName = "shop-dev"
        let first = try ferry(["deploy", "--tier", "dev", "--yes", "--stack-name", stackName])
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        XCTAssertTrue(first.stdout.contains("CREATE_COMPLETE"), first.stdout)
        XCTAssertTrue(first.stdout.contains("serves plain HTTP"), first.stdout)
        XCTAssertTrue(first.stdout.contains("docker push") && first.stdout.contains("docker login"), "push commands are printed:\n\(first.stdout)")
        XCTAssertTrue(first.stdout.contains("StartBuiltServices=false"), first.stdout)
        let client = moto.client()
        let template = try await CloudFormationClient(client: client).getTemplate(stackName)
        XCTAssertFalse(template.contains("CertificateArn"))

        // What `docker push` does, through ECR's own API; the next deploy finds the images and starts the services.
        let repositories = try await CloudFormationClient(client: client).listStackResources(stackName)
            .filter { $0.resourceType == "AWS::ECR::Repository" }.compactMap(\.physicalID)
        XCTAssertEqual(repositories.count, 4, "\(repositories)")
        for repository in repositories {
            for tag in ["latest", "v2"] { try await MotoCalls.putImage(client, repository: repository, tag: tag) }
        }
        let start = try ferry(["deploy", "--tier", "dev", "--yes", "--stack-name", stackName])
        XCTAssertEqual(start.status, 0, start.stdout + start.stderr)
        XCTAssertTrue(start.stdout.contains("UPDATE_COMPLETE"), start.stdout)
        XCTAssertFalse(start.stdout.contains("docker push"), "no image is missing any more:\n\(start.stdout)")

        // Before the images, logs and secrets are there, verify fails and says why.
        let early = try ferry(["verify", "--stack-name", stackName])
        XCTAssertEqual(early.status, 1, early.stdout + early.stderr)
        XCTAssertTrue(early.stdout.contains("FAIL"), early.stdout)

        // What running tasks and a person would do: containers log, placeholder secrets get their values.
        let inventory = try await CloudFormationClient(client: client).listStackResources(stackName)
        let logGroups = inventory.filter { $0.resourceType == "AWS::Logs::LogGroup" }.compactMap(\.physicalID)
        XCTAssertFalse(logGroups.isEmpty)
        for group in logGroups { try await MotoCalls.putLogEvent(client, group: group, message: "listening on :3000 (\(group))") }
        let secretValue = "moto-secret-\(UUID().uuidString)"
        for secret in inventory.filter({ $0.resourceType == "AWS::SecretsManager::Secret" }).compactMap(\.physicalID) {
            try await MotoCalls.putSecretValue(client, secret: secret, value: secretValue)
        }
        let site = try await LoopbackHTTPServer { _ in .text(200, "ok") }
        let verified = try ferry(["verify", "--stack-name", stackName, "--url", site.baseURL, "--format", "json"])
        XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["passed"] as? Bool, true)
        let checks = Set(((report["results"] as? [[String: Any]]) ?? []).compactMap { $0["check"] as? String })
        XCTAssertTrue(checks.isSuperset(of: ["stack", "service", "http", "secret", "parameter", "logs"]), "\(checks)")
        XCTAssertFalse(verified.stdout.contains(secretValue), "verify never prints a secret value")

        let logs = try ferry(["logs", "web", "--stack-name", stackName, "--since", "1h"])
        XCTAssertEqual(logs.status, 0, logs.stderr)
        XCTAssertTrue(logs.stdout.contains("listening on :3000"), logs.stdout)

        // A second image tag, then back to the first through a change set.
        let second = try ferry(["deploy", "--tier", "dev", "--yes", "--stack-name", stackName, "--parameters", #"{"WebImageTag": "v2"}"#])
        XCTAssertEqual(second.status, 0, second.stdout + second.stderr)
        let back = try ferry(["rollback", "web", "--yes", "--stack-name", stackName])
        XCTAssertEqual(back.status, 0, back.stdout + back.stderr)
        XCTAssertTrue(back.stdout.contains("WebImageTag=latest"), back.stdout)
        let image = try await MotoCalls.serviceImage(client, stackName: stackName, logicalID: "WebService")
        XCTAssertTrue(image.hasSuffix(":latest"), image)

        // A certificate later: port 80 becomes a redirect to a new HTTPS listener in a normal update.
        let certificate = try await MotoCalls.requestCertificate(client, domain: "shop.example.com")
        let compose = project.appendingPathComponent("compose.yaml")
        let text = try String(contentsOf: compose, encoding: .utf8)
        try (text + "\nx-ferry:\n  certificate: \(certificate)\n").write(to: compose, atomically: true, encoding: .utf8)
        let https = try ferry(["deploy", "--tier", "dev", "--yes", "--stack-name", stackName])
        XCTAssertEqual(https.status, 0, https.stdout + https.stderr)
        XCTAssertTrue(https.stdout.contains("UPDATE_COMPLETE"), https.stdout)
        XCTAssertTrue(https.stdout.contains("HttpsListener"), https.stdout)
        XCTAssertFalse(https.stdout.contains("serves plain HTTP"), https.stdout)
        let upgraded = try await CloudFormationClient(client: client).getTemplate(stackName)
        XCTAssertTrue(upgraded.contains("HTTP_301"), "port 80 redirects")

        // The whole stack back to the template before the last deploy (kept under .ferry/deployments).
        let whole = try ferry(["rollback", "--no-execute", "--stack-name", stackName])
        XCTAssertEqual(whole.status, 0, whole.stdout + whole.stderr)
        XCTAssertTrue(whole.stdout.contains("HttpsListener"), "the change set shows the HTTPS listener going:\n\(whole.stdout)")
        XCTAssertTrue(whole.stdout.contains("was not executed"), whole.stdout)
    }

    /// ECS and target states moto never produces (tasks stopped with a reason, unhealthy targets),
    /// answered by the fault-injecting proxy as the services document them.
    func testVerifyReportsStoppedTasksAndUnhealthyTargetsFromTheFaultProxy() async throws {
        let stackName = "shop-faults"
        let deploy = try ferry(["deploy", "--tier", "dev", "--yes", "--stack-name", stackName])
        XCTAssertEqual(deploy.status, 0, deploy.stdout + deploy.stderr)
        let proxy = try await FaultProxy(upstream: moto.endpoint) { _, request in
            let target = request.header("X-Amz-Target") ?? ""
            let body = String(decoding: request.body, as: UTF8.self)
            if target.hasSuffix(".DescribeServices") {
                return .answer(status: 200, body: #"{"services":[{"serviceArn":"arn:aws:ecs:us-east-1:123456789012:service/c/web","serviceName":"web","status":"ACTIVE","desiredCount":1,"runningCount":0,"pendingCount":0,"taskDefinition":"arn:aws:ecs:us-east-1:123456789012:task-definition/web:1","deployments":[{"status":"PRIMARY","rolloutState":"FAILED"}]}]}"#, contentType: "application/x-amz-json-1.1")
            }
            if target.hasSuffix(".ListTasks") {
                return .answer(status: 200, body: #"{"taskArns":["arn:aws:ecs:us-east-1:123456789012:task/c/0a1b"]}"#, contentType: "application/x-amz-json-1.1")
            }
            if target.hasSuffix(".DescribeTasks") {
                return .answer(status: 200, body: #"{"tasks":[{"taskArn":"arn:aws:ecs:us-east-1:123456789012:task/c/0a1b","stoppedReason":"CannotPullContainerError: pull image manifest has been retried 5 time(s)","containers":[{"name":"web","reason":"CannotPullContainerError","exitCode":null}]}]}"#, contentType: "application/x-amz-json-1.1")
            }
            if body.contains("Action=DescribeTargetHealth") {
                return .answer(status: 200, body: """
                <DescribeTargetHealthResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><DescribeTargetHealthResult><TargetHealthDescriptions><member><Target><Id>10.0.10.5</Id><Port>3000</Port></Target><TargetHealth><State>unhealthy</State><Reason>Target.ResponseCodeMismatch</Reason><Description>Health checks failed with these codes: [404]</Description></TargetHealth></member></TargetHealthDescriptions></DescribeTargetHealthResult><ResponseMetadata><RequestId>fault</RequestId></ResponseMetadata></DescribeTargetHealthResponse>
                """, contentType: "text/xml")
            }
            return nil
        }
        var args = ["--project-directory", project.path, "verify", "--stack-name", stackName]
        args += ["--endpoint-url", proxy.endpoint, "--region", "us-east-1"]
        let run = try ferryRaw(args)
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("0/1 running"), run.stdout)
        XCTAssertTrue(run.stdout.contains("CannotPullContainerError"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Target.ResponseCodeMismatch"), run.stdout)
    }

    func testMVPWithAllowHTTPDeploysAndVerifyReportsAnAlarmInAlarm() async throws {
        let stackName = "shop-mvp-http"
        let deploy = try ferry(["deploy", "--tier", "mvp", "--allow-http", "--yes", "--stack-name", stackName])
        XCTAssertEqual(deploy.status, 0, deploy.stdout + deploy.stderr)
        XCTAssertTrue(deploy.stdout.contains("warning: the load balancer serves plain HTTP"), deploy.stdout)
        let client = moto.client()
        let alarms = try await CloudFormationClient(client: client).listStackResources(stackName)
            .filter { $0.resourceType == "AWS::CloudWatch::Alarm" }.compactMap(\.physicalID).sorted()
        let alarm = try XCTUnwrap(alarms.first, "the mvp tier has alarms")
        try await MotoCalls.setAlarmState(client, alarm: alarm, state: "ALARM")
        let run = try ferry(["verify", "--stack-name", stackName, "--format", "json"])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let results = (report["results"] as? [[String: Any]]) ?? []
        XCTAssertTrue(results.contains { $0["check"] as? String == "alarm" && $0["subject"] as? String == alarm && $0["status"] as? String == "fail" }, run.stdout)
        XCTAssertTrue(results.contains { $0["check"] as? String == "alarm" && $0["status"] as? String == "pass" }, "the others are not in ALARM")
    }

    func testBuildWithoutADockerDaemonSaysSoAndCreatesNothing() async throws {
        let run = try ferry(["deploy", "--tier", "dev", "--build", "--yes", "--stack-name", "shop-build"])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        XCTAssertTrue(run.stderr.contains("no Docker daemon is reachable") || run.stderr.contains("docker CLI, which was not found"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Nothing was built or deployed"), run.stderr)
        let stack = try await CloudFormationClient(client: moto.client()).describeStack("shop-build")
        XCTAssertNil(stack)
    }

    /// `ferry` with exactly these arguments (no endpoint added).
    func ferryRaw(_ args: [String]) throws -> FerryExecutable.Run {
        try FerryExecutable.run(args, environment: [
            "AWS_ACCESS_KEY_ID": moto.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.credentials.secretAccessKey,
            "AWS_REGION": nil, "AWS_DEFAULT_REGION": nil, "AWS_PROFILE": nil, "AWS_SESSION_TOKEN": nil,
        ])
    }
}

/// Real moto API calls a test makes to stand in for running containers and a person's actions.
enum MotoCalls {
    static let secrets = AWSService(endpointEnvironmentID: "SECRETS_MANAGER", signingName: "secretsmanager", endpointPrefix: "secretsmanager", signingOptions: .standard)

    struct Empty: Decodable {}

    static func putLogEvent(_ client: AWSClient, group: String, message: String) async throws {
        struct Stream: Encodable { var logGroupName: String; var logStreamName: String }
        struct Put: Encodable {
            struct E: Encodable { var timestamp: Int64; var message: String }
            var logGroupName: String; var logStreamName: String; var logEvents: [E]
        }
        _ = try await client.send(JSONProtocol.request(service: .cloudWatchLogs, version: "1.1", targetPrefix: "Logs_20140328",
                                                       operation: "CreateLogStream", body: Stream(logGroupName: group, logStreamName: "task/1")))
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        _ = try await client.send(JSONProtocol.request(service: .cloudWatchLogs, version: "1.1", targetPrefix: "Logs_20140328",
                                                       operation: "PutLogEvents",
                                                       body: Put(logGroupName: group, logStreamName: "task/1", logEvents: [.init(timestamp: now, message: message)])))
    }

    static func putSecretValue(_ client: AWSClient, secret: String, value: String) async throws {
        struct Put: Encodable { var SecretId: String; var SecretString: String }
        _ = try await client.send(JSONProtocol.request(service: secrets, version: "1.1", targetPrefix: "secretsmanager",
                                                       operation: "PutSecretValue", body: Put(SecretId: secret, SecretString: value)))
    }

    static func setAlarmState(_ client: AWSClient, alarm: String, state: String) async throws {
        let cloudWatch = AWSService(endpointEnvironmentID: "CLOUDWATCH", signingName: "monitoring", endpointPrefix: "monitoring", signingOptions: .standard)
        _ = try await client.send(QueryProtocol.request(service: cloudWatch, action: "SetAlarmState", version: "2010-08-01",
                                                        parameters: [("AlarmName", alarm), ("StateValue", state), ("StateReason", "test: threshold crossed")]))
    }

    static func requestCertificate(_ client: AWSClient, domain: String) async throws -> String {
        struct Request: Encodable { var DomainName: String; var ValidationMethod = "DNS" }
        struct Response: Decodable { var CertificateArn: String }
        let acm = AWSService(endpointEnvironmentID: "ACM", signingName: "acm", endpointPrefix: "acm", signingOptions: .standard)
        let response = try await client.send(JSONProtocol.request(service: acm, version: "1.1", targetPrefix: "CertificateManager",
                                                                  operation: "RequestCertificate", body: Request(DomainName: domain)))
        return try JSONProtocol.decode(Response.self, from: response).CertificateArn
    }

    static func putImage(_ client: AWSClient, repository: String, tag: String) async throws {
        struct Put: Encodable { var repositoryName: String; var imageManifest: String; var imageTag: String }
        let manifest = #"{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":2,"digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},"layers":[]}"#
        _ = try await client.send(JSONProtocol.request(service: .ecr, version: "1.1", targetPrefix: "AmazonEC2ContainerRegistry_V20150921",
                                                       operation: "PutImage", body: Put(repositoryName: repository, imageManifest: manifest, imageTag: tag)))
    }

    static func serviceImage(_ client: AWSClient, stackName: String, logicalID: String) async throws -> String {
        let resources = try await CloudFormationClient(client: client).listStackResources(stackName)
        guard let arn = resources.first(where: { $0.logicalID == logicalID })?.physicalID,
              let (cluster, service) = ECSClient.clusterAndService(fromServiceARN: arn) else { return "" }
        let ecs = ECSClient(client: client)
        guard let state = try await ecs.services(cluster: cluster, names: [service]).first else { return "" }
        return try await ecs.taskDefinition(state.taskDefinition).images.values.sorted().first ?? ""
    }
}
