import ComposeKit
import Foundation

/// The project's MinIO service as seen from the host: its published API port and the root
/// credentials from its environment (env files included). The source of `ferry migrate objects`
/// when `--from` names no endpoint.
struct MinIOService: Equatable {
    var service: String
    var endpoint: String
    var accessKey: String
    var secretKey: String

    static func find(in project: Project) throws -> MinIOService? {
        guard let service = project.services.first(where: { isMinIO($0.image ?? "") }) else { return nil }
        guard let port = service.ports.first(where: { $0.target == 9000 }) ?? service.ports.first,
              let published = port.published?.split(separator: "-").first.flatMap({ Int($0) }) else {
            throw CLIError.input("the MinIO service \(service.name) publishes no port for its API (9000): add one under ports:, or pass --source-endpoint-url")
        }
        var host = port.hostIP.flatMap { $0.isEmpty || $0 == "0.0.0.0" || $0 == "::" ? nil : $0 } ?? "127.0.0.1"
        if host.contains(":") { host = "[\(host)]" }
        let user = service.env("MINIO_ROOT_USER") ?? service.env("MINIO_ACCESS_KEY") ?? "minioadmin"
        let password = service.env("MINIO_ROOT_PASSWORD") ?? service.env("MINIO_SECRET_KEY") ?? "minioadmin"
        return MinIOService(service: service.name, endpoint: "http://\(host):\(published)", accessKey: user, secretKey: password)
    }

    static func isMinIO(_ image: String) -> Bool {
        let name = image.split(separator: "/").last.map { $0.split(separator: ":").first.map(String.init) ?? "" } ?? ""
        return name == "minio" && !image.contains("/mc")
    }
}
