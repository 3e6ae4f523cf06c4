import Foundation
import XCTest
@testable import Migrator

/// `ferry migrate mysql` from the command line between real MariaDB servers: the JSON summary, errors,
/// the source and init scripts read from a compose project, and kill -9 at random points then a rerun.
final class MigrateMySQLCommandTests: XCTestCase {
    static let shared = SharedMariaDB()
    override class func tearDown() { shared.stop(); super.tearDown() }

    func setUpDatabases(rows: Int = 3000, tables: Int = 8) throws -> (MariaDBServer, MariaDBServer, String) {
        let servers = try Self.shared.get()
        let db = "db_\(UUID().uuidString.prefix(6).lowercased())"
        for server in servers { try server.rootSQL("CREATE DATABASE `\(db)`") }
        var sql = ""
        for t in 0..<tables {
            sql += "CREATE TABLE t\(t) (id INT PRIMARY KEY, v VARCHAR(64), n DOUBLE NULL) ENGINE=InnoDB;"
            sql += "INSERT INTO t\(t) SELECT seq, MD5(seq * \(t + 1)), IF(seq % 5 = 0, NULL, seq / 3) FROM seq_1_to_\(rows + t * 500);"
        }
        try servers[0].rootSQL(sql, database: db)
        return (servers[0], servers[1], db)
    }

