import ComposeKit
import Foundation
import Migrator

/// The project's database service for `ferry migrate postgres|mysql`: found by its image, reached at
/// its published port with the user, password and database from its environment, and the init
/// scripts it mounts into `/docker-entrypoint-initdb.d`.
enum DatabaseService {
    enum Engine: String { case postgres, mysql }

    static let images: [Engine: Set<String>] = [
        .postgres: ["postgres", "postgis", "timescaledb", "timescaledb-ha", "pgvector"],
        .mysql: ["mysql", "mariadb", "percona", "percona-server", "mysql-server"],
    ]

    static func find(_ engine: Engine, in project: Project) -> Service? {
        let matches = project.services.filter { service in
            let name = (service.image ?? "").split(separator: "/").last.map { $0.split(separator: ":").first.map(String.init) ?? "" } ?? ""
            return images[engine]?.contains(name) ?? false
        }
        return matches.count == 1 ? matches[0] : nil
    }

    /// The published host port of the container's `port`, else `port`.
    static func publishedPort(_ service: Service?, _ port: Int) -> String {
        service?.ports.first { $0.target == port }?.published?.split(separator: "-").first.map(String.init) ?? String(port)
    }

    /// `mysql://USER[:PASSWORD]@127.0.0.1:PORT/DB` from MYSQL_* or MARIADB_* (the root password for root).
    static func mysqlURL(_ service: Service?, password: Bool = false) -> String {
        func env(_ name: String) -> String? {
            (service?.env("MYSQL_" + name) ?? service?.env("MARIADB_" + name)).flatMap { $0.isEmpty ? nil : $0 }
        }
        let user = env("USER") ?? "root"
        let database = env("DATABASE") ?? "mysql"
        var secret = user == "root" ? env("ROOT_PASSWORD") : env("PASSWORD")
        if !password { secret = nil }
        let credentials = secret.map { user + ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? user
        return "mysql://\(credentials)@127.0.0.1:\(publishedPort(service, 3306))/\(database)"
    }

    /// The init scripts the service mounts (bind mounts into `/docker-entrypoint-initdb.d`), and notes
    /// about mounts missing on this machine.
    static func initScripts(_ service: Service?) -> (scripts: [InitScript], notes: [String]) {
        let mounts = (service?.volumes ?? []).compactMap { mount -> (source: String, target: String)? in
            guard mount.type == .bind, let source = mount.source, mount.target.hasPrefix("/docker-entrypoint-initdb.d") else { return nil }
            return (source, mount.target)
        }
        return InitScript.find(mounts: mounts)
    }

    /// The project, when there is one to read (a missing compose file is not an error: the URLs suffice).
    static func project(_ options: ProjectOptions) -> Project? {
        try? options.loadProject()
    }
}
