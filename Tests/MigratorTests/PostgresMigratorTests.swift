import Foundation
import XCTest
@testable import Migrator

/// `PostgresMigrator` between two real PostgreSQL 15 servers started for the test.
final class PostgresMigratorTests: XCTestCase {
    func testDumpRestoreVerifyAndRerun() async throws {
        let source = try PostgresServer()
        defer { source.stop() }
        let target = try PostgresServer()
        defer { target.stop() }
        try source.sql(#"""
            CREATE SCHEMA app;
            CREATE TABLE app.users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, profile jsonb, created timestamptz DEFAULT now());
            INSERT INTO app.users (email, profile) SELECT 'u' || i || '@example.com', jsonb_build_object('n', i, 'tags', jsonb_build_array('a', i % 7))
              FROM generate_series(1, 5000) i;
            CREATE TABLE public.events (board int, body text);
            INSERT INTO public.events SELECT i % 13, repeat('x', i % 50) FROM generate_series(1, 3000) i;
            CREATE TABLE public."Odd ""Name""" (v text);
            INSERT INTO public."Odd ""Name""" VALUES ('é'), ('z'), ('A');
            """#)
        // The target already holds an older copy: the restore replaces it, never adds to it.
        try target.sql("CREATE TABLE public.events (board int, body text); INSERT INTO public.events VALUES (1, 'stale');")
        // The target prints times in another zone: the checks fix the session's settings, so rows still compare equal.
        try target.sql("ALTER DATABASE postgres SET TimeZone = 'Asia/Tokyo'")

        let dir = try TestEnvironment.temporaryDirectory()
        let store = try CheckpointStore(path: dir.appendingPathComponent("pg.sqlite").path, identity: "postgres|test")
        let migrator = PostgresMigrator(source: try PostgresConnection(url: source.url), target: try PostgresConnection(url: target.url),
                                        jobs: 2, workDirectory: dir.appendingPathComponent("pg.d").path, checkpoints: store)
        let first = try await migrator.run(progress: SilentProgress())
        XCTAssertTrue(first.verified, "\(first.notes)")
        XCTAssertEqual(first.failed, 0)
        XCTAssertEqual(first.items, 4, "three tables and one sequence")
        XCTAssertEqual(try target.sql("SELECT count(*) FROM public.events").trimmingCharacters(in: .whitespacesAndNewlines), "3000")
        XCTAssertEqual(try target.sql("SELECT last_value FROM app.users_id_seq").trimmingCharacters(in: .whitespacesAndNewlines), "5000")

        // A rerun restores nothing again and verifies the same checksum.
        let second = try await migrator.run(progress: SilentProgress())
        XCTAssertEqual(second.copied, 0)
        XCTAssertEqual(second.checksum, first.checksum)

        // The ordered checksum agrees too.
        var ordered = migrator
        ordered.checksum = .ordered
        let inOrder = try await ordered.run(progress: SilentProgress())
        XCTAssertTrue(inOrder.verified, "\(inOrder.notes)")

        // A difference on the target is found and named: a lost row, and a changed one that keeps the count.
        try target.sql("DELETE FROM public.events WHERE board = 3")
        try target.sql("UPDATE app.users SET email = 'changed@example.com' WHERE id = 7")
        let third = try await migrator.run(progress: SilentProgress())
        XCTAssertFalse(third.verified)
        XCTAssertTrue(third.notes.contains { $0.hasPrefix("public.events:") }, "\(third.notes)")
        XCTAssertTrue(third.notes.contains { $0.hasPrefix("app.users:") }, "\(third.notes)")
    }

    func testPasswordsStayOutOfMessages() throws {
        let connection = try PostgresConnection(url: "postgresql://app:s3cr%40t-pw@db.internal:6543/board?sslmode=require")
        XCTAssertEqual(connection.description, "postgresql://app@db.internal:6543/board")
        XCTAssertEqual(connection.environment["PGPASSWORD"], "s3cr@t-pw")
        XCTAssertEqual(connection.environment["PGSSLMODE"], "require")
        XCTAssertThrowsError(try PostgresConnection(url: "mysql://app:hunter2@db/x")) { error in
            XCTAssertFalse("\(error)".contains("hunter2"), "\(error)")
        }
        XCTAssertThrowsError(try PostgresConnection(url: "postgresql://app:hunter2@db")) { error in
            XCTAssertFalse("\(error)".contains("hunter2"), "\(error)")
        }
    }

    func testUnreachableSourceIsNamed() async throws {
        _ = try PostgresServer.binaries()
        let dir = try TestEnvironment.temporaryDirectory()
        let store = try CheckpointStore(path: dir.appendingPathComponent("pg.sqlite").path, identity: "postgres|down")
        let port = try PostgresServer.freePort()
        let migrator = PostgresMigrator(source: try PostgresConnection(url: "postgresql://postgres:pw-not-shown@127.0.0.1:\(port)/app"),
                                        target: try PostgresConnection(url: "postgresql://postgres@127.0.0.1:\(port)/app"),
                                        workDirectory: dir.path, checkpoints: store)
        do {
            _ = try await migrator.run(progress: SilentProgress())
            XCTFail("an unreachable source must fail")
        } catch let error as MigrationError {
            XCTAssertTrue(error.description.contains("127.0.0.1:\(port)/app"), error.description)
            XCTAssertFalse(error.description.contains("pw-not-shown"))
        }
    }
}

/// `ferry migrate postgres` from the command line, between two real servers.
final class MigratePostgresCommandTests: XCTestCase {
    func testTheCommandMovesAndVerifies() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let source = try PostgresServer()
        defer { source.stop() }
        let target = try PostgresServer()
        defer { target.stop() }
        try source.sql("CREATE TABLE boards (id serial PRIMARY KEY, title text); INSERT INTO boards (title) SELECT 'b' || i FROM generate_series(1, 200) i;")
        let dir = try TestEnvironment.temporaryDirectory()
        let process = Process()
        process.executableURL = binary
        process.arguments = ["migrate", "postgres", "--from", source.url, "--to", target.url, "--jobs", "2", "--yes", "--format", "json",
                             "--checkpoint-dir", dir.path]
        process.currentDirectoryURL = dir
        let out = dir.appendingPathComponent("out.json")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.standardError
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let summary = try JSONDecoder().decode(MigrationSummary.self, from: Data(contentsOf: out))
        XCTAssertTrue(summary.verified)
        XCTAssertEqual(summary.items, 2, "one table and its sequence")
        XCTAssertEqual(try target.sql("SELECT count(*) FROM boards").trimmingCharacters(in: .whitespacesAndNewlines), "200")
    }
}
