import Foundation

/// A `mysql://user:password@host:port/db` (or `mariadb://`) URL split into the client's arguments
/// (host, port, user: not secret) and `MYSQL_PWD` (the password, given to the tools through their
/// environment only: never an argument, a message, a file on disk or a checkpoint).
/// `description` is the URL without the password.
public struct MySQLConnection: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    var password: String?
    public var database: String
    /// `?ssl=true` (or `ssl-mode=REQUIRED`): the client must use TLS.
    public var tls: Bool
    /// Seconds the client waits for the server (`--connect-timeout`).
    public var connectTimeout = 10

    public init(url: String) throws {
        guard let components = URLComponents(string: url), ["mysql", "mariadb"].contains(components.scheme?.lowercased() ?? ""),
              let host = components.host, !host.isEmpty else {
            throw MigrationError.usage("'\(PostgresConnection.redacted(url))' is not a MySQL URL (mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE)")
        }
        self.host = host
        port = components.port ?? 3306
        user = components.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding ?? $0 } ?? "root"
        password = components.password.flatMap { $0.removingPercentEncoding ?? $0 }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty else { throw MigrationError.usage("\(PostgresConnection.redacted(url)) names no database (…/DATABASE)") }
        database = path.removingPercentEncoding ?? path
        let items = components.queryItems ?? []
        tls = items.contains { ($0.name == "ssl" && $0.value == "true") || ($0.name.lowercased() == "ssl-mode" && $0.value?.uppercased() != "DISABLED") }
    }

    public var description: String { "mysql://\(user)@\(host):\(port)/\(database)" }

    /// Where, for messages: `host:port`.
    var address: String { "\(host):\(port)" }

    /// The client's connection arguments. `--no-defaults` first: no `~/.my.cnf` changes what is reached.
    var arguments: [String] {
        var args = ["--no-defaults", "--protocol=TCP", "--host=\(host)", "--port=\(port)", "--user=\(user)"]
        if tls { args.append("--ssl") }
        return args
    }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MYSQL") }
        if let password { env["MYSQL_PWD"] = password }
        return env
    }
}
