import AWSKit
import Foundation
import Migrator

/// A database of the deployed stack as a restore task in its VPC reaches it (`migrate postgres --in-vpc`,
/// `migrate mysql --in-vpc`). Everything comes from the stack's outputs: `<Store>Endpoint`,
/// `<Store>MigrationNetwork`, `…MigrationExecutionRole`, `…MigrationLogGroup`, `…CredentialsSecret`, `ClusterName`.
struct StackDatabase {
    var stem: String
    var host: String
    var port: Int
    var secretARN: String
    var stack: RestoreTask.Stack

    /// The deployed stack's database named by `--database` (or its only one), the stack's name and a client of its region.
    static func find(stack: StackNameOption, project: ProjectOptions, aws: AWSOptions, database: String?,
                     defaultPort: Int) async throws -> (database: StackDatabase, stackName: String, client: AWSClient) {
        let stackName = try stack.resolve(project: project)
        let client = try aws.client()
        guard let described = try await CloudFormationClient(client: client).describeStack(stackName) else {
            throw CLIError.input("the stack \(stackName) does not exist in \(client.region): deploy it first (ferry deploy), or pass --stack-name")
        }
        return (try read(described.outputs, stackName: stackName, database: database, defaultPort: defaultPort), stackName, client)
    }

    /// Reads the outputs; the endpoint's port when it names one, else `defaultPort`.
    static func read(_ outputs: [CloudFormation.Output], stackName: String, database: String?, defaultPort: Int) throws -> StackDatabase {
        let values = Dictionary(outputs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let stems = values.keys.filter { $0.hasSuffix("MigrationNetwork") }.map { String($0.dropLast("MigrationNetwork".count)) }.sorted()
        let stem: String
        if let database {
            let wanted = database.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            guard stems.contains(wanted) else {
                throw CLIError.usage("the stack \(stackName) has no database \(database) reachable from a task" + (stems.isEmpty ? "" : " (it has: \(stems.joined(separator: ", ")))"))
            }
            stem = wanted
        } else {
            guard stems.count == 1, let only = stems.first else {
                throw CLIError.usage(stems.isEmpty
                    ? "the stack \(stackName) has no database with migration outputs (\u{60}<Store>MigrationNetwork\u{60}): redeploy it with this ferry, or use --to with a tunnel"
                    : "the stack \(stackName) has \(stems.count) databases (\(stems.joined(separator: ", "))): pass --database NAME")
            }
            stem = only
        }
        func need(_ key: String) throws -> String {
            guard let v = values[key], !v.isEmpty else { throw CLIError.input("the stack \(stackName) has no output \(key): redeploy it with this ferry") }
            return v
        }
        let endpoint = try need(stem + "Endpoint")
        var host = endpoint, port = defaultPort
        if let colon = endpoint.lastIndex(of: ":"), let p = Int(endpoint[endpoint.index(after: colon)...]) { host = String(endpoint[..<colon]); port = p }
        guard let placement = ECSClient.NetworkPlacement(shorthand: try need(stem + "MigrationNetwork")) else {
            throw CLIError.input("the output \(stem)MigrationNetwork of \(stackName) names no subnets")
        }
        let stack = RestoreTask.Stack(cluster: try need("ClusterName"), placement: placement,
                                      executionRoleARN: try need(stem + "MigrationExecutionRole"), logGroup: try need(stem + "MigrationLogGroup"))
        return StackDatabase(stem: stem, host: host, port: port, secretARN: try need(stem + "CredentialsSecret"), stack: stack)
    }
}
