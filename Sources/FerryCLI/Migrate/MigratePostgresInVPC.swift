import AWSKit
import ArgumentParser
import Foundation
import Migrator

/// `ferry migrate postgres --in-vpc`: the target is the stack's database, reached from a one-off task
/// in its VPC. Everything the task needs comes from the stack's outputs (`<Store>Endpoint`,
/// `<Store>MigrationNetwork`, `…MigrationExecutionRole`, `…MigrationLogGroup`, `…CredentialsSecret`,
/// `ClusterName`).
extension MigratePostgresCommand {
    struct StackDatabase {
        var stem: String
        var host: String
        var port: Int
        var secretARN: String
        var stack: RestoreTask.Stack
    }

    /// The stack's database named by `--database` (or its only one), with what a restore task needs.
    static func stackDatabase(_ outputs: [CloudFormation.Output], stackName: String, database: String?, region: String) throws -> StackDatabase {
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
        var host = endpoint, port = 5432
        if let colon = endpoint.lastIndex(of: ":"), let p = Int(endpoint[endpoint.index(after: colon)...]) { host = String(endpoint[..<colon]); port = p }
        guard let placement = ECSClient.NetworkPlacement(shorthand: try need(stem + "MigrationNetwork")) else {
            throw CLIError.input("the output \(stem)MigrationNetwork of \(stackName) names no subnets")
        }
        let stack = RestoreTask.Stack(cluster: try need("ClusterName"), placement: placement,
                                      executionRoleARN: try need(stem + "MigrationExecutionRole"), logGroup: try need(stem + "MigrationLogGroup"))
        return StackDatabase(stem: stem, host: host, port: port, secretARN: try need(stem + "CredentialsSecret"), stack: stack)
    }

    func runInVPC() async throws {
        let terminal = MigrationTerminal(json: options.format == .json)
        var checkpointPath: String?
        do {
            let source = try PostgresConnection(url: from)
            let projectOptions = root.project.overridden(by: local)
            let stackName = try stack.resolve(project: projectOptions)
            let client = try aws.client()
            guard let described = try await CloudFormationClient(client: client).describeStack(stackName) else {
                throw CLIError.input("the stack \(stackName) does not exist in \(client.region): deploy it first (ferry deploy), or pass --stack-name")
            }
            let target = try Self.stackDatabase(described.outputs, stackName: stackName, database: database, region: client.region)
            // The stack's database was created with the Compose database's name.
            let targetDatabase = source.database
            let identity = "postgres-in-vpc|\(source)|\(stackName)|\(target.host)"
            let directory = options.checkpoints(project: projectOptions)
            let path = CheckpointStore.path(directory: directory, kind: "postgres", target: target.stem, identity: identity)
            checkpointPath = path
            if options.dryRun {
                terminal.note("would dump \(source), stage it in an encrypted migration bucket and restore it into \(target.host):\(target.port)/\(targetDatabase) "
                              + "from a task in \(target.stack.placement.subnets.joined(separator: ", ")) (cluster \(target.stack.cluster))")
                return
            }
            try options.confirm("Restore \(source) into \(target.host)/\(targetDatabase) from a task in the VPC, replacing objects of the same names there?", terminal: terminal)
            let store = try CheckpointStore(path: path, identity: identity)
            let work = String(path.dropLast(".sqlite".count)) + ".d"
            let chosenImage: String
            if let image { chosenImage = image } else { chosenImage = "postgres:\(try await PostgresInVPC.serverMajor(source))-alpine" }
            let task = RestoreTask(client: client, stack: target.stack, family: "\(stackName)-migration", checkpoints: store)
            let migration = PostgresInVPC(source: source, host: target.host, port: target.port, database: targetDatabase,
                                          credentialsSecretARN: target.secretARN, image: chosenImage, jobs: jobs, workDirectory: work,
                                          checkpoints: store, task: task)
            let summary = try await Interrupts.run { try await migration.run(progress: terminal) }
            terminal.finish(summary)
            if options.format == .json { print(summary.json()) }
            if summary.failed > 0 || !summary.verified { throw ExitCode(1) }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw CommandErrors.migration(error, checkpoint: checkpointPath)
        }
    }
}
