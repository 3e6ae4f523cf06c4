import AWSTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import AWSKit
@testable import Migrator

/// `ferry migrate mysql --in-vpc` as `InVPCRestoreTests` checks the Postgres one: the AWS calls against a
/// real moto_server, the data path against real MariaDB servers (the target over TLS only), and
/// `ContainerStandIn`, the one stand-in, playing the task's containers moto does not run.
final class MySQLInVPCTests: XCTestCase {
    static let moto = SharedMotoServer(checkSignatures: false)
    override class func tearDown() { moto.stop(); super.tearDown() }

    /// moto's tasks stay RUNNING until StopTask, as on ECS (see `InVPCRestoreTests`).
    static func motoWithManualTasks() async throws -> MotoServer {
        let server = try await moto.get { try TestEnvironment.motoServer() }
        var manual = URLRequest(url: URL(string: server.endpoint + "/moto-api/state-manager/set-transition")!)
        manual.httpMethod = "POST"
        manual.setValue("application/json", forHTTPHeaderField: "Content-Type")
        manual.httpBody = Data(#"{"model_name": "ecs::task", "transition": {"progression": "manual", "times": 1000000}}"#.utf8)
        _ = try await URLSession.shared.data(for: manual)
        return server
    }

    /// The source with `MySQLMigratorTests.schema` (a trigger, a view, a procedure, a MyISAM table, a name
    /// with a backtick and a space); the target, TLS only, with a stale table of the same name.
    static func servers() throws -> (source: MariaDBServer, target: MariaDBServer) {
        let source = try MariaDBServer()
        let target = try MariaDBServer(ssl: true)
        try source.rootSQL(MySQLMigratorTests.schema, database: "app")
        try target.rootSQL("CREATE TABLE boards (id INT, title VARCHAR(10)); INSERT INTO boards VALUES (1, 'stale');", database: "app")
        return (source, target)
    }

    func testDumpRestoredAndCheckedFromATaskInTheVPC() async throws {
        let server = try await Self.motoWithManualTasks()
        let client = server.client(region: "eu-west-1")
        let (source, target) = try Self.servers()
        defer { source.stop(); target.stop() }
        let stack = try await InVPCRestoreTests.stackResources(client)
        let secret = try await InVPCRestoreTests.secret(client, username: "app", password: target.password)

        let dir = try TestEnvironment.temporaryDirectory()
        func migration() throws -> MySQLInVPC {
            let store = try CheckpointStore(path: dir.appendingPathComponent("vpc.sqlite").path, identity: "mysql-in-vpc|test")
            var task = RestoreTask(client: client, stack: stack, family: "board-migration", checkpoints: store)
            task.pollInterval = 0.2
            task.timeout = 120
            return MySQLInVPC(source: try MySQLConnection(url: source.url()), host: "127.0.0.1", port: target.port, database: "app",
                              credentialsSecretARN: secret, image: "mariadb:10.11", jobs: 2,
                              workDirectory: dir.appendingPathComponent("vpc.d").path, checkpoints: store, task: task)
        }
        let image = try await MySQLInVPC.defaultImage(try MySQLConnection(url: source.url()))
        XCTAssertTrue(image.hasPrefix("mariadb:10."), image)

        let standIn = Task { try await ContainerStandIn(client: client, cluster: stack.cluster, logGroup: stack.logGroup).serve(tasks: 1) }
        let summary = try await migration().run(progress: SilentProgress())
        _ = try await standIn.value
        XCTAssertTrue(summary.verified, "\(summary.notes)")
        XCTAssertEqual(summary.items, 6)
        XCTAssertEqual(summary.failed, 0)
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM boards"), "2000")
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM audit"), "5000", "loading cards fired no trigger")
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = 'app'"), "1")
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM `odd ``name`"), "2")
        XCTAssertTrue(summary.notes.contains { $0.contains("legacy uses MyISAM") }, "\(summary.notes)")
        let leftovers = try await S3Client(client: client).listBuckets().filter { $0.hasPrefix("ferry-migration-") }
        XCTAssertEqual(leftovers, [])

        // A rerun finds the verified copy and starts no task.
        let again = try await migration().run(progress: SilentProgress())
        XCTAssertTrue(again.verified)
        XCTAssertEqual(again.skipped, 6)
        XCTAssertEqual(again.checksum, summary.checksum)

        // The source changed: a fresh dump through a new task, whose restore fails there (its database is
        // missing): the error says so, no password is in it, nothing is left behind.
        try source.rootSQL("INSERT INTO boards (title) VALUES ('new')", database: "app")
        let failing = Task { try await ContainerStandIn(client: client, cluster: stack.cluster, logGroup: stack.logGroup,
                                                        environment: { $0["FERRY_DB_NAME"] = "missing" }).serve(tasks: 1) }
        do {
            _ = try await migration().run(progress: SilentProgress())
            XCTFail("a restore that fails in the task must fail")
        } catch let error as MigrationError {
            XCTAssertTrue(error.description.contains("without finishing"), error.description)
            XCTAssertFalse(error.description.contains(target.password))
            XCTAssertFalse(error.description.contains(source.password))
        }
        _ = try await failing.value
        let remaining = try await S3Client(client: client).listBuckets().filter { $0.hasPrefix("ferry-migration-") }
        XCTAssertEqual(remaining, [])
        XCTAssertFalse(try Self.files(under: dir).contains { $0.contains(target.password) }, "the target's password is in no file of the run")
    }

    /// `ferry migrate mysql --in-vpc` from the command line, everything from the stack's outputs (a stack in
    /// moto holding them). The target keeps a view the source lacks: the objects differ, the run says so
    /// and exits 1, and neither password is in its output.
    func testTheCommandReportsADifferenceAndExitsOne() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let server = try await Self.motoWithManualTasks()
        let client = server.client(region: "us-east-1")
        let (source, target) = try Self.servers()
        defer { source.stop(); target.stop() }
        try target.rootSQL("CREATE VIEW only_here AS SELECT 1 AS one", database: "app")
        let stack = try await InVPCRestoreTests.stackResources(client)
        let secret = try await InVPCRestoreTests.secret(client, username: "app", password: target.password)
        let stackName = "board-\(UUID().uuidString.prefix(6).lowercased())"
        let outputs = [("ClusterName", stack.cluster), ("DbEndpoint", "127.0.0.1:\(target.port)"),
                       ("DbMigrationNetwork", "awsvpcConfiguration={subnets=[\(stack.placement.subnets[0])],securityGroups=[\(stack.placement.securityGroups[0])],assignPublicIp=DISABLED}"),
                       ("DbMigrationExecutionRole", stack.executionRoleARN), ("DbMigrationLogGroup", stack.logGroup), ("DbCredentialsSecret", secret)]
        let template = #"{"Resources": {"Handle": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}, "Outputs": {"#
            + outputs.map { #""\#($0.0)": {"Value": "\#($0.1)"}"# }.joined(separator: ", ") + "}}"
        let created = try await client.send(QueryProtocol.request(service: .cloudFormation, action: "CreateStack", version: "2010-05-15",
                                                                  parameters: [("StackName", stackName), ("TemplateBody", template)]))
        _ = try QueryProtocol.result(created, action: "CreateStack")

        let dir = try TestEnvironment.temporaryDirectory()
        let ferry = FerryProcess(binary: binary, moto: server, directory: dir)
        let standIn = Task { try await ContainerStandIn(client: client, cluster: stack.cluster, logGroup: stack.logGroup).serve(tasks: 1) }
        let run = try await Task.detached {
            try ferry.run(["migrate", "mysql", "--from", source.url(), "--in-vpc", "--image", "mariadb:10.11", "--stack-name", stackName,
                           "--endpoint-url", server.endpoint, "--jobs", "2", "--yes", "--format", "json", "--checkpoint-dir", dir.path])
        }.value
        _ = try await standIn.value
        XCTAssertEqual(run.status, 1, run.err)
        let summary = try JSONDecoder().decode(MigrationSummary.self, from: Data(run.out.utf8))
        XCTAssertFalse(summary.verified)
        XCTAssertEqual(summary.failed, 1, "\(summary.notes)")
        XCTAssertTrue(summary.notes.contains { $0.hasPrefix(MySQLVerification.objectsCheck + ": source 3 rows") && $0.contains("target 4 rows") }, "\(summary.notes)")
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM cards"), "5000", "the rows arrived; only the objects differ")
        for password in [source.password, target.password] {
            XCTAssertFalse((run.out + run.err).contains(password), "a password is never printed")
        }
    }

    /// Every file's text under `directory` (the checkpoint, the dump, the scripts).
    static func files(under directory: URL) throws -> [String] {
        let paths = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        return paths.compactMap { try? String(contentsOfFile: directory.appendingPathComponent($0).path, encoding: .isoLatin1) }
    }

    func testTaskLinesAreMatchedToTheSourceChecksByNumber() {
        let names = ["a|b", "c", MySQLVerification.objectsCheck]
        let lines = ["noise", "FERRY-CHECK|0|12|abc", "FERRY-CHECK|2|3|def", "FERRY-CHECK|1|-1|failed", "FERRY-CHECK|7|1|x"]
        XCTAssertEqual(MySQLInVPC.parseChecks(lines, names: names), [
            MySQLVerification.Check(name: "a|b", rows: 12, checksum: "abc"),
            MySQLVerification.Check(name: MySQLVerification.objectsCheck, rows: 3, checksum: "def"),
            MySQLVerification.Check(name: "c", rows: -1, checksum: "failed"),
        ])
    }
}
