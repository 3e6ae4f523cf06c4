import ComposeKit
import Foundation

/// The project's dynamodb-local service as seen from the host: its published port (8000 inside).
/// The source of `ferry migrate dynamodb` when `--from` names no endpoint.
struct DynamoDBLocalService {
    var service: String
    var endpoint: String

    static func find(in project: Project) throws -> DynamoDBLocalService? {
        guard let service = project.services.first(where: { isDynamoDBLocal($0.image ?? "") }) else { return nil }
        guard let port = service.ports.first(where: { $0.target == 8000 }) ?? service.ports.first,
              let published = port.published?.split(separator: "-").first.flatMap({ Int($0) }) else {
            throw CLIError.input("the DynamoDB Local service \(service.name) publishes no port for its API (8000): add one under ports:, or pass --source-endpoint-url")
        }
        var host = port.hostIP.flatMap { $0.isEmpty || $0 == "0.0.0.0" || $0 == "::" ? nil : $0 } ?? "127.0.0.1"
        if host.contains(":") { host = "[\(host)]" }
        return DynamoDBLocalService(service: service.name, endpoint: "http://\(host):\(published)")
    }

    static func isDynamoDBLocal(_ image: String) -> Bool {
        let name = image.split(separator: "/").last.map { $0.split(separator: ":").first.map(String.init) ?? "" } ?? ""
        return ["dynamodb-local", "dynamo-local-admin"].contains(name)
    }
}

extension StackTargets {
    /// DynamoDB table names (a table's physical id is its name), by logical id.
    var tables: [(logicalID: String, name: String)] {
        resources.filter { $0.resourceType == "AWS::DynamoDB::Table" }.compactMap { resource in
            resource.physicalID.map { (resource.logicalID, $0) }
        }.sorted { $0.logicalID < $1.logicalID }
    }
}
