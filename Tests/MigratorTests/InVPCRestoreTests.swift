import AWSTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import AWSKit
@testable import Migrator

/// `ferry migrate postgres --in-vpc`: the AWS calls against a real moto_server (migration bucket,
/// task definition, RunTask, DescribeTasks, the task's log, clean-up) and the data path against real
/// PostgreSQL servers. moto records tasks but runs no container, so `ContainerStandIn` plays the
/// container's part: it reads the task definition moto holds, resolves its secrets from moto's
/// Secrets Manager, runs its containers' commands here (the fetch: wget of the presigned URL and tar;
/// the restore: pg_restore, the checks), writes their output to moto's CloudWatch Logs and stops the task. It is the one stand-in here, and
/// only for what no emulator does.
final class InVPCRestoreTests: XCTestCase {
    /// moto 5.2 miscomputes the signature of a query value holding `/`, and a presigned URL's
    /// X-Amz-Credential always holds some: this moto does not check signatures (presigning is checked
    /// against AWS's own example in SigV4S3ExamplesTests).
    static let moto = SharedMotoServer(checkSignatures: false)
    override class func tearDown() { moto.stop(); super.tearDown() }

    static let ec2 = AWSService(endpointEnvironmentID: "EC2", signingName: "ec2", endpointPrefix: "ec2", signingOptions: .standard)

