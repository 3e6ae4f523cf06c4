import AWSKit
import ArgumentParser
import Foundation
import Migrator

/// `ferry migrate postgres --in-vpc`: the target is the stack's database, reached from a one-off task
/// in its VPC; everything the task needs comes from the stack's outputs (`StackDatabase`).
extension MigratePostgresCommand {
    func runInVPC() async throws {
        let terminal = MigrationTerminal(json: options.format == .json)
        var checkpointPath: String?
        do {
            let source = try PostgresConnection(url: from)
            let projectOptions = root.project.overridden(by: local)
            let (target, stackName, client) = try await StackDatabase.find(stack: stack, project: projectOptions, aws: aws, database: database, defaultPort: 5432)
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
