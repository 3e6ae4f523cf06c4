import Foundation
import XCTest

/// A real PostgreSQL server for one test: `initdb` into a temporary directory, `pg_ctl start` on a
/// free loopback port with trust authentication, stopped (and removed) by `stop()`. PostgreSQL
/// refuses to run as root, so as root the server runs as the `postgres` user (runuser).
final class PostgresServer: @unchecked Sendable {
    let port: Int
    let directory: URL
    let binDirectory: String
    var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres" }

    static func binaries(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        for candidate in ["/usr/lib/postgresql/15/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: candidate + "/initdb")
            && FileManager.default.isExecutableFile(atPath: candidate + "/pg_dump") {
            return candidate
        }
        return try TestEnvironment.missing("PostgreSQL 15 (initdb, pg_ctl, pg_dump) not found", file: file, line: line)
    }

    /// `ssl`: the server also speaks TLS (a self-signed certificate), as RDS insists on.
    init(ssl: Bool = false) throws {
        binDirectory = try Self.binaries()
        port = try Self.freePort()
        directory = URL(fileURLWithPath: "/tmp/ferry-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 { try Self.shell(["/bin/chown", "-R", "postgres:postgres", directory.path], asPostgres: false) }
        let data = directory.appendingPathComponent("data").path
        try Self.shell(["\(binDirectory)/initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"], asPostgres: true)
        var settings = "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off"
        if ssl {
            try Self.shell(["/usr/bin/openssl", "req", "-new", "-x509", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                            "-keyout", data + "/server.key", "-out", data + "/server.crt"], asPostgres: true)
            try Self.shell(["/bin/chmod", "600", data + "/server.key"], asPostgres: true)
            settings += " -c ssl=on"
        }
        try Self.shell(["\(binDirectory)/pg_ctl", "-D", data, "-l", directory.appendingPathComponent("log").path, "-w", "-o",
                        settings, "start"], asPostgres: true)
    }

    /// Runs SQL as the superuser.
    @discardableResult
    func sql(_ text: String, database: String = "postgres") throws -> String {
        try Self.shell(["\(binDirectory)/psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
                        "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", database, "-c", text], asPostgres: false)
    }

    func stop() {
        _ = try? Self.shell(["\(binDirectory)/pg_ctl", "-D", directory.appendingPathComponent("data").path, "-m", "immediate", "stop"], asPostgres: true)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs a command to its end with posix_spawn and waitpid: Foundation's Process never saw the
    /// exit of `runuser pg_ctl start` (whose server lives on), so it is not used here.
    @discardableResult
    static func shell(_ arguments: [String], asPostgres: Bool) throws -> String {
        var args = arguments
        if asPostgres && getuid() == 0 { args = ["/usr/sbin/runuser", "-u", "postgres", "--"] + args }
        let log = "/tmp/ferry-pg-shell-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, args[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw NSError(domain: "PostgresServer", code: Int(spawned), userInfo: [NSLocalizedDescriptionKey: "cannot start \(args[0])"])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exitCode == 0 else {
            throw NSError(domain: "PostgresServer", code: Int(exitCode), userInfo: [NSLocalizedDescriptionKey: "\(arguments.joined(separator: " ")): \(text)"])
        }
        return text
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
