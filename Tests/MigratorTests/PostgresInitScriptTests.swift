import Foundation
import XCTest
@testable import FerryCLI
@testable import Migrator

/// The Postgres path's additions: the Compose database's init scripts (the Smartboard seed's
/// `init-schemas.sql`) run against the target before the restore, once; RDS findings for roles and
/// extensions; kill -9 at random points then a rerun.
final class PostgresInitScriptTests: XCTestCase {
    static var seed: URL? {
        let shared = ProcessInfo.processInfo.environment["FERRY_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? TestEnvironment.repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
        let folder = shared.appendingPathComponent("seed-projects/smartboard")
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("infra/compose.yaml").path) ? folder : nil
    }

    func testSmartboardInitSchemasRunAgainstTheTargetOnce() throws {
        guard let seed = Self.seed else {
            return try TestEnvironment.missing("the Smartboard seed (shared/seed-projects/smartboard) is absent: set FERRY_SHARED", file: #filePath, line: #line)
        }
        let binary = try TestEnvironment.ferryBinary()
        // The seed as shared: its compose file mounts ./scripts/init-schemas.sql into /docker-entrypoint-initdb.d.
        let original = try ProjectOptions.parse(["-f", seed.appendingPathComponent("infra/compose.yaml").path]).loadProject()
        let service = try XCTUnwrap(DatabaseService.find(.postgres, in: original), "the seed's Postgres service")
        XCTAssertEqual(service.name, "smartboard-postgres")
        let mounted = DatabaseService.initScripts(service)
        let expectedPath = seed.appendingPathComponent("infra/scripts/init-schemas.sql").path
        let shippedScript = FileManager.default.fileExists(atPath: expectedPath)
        if shippedScript {
            XCTAssertEqual(mounted.scripts.map(\.name), ["init-schemas.sql"])
        } else {
            // The shared copy keeps compose files and guides, not the scripts folder: the mount is reported.
            XCTAssertEqual(mounted.scripts, [])
            XCTAssertTrue(mounted.notes.contains { $0.contains(expectedPath) && $0.contains("by hand") }, "\(mounted.notes)")
        }

        // A working copy of the seed with the script in place: the seed's own file when it ships one,
        // otherwise one creating the schemas its services' DATABASE_URLs name (?schema=…).
        let project = try TestEnvironment.temporaryDirectory()
        try FileManager.default.createDirectory(at: project.appendingPathComponent("infra/scripts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: seed.appendingPathComponent("infra/compose.yaml"), to: project.appendingPathComponent("infra/compose.yaml"))
        let schemas = Set(original.services.compactMap { $0.env("DATABASE_URL")?.components(separatedBy: "?schema=").dropFirst().first }).sorted()
        XCTAssertEqual(schemas, ["analytics", "auth", "dashboards", "datasets", "tenants"])
        let script = project.appendingPathComponent("infra/scripts/init-schemas.sql")
        if shippedScript {
            try FileManager.default.copyItem(atPath: expectedPath, toPath: script.path)
        } else {
            try schemas.map { "CREATE SCHEMA IF NOT EXISTS \($0);" }.joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
        }

        let source = try PostgresServer()
        defer { source.stop() }
        let target = try PostgresServer()
        defer { target.stop() }
        try source.sql("CREATE SCHEMA auth; CREATE TABLE auth.users (id serial PRIMARY KEY, email text); INSERT INTO auth.users (email) VALUES ('a@x'), ('b@x');")
        let ferry = FerryProcess(binary: binary, moto: nil, directory: project)
        let arguments = ["migrate", "postgres", "-f", project.appendingPathComponent("infra/compose.yaml").path, "--from", source.url,
                         "--to", target.url, "--yes", "--format", "json"]
        let run = try ferry.run(arguments)
        XCTAssertEqual(run.status, 0, run.err)
        let summary = try JSONDecoder().decode(MigrationSummary.self, from: Data(run.out.utf8))
        XCTAssertTrue(summary.verified)
        XCTAssertTrue(summary.notes.contains("init script init-schemas.sql: run against the target"), "\(summary.notes)")
        XCTAssertTrue(summary.notes.contains { $0.hasPrefix("RDS: role postgres has SUPERUSER") }, "\(summary.notes)")
        let present = try target.sql("SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace WHERE nspname IN ('auth','tenants','datasets','analytics','dashboards')")
        XCTAssertEqual(present.trimmingCharacters(in: .whitespacesAndNewlines), "analytics,auth,dashboards,datasets,tenants")
        XCTAssertEqual(try target.sql("SELECT count(*) FROM auth.users").trimmingCharacters(in: .whitespacesAndNewlines), "2")
        // A rerun does not run the script again (checkpointed).
        let again = try ferry.run(arguments)
        XCTAssertEqual(again.status, 0, again.err)
        let second = try JSONDecoder().decode(MigrationSummary.self, from: Data(again.out.utf8))
        XCTAssertFalse(second.notes.contains { $0.hasPrefix("init script") }, "\(second.notes)")
    }

    func testExtensionsAndRolesRDSRefusesAreFindings() async throws {
        let source = try PostgresServer()
        defer { source.stop() }
        let target = try PostgresServer()
        defer { target.stop() }
        // adminpack ships with PostgreSQL (contrib) but RDS does not offer it.
        try source.sql("CREATE EXTENSION adminpack; CREATE EXTENSION pg_trgm; CREATE ROLE replicator REPLICATION LOGIN;")
        let dir = try TestEnvironment.temporaryDirectory()
        let store = try CheckpointStore(path: dir.appendingPathComponent("pg.sqlite").path, identity: "postgres|rds")
        let migrator = PostgresMigrator(source: try PostgresConnection(url: source.url), target: try PostgresConnection(url: target.url),
                                        workDirectory: dir.appendingPathComponent("pg.d").path, checkpoints: store)
        let summary = try await migrator.run(dryRun: true, progress: SilentProgress())
        XCTAssertTrue(summary.notes.contains { $0.hasPrefix("RDS: extension adminpack") }, "\(summary.notes)")
        XCTAssertFalse(summary.notes.contains { $0.contains("extension pg_trgm") || $0.contains("extension plpgsql") }, "\(summary.notes)")
        XCTAssertTrue(summary.notes.contains { $0.hasPrefix("RDS: role replicator has REPLICATION") }, "\(summary.notes)")
        XCTAssertTrue(summary.notes.contains { $0.hasPrefix("RDS: role postgres has SUPERUSER") }, "\(summary.notes)")
    }

    /// kill -9 at random points (FERRY_KILL_TRIALS, default 3), then a rerun: exit 0, verified, and every
    /// table's rows equal to the source's.
    func testKillNineAtRandomPointsThenRerun() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let source = try PostgresServer()
        defer { source.stop() }
        let target = try PostgresServer()
        defer { target.stop() }
        var sql = ""
        for t in 0..<6 {
            sql += "CREATE TABLE t\(t) (id bigserial PRIMARY KEY, v text, doc jsonb);"
            sql += "INSERT INTO t\(t) (v, doc) SELECT md5(i::text), jsonb_build_object('i', i) FROM generate_series(1, \(40000 + t * 5000)) i;"
        }
        try source.sql(sql)
        let dir = try TestEnvironment.temporaryDirectory()
        let ferry = FerryProcess(binary: binary, moto: nil, directory: dir)
        try target.sql("CREATE DATABASE timing")
        let timed = Date()
        let full = try ferry.run(["migrate", "postgres", "--from", source.url, "--to", "postgresql://postgres@127.0.0.1:\(target.port)/timing",
                                  "--yes", "--jobs", "2", "--checkpoint-dir", dir.appendingPathComponent("timing").path])
        XCTAssertEqual(full.status, 0, full.err)
        let duration = Date().timeIntervalSince(timed)
        var generator = SystemRandomNumberGenerator()
        var landed = 0
        for trial in 0..<KillTrials.count {
            let database = "copy\(trial)"
            try target.sql("CREATE DATABASE \(database)")
            let to = "postgresql://postgres@127.0.0.1:\(target.port)/\(database)"
            let arguments = ["migrate", "postgres", "--from", source.url, "--to", to, "--yes", "--jobs", "2", "--format", "json",
                             "--checkpoint-dir", dir.appendingPathComponent("trial-\(trial)").path]
            let at = Double.random(in: 0.05...(max(0.1, duration * 0.95)), using: &generator)
            let killed = try await ferry.killed(arguments, after: at)
            if killed { landed += 1 }
            let rerun = try ferry.run(arguments)
            XCTAssertEqual(rerun.status, 0, "trial \(trial) (killed at \(at) s): \(rerun.err)")
            let summary = try? JSONDecoder().decode(MigrationSummary.self, from: Data(rerun.out.utf8))
            XCTAssertEqual(summary?.verified, true, "trial \(trial)")
            var lost = 0, duplicated = 0
            for t in 0..<6 {
                let want = Int(try source.sql("SELECT count(*) FROM t\(t)").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
                let got = Int(try target.sql("SELECT count(*) FROM t\(t)", database: database).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
                if got < want { lost += want - got } else { duplicated += got - want }
            }
            XCTAssertEqual(lost, 0, "trial \(trial)")
            XCTAssertEqual(duplicated, 0, "trial \(trial)")
            KillTrials.record(String(format: "postgres trial %d: kill -9 at %.2f s of %.2f s (%@), rerun exit %d, verified %@, lost %d, duplicated %d",
                                     trial, at, duration, killed ? "killed" : "had finished", rerun.status,
                                     summary?.verified == true ? "yes" : "no", lost, duplicated))
        }
        KillTrials.record("postgres: \(KillTrials.count) trials, \(landed) kills landed mid-run")
    }
}
