import Foundation
import XCTest

/// A real MariaDB server for one test: `mariadb-install-db` into a temporary directory, `mariadbd` on
/// a free loopback port, with a user `app` that has a password (so the password path is what the tests
/// use) and a database. As root the server must be told `--user=root`. `stop()` ends it and removes it.
final class MariaDBServer: @unchecked Sendable {
    let port: Int
    let directory: URL
    let pid: pid_t
    let password: String
    var socket: String { directory.appendingPathComponent("sock").path }

    /// `mysql://app:PASSWORD@127.0.0.1:PORT/DATABASE`
    func url(_ database: String = "app", user: String = "app", password: String? = nil) -> String {
        "mysql://\(user):\(password ?? self.password)@127.0.0.1:\(port)/\(database)"
    }

    static func binaries(file: StaticString = #filePath, line: UInt = #line) throws -> (server: String, install: String) {
        let server = ["/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/sbin/mysqld"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let install = ["/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let server, let install, FileManager.default.isExecutableFile(atPath: "/usr/bin/mariadb-dump") else {
            return try TestEnvironment.missing("MariaDB (mariadbd, mariadb-install-db, mariadb-dump) not found: run scripts/setup-test-tools.sh",
                                               file: file, line: line)
        }
        return (server, install)
    }

    /// With `ssl`, the server has a self-signed certificate and `app` must connect over TLS (`REQUIRE SSL`).
    init(databases: [String] = ["app"], ssl: Bool = false) throws {
        let tools = try Self.binaries()
        port = try PostgresServer.freePort()
        password = "pw-\(UUID().uuidString.prefix(8))"
        directory = URL(fileURLWithPath: "/tmp/ferry-mdb-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = directory.appendingPathComponent("data").path
        var install = [tools.install, "--no-defaults", "--datadir=\(data)", "--auth-root-authentication-method=normal", "--skip-test-db"]
        if getuid() == 0 { install.append("--user=root") }
        try PostgresServer.shell(install, asPostgres: false)
        var server = [tools.server, "--no-defaults", "--datadir=\(data)", "--socket=\(directory.appendingPathComponent("sock").path)",
                      "--port=\(port)", "--bind-address=127.0.0.1", "--skip-log-bin", "--innodb-flush-log-at-trx-commit=0",
                      "--innodb-buffer-pool-size=64M", "--log-error=\(directory.appendingPathComponent("error.log").path)",
                      "--pid-file=\(directory.appendingPathComponent("pid").path)"]
        if getuid() == 0 { server.append("--user=root") }
        if ssl {
            let key = directory.appendingPathComponent("server.key").path, cert = directory.appendingPathComponent("server.crt").path
            try PostgresServer.shell(["/usr/bin/openssl", "req", "-new", "-x509", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                                      "-keyout", key, "-out", cert], asPostgres: false)
            server += ["--ssl-key=\(key)", "--ssl-cert=\(cert)"]
        }
        pid = try Self.spawn(server)
        let deadline = Date().addingTimeInterval(30)
        while (try? rootSQL("SELECT 1")) == nil {
            guard Date() < deadline else {
                let log = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
                throw NSError(domain: "MariaDBServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "mariadbd did not start: \(log.suffix(800))"])
            }
            usleep(100_000)
        }
        var setup = "CREATE USER 'app'@'%' IDENTIFIED BY '\(password)'\(ssl ? " REQUIRE SSL" : ""); GRANT ALL ON *.* TO 'app'@'%';"
        for database in databases { setup += " CREATE DATABASE `\(database)`;" }
        try rootSQL(setup)
    }

    /// Runs SQL as root over the socket (no password), in `database` when given.
    @discardableResult
    func rootSQL(_ text: String, database: String? = nil) throws -> String {
        var args = ["/usr/bin/mariadb", "--no-defaults", "--socket=\(socket)", "--user=root", "--batch", "--skip-column-names"]
        if let database { args.append("--database=\(database)") }
        return try PostgresServer.shell(args + ["--execute=\(text)"], asPostgres: false)
    }

    /// Runs SQL in the `app` database (as root) and returns the trimmed answer.
    func value(_ text: String, database: String = "app") throws -> String {
        try rootSQL(text, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts a long-running process (posix_spawn: Foundation's Process is not needed to see it end).
    static func spawn(_ args: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, args[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw NSError(domain: "MariaDBServer", code: Int(spawned), userInfo: [NSLocalizedDescriptionKey: "cannot start \(args[0])"]) }
        return pid
    }
}
