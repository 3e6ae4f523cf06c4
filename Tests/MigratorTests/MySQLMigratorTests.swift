import Foundation
import XCTest
@testable import Migrator

/// One source and one target MariaDB server for the whole class (started on first use).
final class SharedMariaDB: @unchecked Sendable {
    private let lock = NSLock()
    private var servers: [MariaDBServer] = []
    func get(_ count: Int = 2) throws -> [MariaDBServer] {
        try lock.withLock {
            while servers.count < count { servers.append(try MariaDBServer(databases: [])) }
            return Array(servers.prefix(count))
        }
    }
    func stop() { lock.withLock { servers.forEach { $0.stop() }; servers = [] } }
}

/// `MySQLMigrator` between two real MariaDB servers.
final class MySQLMigratorTests: XCTestCase {
    static let shared = SharedMariaDB()
    override class func tearDown() { shared.stop(); super.tearDown() }

    /// A fresh database of the same name on both servers.
    func databases() throws -> (MariaDBServer, MariaDBServer, String) {
        let servers = try Self.shared.get()
        let name = "db_\(UUID().uuidString.prefix(6).lowercased())"
        for server in servers { try server.rootSQL("CREATE DATABASE `\(name)`") }
        return (servers[0], servers[1], name)
    }

    static let schema = #"""
        CREATE TABLE boards (id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(100) NOT NULL, note TEXT NULL, score DOUBLE, created DATETIME(3)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
        CREATE TABLE cards (id BIGINT PRIMARY KEY, board_id INT NOT NULL, body BLOB, FOREIGN KEY (board_id) REFERENCES boards(id)) ENGINE=InnoDB;
        CREATE TABLE loose (v VARCHAR(20), n INT) ENGINE=InnoDB;
        CREATE TABLE legacy (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=MyISAM;
        CREATE TABLE audit (card_id BIGINT) ENGINE=InnoDB;
        CREATE TABLE `odd ``name` (k VARCHAR(10) PRIMARY KEY, j JSON) ENGINE=InnoDB;
        CREATE TRIGGER cards_audit AFTER INSERT ON cards FOR EACH ROW INSERT INTO audit VALUES (NEW.id);
        CREATE VIEW board_titles AS SELECT id, title FROM boards;
        CREATE DEFINER = 'root'@'localhost' PROCEDURE count_cards() SELECT COUNT(*) FROM cards;
        INSERT INTO boards (title, note, score, created) SELECT CONCAT('board ', seq), IF(seq % 3 = 0, NULL, IF(seq % 3 = 1, '', 'é ✓')), seq / 7, '2024-01-02 03:04:05.678'
          FROM seq_1_to_2000;
        INSERT INTO cards SELECT seq, 1 + seq % 2000, UNHEX(SHA2(seq, 256)) FROM seq_1_to_5000;
        INSERT INTO loose VALUES ('a', 1), ('a', 1), (NULL, 2), ('', 2);
        INSERT INTO legacy VALUES (1, 'x'), (2, 'y');
        INSERT INTO `odd ``name` VALUES ('k1', '{"a": [1, 2]}'), ('k2', NULL);
        """#

    func testDumpRestoreVerifyAndRerun() async throws {
        let (source, target, db) = try databases()
        try source.rootSQL(Self.schema, database: db)
        // The target already holds an older copy of one table: the restore replaces it, never adds to it.
        try target.rootSQL("CREATE TABLE loose (v VARCHAR(20), n INT); INSERT INTO loose VALUES ('stale', 9);", database: db)
        let dir = try TestEnvironment.temporaryDirectory()
        let store = try CheckpointStore(path: dir.appendingPathComponent("my.sqlite").path, identity: "mysql|test")
        let migrator = MySQLMigrator(source: try MySQLConnection(url: source.url(db)), target: try MySQLConnection(url: target.url(db)),
                                     jobs: 3, workDirectory: dir.appendingPathComponent("my.d").path, checkpoints: store)
        let first = try await migrator.run(progress: SilentProgress())
        XCTAssertTrue(first.verified, "\(first.notes)")
        XCTAssertEqual(first.items, 6)
        XCTAssertEqual(first.copied, 6)
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM cards", database: db), "5000")
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM loose", database: db), "4")
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM audit", database: db), "5000", "loading rows fired no trigger")
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = '\(db)'", database: db), "1")
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM boards WHERE note IS NULL", database: db), "666")
        XCTAssertTrue(first.notes.contains { $0.contains("table legacy uses MyISAM") }, "\(first.notes)")
        XCTAssertTrue(first.notes.contains { $0.contains("procedure count_cards has DEFINER root@localhost") }, "\(first.notes)")
        XCTAssertEqual(try target.value("SELECT definer FROM information_schema.routines WHERE routine_schema = '\(db)'", database: db), "app@%",
                       "the DEFINER clause was removed: the restoring user owns it")
        // The new trigger fires on the target as it did on the source.
        try target.rootSQL("INSERT INTO cards VALUES (9999, 1, NULL)", database: db)
        XCTAssertEqual(try target.value("SELECT COUNT(*) FROM audit", database: db), "5001")
        try target.rootSQL("DELETE FROM cards WHERE id = 9999; DELETE FROM audit WHERE card_id = 9999", database: db)

        // A rerun loads nothing again and verifies the same checksum.
        let second = try await migrator.run(progress: SilentProgress())
        XCTAssertEqual(second.copied, 0)
        XCTAssertEqual(second.skipped, 6)
        XCTAssertTrue(second.verified, "\(second.notes)")
        XCTAssertEqual(second.checksum, first.checksum)

        // A difference on the target is found and named: a changed value, and a NULL that became ''.
        try target.rootSQL("UPDATE boards SET note = '' WHERE id = 3", database: db)
        let third = try await migrator.run(progress: SilentProgress())
        XCTAssertFalse(third.verified)
        XCTAssertTrue(third.notes.contains { $0.hasPrefix("boards: source 2000 rows") }, "\(third.notes)")
        XCTAssertFalse(third.notes.contains { $0.hasPrefix("cards:") }, "\(third.notes)")
    }

    func testPasswordsStayOutOfMessagesAndArguments() throws {
        let connection = try MySQLConnection(url: "mysql://app:s3cr%40t-pw@db.internal:3307/board")
        XCTAssertEqual(connection.description, "mysql://app@db.internal:3307/board")
        XCTAssertEqual(connection.environment["MYSQL_PWD"], "s3cr@t-pw")
        XCTAssertFalse(connection.arguments.joined(separator: " ").contains("s3cr"))
        XCTAssertEqual(try MySQLConnection(url: "mariadb://db/x").user, "root")
        XCTAssertThrowsError(try MySQLConnection(url: "postgresql://app:hunter2@db/x")) { XCTAssertFalse("\($0)".contains("hunter2"), "\($0)") }
        XCTAssertThrowsError(try MySQLConnection(url: "mysql://app:hunter2@db")) { XCTAssertFalse("\($0)".contains("hunter2"), "\($0)") }
    }

    func testUnreachableWrongPasswordAndMissingDatabaseAreNamed() async throws {
        let (source, target, db) = try databases()
        let dir = try TestEnvironment.temporaryDirectory()
        let down = try PostgresServer.freePort()
        let cases: [(from: String, to: String, expect: String)] = [
            ("mysql://app:pw-not-shown@127.0.0.1:\(down)/\(db)", target.url(db), "cannot reach 127.0.0.1:\(down)"),
            (source.url(db, password: "pw-not-shown"), target.url(db), "access denied for user app at 127.0.0.1:\(source.port)"),
            (source.url("nope"), target.url(db), "the database nope does not exist on 127.0.0.1:\(source.port)"),
            (source.url(db), target.url("absent"), "the database absent does not exist on 127.0.0.1:\(target.port)"),
        ]
        for (index, item) in cases.enumerated() {
            let store = try CheckpointStore(path: dir.appendingPathComponent("e\(index).sqlite").path, identity: "mysql|e\(index)")
            let migrator = MySQLMigrator(source: try MySQLConnection(url: item.from), target: try MySQLConnection(url: item.to),
                                         workDirectory: dir.appendingPathComponent("e\(index).d").path, checkpoints: store)
            do {
                _ = try await migrator.run(progress: SilentProgress())
                XCTFail("\(item.expect): must fail")
            } catch let error as MigrationError {
                XCTAssertTrue(error.description.contains(item.expect), error.description)
                XCTAssertFalse(error.description.contains("pw-not-shown"), error.description)
                XCTAssertFalse(error.description.contains(source.password), error.description)
                XCTAssertEqual(error.exitCode, 1)
            }
        }
    }
}
