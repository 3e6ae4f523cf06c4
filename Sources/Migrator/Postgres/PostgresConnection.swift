import Foundation

/// A `postgresql://user:password@host:port/db` URL split into the libpq environment the tools read
/// (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`), so the password never appears in a
/// process's arguments, a message or a checkpoint. `description` is the URL without the password.
public struct PostgresConnection: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String?
    var password: String?
    public var database: String
    /// `?sslmode=require` and the like, passed as `PGSSLMODE`.
    public var sslMode: String?
    /// Seconds libpq waits for the server (`PGCONNECT_TIMEOUT`).
    public var connectTimeout = 10

    public init(url: String) throws {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme?.lowercased() ?? ""),
              let host = components.host, !host.isEmpty else {
            throw MigrationError.usage("'\(Self.redacted(url))' is not a PostgreSQL URL (postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE)")
        }
        self.host = host
        port = components.port ?? 5432
        user = components.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding ?? $0 }
        password = components.password.flatMap { $0.removingPercentEncoding ?? $0 }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty else { throw MigrationError.usage("\(Self.redacted(url)) names no database (…/DATABASE)") }
        database = path.removingPercentEncoding ?? path
        sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value
    }

    public var description: String { "postgresql://\(user.map { $0 + "@" } ?? "")\(host):\(port)/\(database)" }

    var environment: [String: String] {
        var env = ["PGHOST": host, "PGPORT": String(port), "PGDATABASE": database, "PGCONNECT_TIMEOUT": String(connectTimeout)]
        if let user { env["PGUSER"] = user }
        if let password { env["PGPASSWORD"] = password }
        if let sslMode { env["PGSSLMODE"] = sslMode }
        return env
    }

    /// The URL with any password replaced by `***`, for messages about a URL that did not parse.
    static func redacted(_ url: String) -> String {
        guard let at = url.range(of: "@"), let scheme = url.range(of: "://"), scheme.upperBound < at.lowerBound else { return url }
        let credentials = url[scheme.upperBound..<at.lowerBound]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at.lowerBound...])
    }
}