    func testTheCommandMovesAndVerifies() throws {
        let binary = try TestEnvironment.ferryBinary()
        let (source, target, db) = try setUpDatabases(rows: 200, tables: 2)
        let dir = try TestEnvironment.temporaryDirectory()
        let ferry = FerryProcess(binary: binary, moto: nil, directory: dir)
        let run = try ferry.run(["migrate", "mysql", "--from", source.url(db), "--to", target.url(db), "--jobs", "2", "--yes",
                                 "--format", "json", "--checkpoint-dir", dir.path])
        XCTAssertEqual(run.status, 0, run.err)
        let summary = try JSONDecoder().decode(MigrationSummary.self, from: Data(run.out.utf8))
        XCTAssertTrue(summary.verified)
        XCTAssertEqual(summary.items, 2)
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM t1", database: db), "700")
        XCTAssertFalse((run.out + run.err).contains(source.password), "the password is never printed")

        let wrong = try ferry.run(["migrate", "mysql", "--from", source.url(db, password: "not-this-pw"), "--to", target.url(db), "--yes",
                                   "--checkpoint-dir", dir.path])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.err.contains("access denied for user app at 127.0.0.1:\(source.port)"), wrong.err)
        XCTAssertFalse(wrong.err.contains("not-this-pw"), wrong.err)
        XCTAssertFalse(wrong.err.contains("Fatal error"), wrong.err)
    }

    /// Without --from the source is the compose project's MariaDB service (published port, MARIADB_* env);
    /// its mounted init scripts run against the target first, once; a shell script is reported.
    func testSourceAndInitScriptsFromTheComposeProject() throws {
        let binary = try TestEnvironment.ferryBinary()
        let (source, target, db) = try setUpDatabases(rows: 100, tables: 1)
        let project = try TestEnvironment.temporaryDirectory()
        try FileManager.default.createDirectory(at: project.appendingPathComponent("initdb"), withIntermediateDirectories: true)
        try "CREATE TABLE seen_init (x INT); INSERT INTO seen_init VALUES (1);".write(to: project.appendingPathComponent("initdb/01-seed.sql"), atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho hi\n".write(to: project.appendingPathComponent("initdb/02-users.sh"), atomically: true, encoding: .utf8)
        try """
            services:
              db:
                image: mariadb:11
                environment:
                  MARIADB_USER: app
                  MARIADB_PASSWORD: "\(source.password)"
                  MARIADB_DATABASE: \(db)
                ports: ["\(source.port):3306"]
                volumes:
                  - ./initdb:/docker-entrypoint-initdb.d:ro
            """.write(to: project.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        let ferry = FerryProcess(binary: binary, moto: nil, directory: project)
        let arguments = ["migrate", "mysql", "--to", target.url(db), "--yes", "--format", "json"]
        let run = try ferry.run(arguments)
        XCTAssertEqual(run.status, 0, run.err)
        let summary = try JSONDecoder().decode(MigrationSummary.self, from: Data(run.out.utf8))
        XCTAssertEqual(summary.source, "mysql://app@127.0.0.1:\(source.port)/\(db)")
        XCTAssertTrue(summary.notes.contains { $0.contains("02-users.sh") && $0.contains("by hand") }, "\(summary.notes)")
        XCTAssertTrue(summary.notes.contains { $0.contains("01-seed.sql: run against the target") }, "\(summary.notes)")
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM seen_init", database: db), "1")
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.appendingPathComponent(".ferry/migrations").path))
        let again = try ferry.run(arguments)
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM seen_init", database: db), "1", "an init script runs once")

        // `migrate plan` names the same source, without its password.
        let plan = try ferry.run(["migrate", "plan"])
        XCTAssertEqual(plan.status, 0, plan.err)
        XCTAssertTrue(plan.out.contains("ferry migrate mysql --from mysql://app@127.0.0.1:\(source.port)/\(db) --to"), plan.out)
        XCTAssertFalse(plan.out.contains(source.password), plan.out)
        // It measured the running source (its one table) with the service's password, and
        // a downtime budget shorter than the estimate sends the database to the DMS path.
        XCTAssertTrue(plan.out.contains(" in 1 table, about "), plan.out)
        let budget = try ferry.run(["migrate", "plan", "--format", "json", "--downtime-budget", "1s"])
        XCTAssertEqual(budget.status, 0, budget.err)
        XCTAssertFalse(budget.out.contains(source.password), budget.out)
        struct Plan: Decodable {
            struct Native: Decodable { var service: String; var directory: String; var files: [String] }
            struct Step: Decodable { var kind: String; var size: SourceSize?; var beyondOneMachine: [String]?; var native: Native? }
            var steps: [Step]
        }
        let step = try XCTUnwrap(try JSONDecoder().decode(Plan.self, from: Data(budget.out.utf8)).steps.first { $0.kind == "database" })
        XCTAssertEqual(step.size?.count, 1)
        XCTAssertGreaterThan(step.size?.bytes ?? 0, 0)
        XCTAssertTrue(step.beyondOneMachine?.first?.contains("longer than the downtime budget (1 s)") ?? false, "\(String(describing: step.beyondOneMachine))")
        // The DMS path is written beside the checkpoints, ready to deploy, without the password.
        let native = try XCTUnwrap(step.native)
        XCTAssertEqual(native.service, "AWS DMS (full load + CDC)")
        XCTAssertEqual(native.files, ["README.md", "dms-db.template.json"])
        XCTAssertTrue(native.directory.hasSuffix(".ferry/migrations/native/mysql-db"), native.directory)
        for file in native.files {
            let text = try String(contentsOfFile: (native.directory as NSString).appendingPathComponent(file), encoding: .utf8)
            XCTAssertFalse(text.contains(source.password), file)
        }
        let offline = try ferry.run(["migrate", "plan", "--offline"])
        XCTAssertFalse(offline.out.contains("size:"), offline.out)
    }

    /// kill -9 at random points (FERRY_KILL_TRIALS, default 3), then a rerun: exit 0, verified, every
    /// table's rows equal to the source's (0 lost, 0 duplicated).
    func testKillNineAtRandomPointsThenRerun() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let (source, target, db) = try setUpDatabases(rows: 20000, tables: 8)
        let dir = try TestEnvironment.temporaryDirectory()
        let ferry = FerryProcess(binary: binary, moto: nil, directory: dir)
        // How long an uninterrupted run takes, to spread the kill points over it.
        let timed = Date()
        let full = try ferry.run(["migrate", "mysql", "--from", source.url(db), "--to", target.url(db), "--yes", "--jobs", "4",
                                  "--checkpoint-dir", dir.appendingPathComponent("timing").path])
        XCTAssertEqual(full.status, 0, full.err)
        let duration = Date().timeIntervalSince(timed)
        var generator = SystemRandomNumberGenerator()
        var landed = 0
        for trial in 0..<KillTrials.count {
            let copy = "\(db)_k\(trial)"
            try target.rootSQL("CREATE DATABASE `\(copy)`")
            let arguments = ["migrate", "mysql", "--from", source.url(db), "--to", target.url(copy), "--yes", "--jobs", "4",
                             "--format", "json", "--checkpoint-dir", dir.appendingPathComponent("trial-\(trial)").path]
            let at = Double.random(in: 0.05...(max(0.1, duration * 0.95)), using: &generator)
            let killed = try await ferry.killed(arguments, after: at)
            if killed { landed += 1 }
            let rerun = try ferry.run(arguments)
            XCTAssertEqual(rerun.status, 0, "trial \(trial) (killed at \(at) s): \(rerun.err)")
            let summary = try? JSONDecoder().decode(MigrationSummary.self, from: Data(rerun.out.utf8))
            XCTAssertEqual(summary?.verified, true, "trial \(trial)")
            var lost = 0, duplicated = 0
            for t in 0..<8 {
                let want = Int(try source.value("SELECT COUNT(*) FROM t\(t)", database: db)) ?? -1
                let got = Int(try target.value("SELECT COUNT(*) FROM t\(t)", database: copy)) ?? -1
                if got < want { lost += want - got } else { duplicated += got - want }
            }
            XCTAssertEqual(lost, 0, "trial \(trial)")
            XCTAssertEqual(duplicated, 0, "trial \(trial)")
            KillTrials.record(String(format: "mysql trial %d: kill -9 at %.2f s of %.2f s (%@), rerun exit %d, verified %@, lost %d, duplicated %d",
                                     trial, at, duration, killed ? "killed" : "had finished", rerun.status,
                                     summary?.verified == true ? "yes" : "no", lost, duplicated))
            try target.rootSQL("DROP DATABASE `\(copy)`")
        }
        KillTrials.record("mysql: \(KillTrials.count) trials, \(landed) kills landed mid-run")
    }
}