    func testDumpRestoredAndCheckedFromATaskInTheVPC() async throws {
        let server = try await Self.moto.get { try TestEnvironment.motoServer() }
        let client = server.client(region: "eu-west-1")
        // moto advances a task one lifecycle state per look by default (RUNNING → … → STOPPED with no
        // reason), so a restore slower than a few polls would "stop" on its own: tasks stay RUNNING
        // until StopTask, as on ECS.
        var manual = URLRequest(url: URL(string: server.endpoint + "/moto-api/state-manager/set-transition")!)
        manual.httpMethod = "POST"
        manual.setValue("application/json", forHTTPHeaderField: "Content-Type")
        manual.httpBody = Data(#"{"model_name": "ecs::task", "transition": {"progression": "manual", "times": 1000000}}"#.utf8)
        _ = try await URLSession.shared.data(for: manual)
        let source = try PostgresServer()
        defer { source.stop() }
        let target = try PostgresServer(ssl: true)
        defer { target.stop() }
        try source.sql(#"""
            CREATE TABLE public.boards (id bigserial PRIMARY KEY, title text, meta jsonb);
            INSERT INTO public.boards (title, meta) SELECT 'b' || i, jsonb_build_object('i', i) FROM generate_series(1, 2000) i;
            CREATE SCHEMA audit;
            CREATE TABLE audit."Log|Entries" (at int, what text);
            INSERT INTO audit."Log|Entries" SELECT i, repeat('y', i % 9) FROM generate_series(1, 500) i;
            """#)
        try target.sql("CREATE TABLE public.boards (id int, title text); INSERT INTO public.boards VALUES (1, 'stale');")

        // The stack's side, as a deployed stack has it.
        let stack = try await Self.stackResources(client)
        let secret = try await Self.secret(client, username: "postgres", password: "pw-never-printed")

        let dir = try TestEnvironment.temporaryDirectory()
        func migration() throws -> PostgresInVPC {
            let store = try CheckpointStore(path: dir.appendingPathComponent("vpc.sqlite").path, identity: "postgres-in-vpc|test")
            var task = RestoreTask(client: client, stack: stack, family: "board-migration", checkpoints: store)
            task.pollInterval = 0.2
            task.timeout = 120
            return PostgresInVPC(source: try PostgresConnection(url: source.url), host: "127.0.0.1", port: target.port, database: "postgres",
                                 credentialsSecretARN: secret, image: "postgres:15-alpine", jobs: 2,
                                 workDirectory: dir.appendingPathComponent("vpc.d").path, checkpoints: store, task: task)
        }
        let standIn = Task { try await ContainerStandIn(client: client, cluster: stack.cluster, logGroup: stack.logGroup).serve(tasks: 1) }
        let summary = try await migration().run(progress: SilentProgress())
        _ = try await standIn.value
        XCTAssertTrue(summary.verified, "\(summary.notes)")
        XCTAssertEqual(summary.items, 3, "two tables and one sequence")
        XCTAssertEqual(try target.sql("SELECT count(*) FROM public.boards").trimmingCharacters(in: .whitespacesAndNewlines), "2000")
        XCTAssertEqual(try target.sql(#"SELECT count(*) FROM audit."Log|Entries""#).trimmingCharacters(in: .whitespacesAndNewlines), "500")

        // Nothing is left behind: the bucket with the dump is gone and the task definition deregistered.
        let s3 = S3Client(client: client)
        let leftovers = try await s3.listBuckets().filter { $0.hasPrefix("ferry-migration-") }
        XCTAssertEqual(leftovers, [])
        struct Describe: Encodable { var taskDefinition: String }
        struct Described: Decodable { struct T: Decodable { var status: String? }; var taskDefinition: T }
        let definition = try await ECSClient(client: client).call("DescribeTaskDefinition", Describe(taskDefinition: "board-migration:1"), as: Described.self)
        XCTAssertEqual(definition.taskDefinition.status, "INACTIVE", "deregistered after the run")

        // A rerun finds the verified copy and starts no task.
        let again = try await migration().run(progress: SilentProgress())
        XCTAssertTrue(again.verified)
        XCTAssertEqual(again.skipped, 3)
        XCTAssertEqual(again.checksum, summary.checksum)

        // The source changed: a fresh dump goes through a new task. Here the restore fails in the task
        // (its database is missing there): the error says so, no password is in it, and nothing is left behind.
        try source.sql("INSERT INTO public.boards (title) VALUES ('new')")
        let failing = Task { try await ContainerStandIn(client: client, cluster: stack.cluster, logGroup: stack.logGroup,
                                                        environment: { $0["PGDATABASE"] = "missing" }).serve(tasks: 1) }
        do {
            _ = try await migration().run(progress: SilentProgress())
            XCTFail("a restore that fails in the task must fail")
        } catch let error as MigrationError {
            XCTAssertTrue(error.description.contains("without finishing"), error.description)
            XCTAssertFalse(error.description.contains("pw-never-printed"))
        }
        _ = try await failing.value
        let remaining = try await s3.listBuckets().filter { $0.hasPrefix("ferry-migration-") }
        XCTAssertEqual(remaining, [])
    }

    func testStackOutputsNameWhereTheTaskRuns() throws {
        let placement = try XCTUnwrap(ECSClient.NetworkPlacement(shorthand: "awsvpcConfiguration={subnets=[subnet-a,subnet-b],securityGroups=[sg-1],assignPublicIp=DISABLED}"))
        XCTAssertEqual(placement.subnets, ["subnet-a", "subnet-b"])
        XCTAssertEqual(placement.securityGroups, ["sg-1"])
        XCTAssertNil(ECSClient.NetworkPlacement(shorthand: "awsvpcConfiguration={subnets=[],securityGroups=[sg-1]}"))
        let lines = ["noise", "FERRY-CHECK|audit.Log|Entries|500|abc", "FERRY-CHECK|sequence public.s|0|42"]
        XCTAssertEqual(PostgresInVPC.parseChecks(lines), [PostgresMigrator.TableCheck(name: "audit.Log|Entries", rows: 500, checksum: "abc"),
                                                          PostgresMigrator.TableCheck(name: "sequence public.s", rows: 0, checksum: "42")])
    }

    // MARK: the stack's side in moto

    static func stackResources(_ client: AWSClient) async throws -> RestoreTask.Stack {
        func ec2(_ action: String, _ parameters: [(String, String)]) async throws -> XMLTree {
            try XMLTree.parse(try await client.send(QueryProtocol.request(service: InVPCRestoreTests.ec2, action: action, version: "2016-11-15", parameters: parameters)).body)
        }
        let vpc = try await ec2("CreateVpc", [("CidrBlock", "10.40.0.0/16")]).find("vpcId")?.text ?? ""
        let subnet = try await ec2("CreateSubnet", [("VpcId", vpc), ("CidrBlock", "10.40.1.0/24")]).find("subnetId")?.text ?? ""
        let group = try await ec2("CreateSecurityGroup", [("GroupName", "db-clients-\(UUID().uuidString.prefix(6))"), ("GroupDescription", "tasks"), ("VpcId", vpc)])
            .find("groupId")?.text ?? ""
        let cluster = "board-\(UUID().uuidString.prefix(6).lowercased())"
        struct CreateCluster: Encodable { var clusterName: String }
        struct Empty: Decodable {}
        _ = try await ECSClient(client: client).call("CreateCluster", CreateCluster(clusterName: cluster), as: Empty.self)
        return RestoreTask.Stack(cluster: cluster, placement: .init(subnets: [subnet], securityGroups: [group]),
                                 executionRoleARN: "arn:aws:iam::123456789012:role/board-execution", logGroup: "/ferry/board/api")
    }

    static func secret(_ client: AWSClient, username: String, password: String) async throws -> String {
        struct Create: Encodable { var Name: String; var SecretString: String }
        struct Created: Decodable { var ARN: String }
        let body = String(decoding: try JSONEncoder().encode(["username": username, "password": password]), as: UTF8.self)
        let response = try await client.send(JSONProtocol.request(service: .secretsManager, version: "1.1", targetPrefix: "secretsmanager",
                                                                  operation: "CreateSecret", body: Create(Name: "board-db-\(UUID().uuidString.prefix(6))", SecretString: body)))
        return try JSONProtocol.decode(Created.self, from: response).ARN
    }
}

/// Plays the container of the tasks moto records (see `InVPCRestoreTests`).
struct ContainerStandIn: Sendable {
    var client: AWSClient
    var cluster: String
    var logGroup: String
    /// Changes the container's environment before it runs (to make a restore fail).
    var environment: (@Sendable (inout [String: String]) -> Void)?

    init(client: AWSClient, cluster: String, logGroup: String, environment: (@Sendable (inout [String: String]) -> Void)? = nil) {
        self.client = client
        self.cluster = cluster
        self.logGroup = logGroup
        self.environment = environment
    }

    struct Empty: Decodable {}

    func ecs<Body: Encodable, Output: Decodable>(_ operation: String, _ body: Body, as: Output.Type) async throws -> Output {
        try await ECSClient(client: client).call(operation, body, as: Output.self)
    }

    /// A log call; CreateLogGroup and CreateLogStream of what exists already fail, which is fine here.
    func logs<Body: Encodable>(_ operation: String, _ body: Body) async throws {
        let request = try JSONProtocol.request(service: .cloudWatchLogs, version: "1.1", targetPrefix: "Logs_20140328", operation: operation, body: body)
        _ = try? await client.send(request)
    }

    /// Waits for `tasks` tasks to start, runs each one's command and stops it.
    func serve(tasks: Int) async throws {
        struct List: Encodable { var cluster: String; var desiredStatus = "RUNNING" }
        struct Listed: Decodable { var taskArns: [String]? }
        var served = 0
        let deadline = Date().addingTimeInterval(120)
        while served < tasks, Date() < deadline {
            let running = try await ecs("ListTasks", List(cluster: cluster), as: Listed.self).taskArns ?? []
            guard let arn = running.first else { try await Task.sleep(for: .milliseconds(200)); continue }
            try await play(arn)
            served += 1
        }
    }

    /// Runs the task's containers in their order, each once those it depends on exited 0, as ECS
    /// starts them; the volume they share is the same directory here (this machine's /tmp/ferry).
    func play(_ arn: String) async throws {
        struct Describe: Encodable { var cluster: String; var tasks: [String] }
        struct Described: Decodable { struct T: Decodable { var taskDefinitionArn: String }; var tasks: [T] }
        struct DefinitionInput: Encodable { var taskDefinition: String }
        struct Definition: Decodable {
            struct T: Decodable {
                struct C: Decodable {
                    struct V: Decodable { var name: String; var value: String }
                    struct S: Decodable { var name: String; var valueFrom: String }
                    struct D: Decodable { var containerName: String; var condition: String }
                    var name: String; var command: [String]; var environment: [V]?; var secrets: [S]?; var dependsOn: [D]?
                }
                var containerDefinitions: [C]
            }
            var taskDefinition: T
        }
        let definitionARN = try await ecs("DescribeTasks", Describe(cluster: cluster, tasks: [arn]), as: Described.self).tasks[0].taskDefinitionArn
        let containers = try await ecs("DescribeTaskDefinition", DefinitionInput(taskDefinition: definitionARN), as: Definition.self).taskDefinition.containerDefinitions
        var exited: [String: Int32] = [:]
        for container in containers {
            guard (container.dependsOn ?? []).allSatisfy({ exited[$0.containerName] == 0 }) else { continue }
            var environment = ["PATH": "/usr/lib/postgresql/15/bin:/usr/bin:/bin", "HOME": "/tmp"]
            for v in container.environment ?? [] { environment[v.name] = v.value }
            for s in container.secrets ?? [] { environment[s.name] = try await secretValue(s.valueFrom) }
            self.environment?(&environment)
            let (status, output) = try Self.shell(container.command[0], environment: environment)
            exited[container.name] = status
            try await writeLog(output, stream: "\(RestoreTask.streamPrefix)/\(container.name)/\(arn.split(separator: "/").last ?? "")")
        }
        struct Stop: Encodable { var cluster: String; var task: String; var reason: String }
        _ = try await ecs("StopTask", Stop(cluster: cluster, task: arn, reason: "Essential container in task exited"), as: Empty.self)
    }

    /// The container's output as awslogs keeps it: one event per line.
    func writeLog(_ output: String, stream: String) async throws {
        struct Group: Encodable { var logGroupName: String }
        struct Stream: Encodable { var logGroupName: String; var logStreamName: String }
        struct Put: Encodable { struct E: Encodable { var timestamp: Int64; var message: String }; var logGroupName: String; var logStreamName: String; var logEvents: [E] }
        try await logs("CreateLogGroup", Group(logGroupName: logGroup))
        try await logs("CreateLogStream", Stream(logGroupName: logGroup, logStreamName: stream))
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let lines = output.split(separator: "\n").map(String.init)
        guard !lines.isEmpty else { return }
        try await logs("PutLogEvents", Put(logGroupName: logGroup, logStreamName: stream,
                                       logEvents: lines.enumerated().map { .init(timestamp: now + Int64($0.offset), message: $0.element) }))
    }

    /// `arn:…:secret:NAME-AbCdEf:password::` → that JSON key of the secret's value.
    func secretValue(_ valueFrom: String) async throws -> String {
        let parts = valueFrom.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let arn = parts.prefix(7).joined(separator: ":"), key = parts.count > 7 ? parts[7] : ""
        struct Get: Encodable { var SecretId: String }
        struct Got: Decodable { var SecretString: String }
        let response = try await client.send(JSONProtocol.request(service: .secretsManager, version: "1.1", targetPrefix: "secretsmanager",
                                                                  operation: "GetSecretValue", body: Get(SecretId: arn)))
        let value = try JSONProtocol.decode(Got.self, from: response).SecretString
        guard !key.isEmpty else { return value }
        let object = try JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String: String]
        return object?[key] ?? ""
    }

    /// Runs `sh -c command` with exactly `environment`: its exit status, and stdout and stderr together, as awslogs keeps them.
    static func shell(_ command: String, environment: [String: String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
