import ArgumentParser
import AWSKit
import Foundation
import Migrator
import Blueprint
import Planner

/// `ferry migrate secrets`: each secret and parameter the plan created gets the value the Compose
/// project had for it; the value read back is compared by hash.
struct MigrateSecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Put the Compose project's secret and parameter values into Secrets Manager and SSM.",
        discussion: """
            Values come from where the project had them: .env, env_file files, the service's environment, \
            compose secrets: files. Secrets the template generates are left alone unless --overwrite-generated; \
            RDS-managed credentials and composed URLs are never touched. --dry-run lists names and sources, never values.
            """)

    @ParentCommand var root: Ferry
    @OptionGroup var local: ProjectOptions
    @OptionGroup var planning: MigratePlanningOptions
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions
    @OptionGroup var options: MigrateOptions

    @Flag(name: .customLong("overwrite-generated"), help: "Also set secrets the template generated, from the project's values.")
    var overwriteGenerated = false

    func run() async throws {
        let terminal = MigrationTerminal(json: options.format == .json)
        var checkpointPath: String?
        do {
            let projectOptions = root.project.overridden(by: local)
            let project = try projectOptions.loadProject()
            CLIError.printDiagnostics(project)
            let blueprint = Planner.plan(project, options: planning.planOptions(region: aws.region))
            let stackName = try stack.resolve(project: projectOptions)
            // A dry run reads nothing from AWS: it needs neither credentials nor a region.
            let client = options.dryRun
                ? AWSClient(region: aws.region ?? blueprint.region, credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "", secretAccessKey: "", source: "dry run")))
                : try aws.client()
            var stackARNs: [String: String] = [:]
            if !options.dryRun {
                stackARNs = try await StackTargets.read(stackName: stackName, client: client).secretARNs
            }
            let items = SecretSources.items(project: project, blueprint: blueprint, stackTargets: stackARNs)
            let identity = "secrets|\(stackName)|\(client.region)"
            let path = CheckpointStore.path(directory: options.checkpoints(project: projectOptions), kind: "secrets", target: stackName, identity: identity)
            checkpointPath = path
            try options.confirm("Set \(items.count) secret(s) and parameter(s) in the stack \(stackName)?", terminal: terminal)
            let store = try CheckpointStore(path: options.dryRun ? NSTemporaryDirectory() + "ferry-dry-\(UUID().uuidString).sqlite" : path, identity: identity)
            defer { if options.dryRun { try? FileManager.default.removeItem(atPath: store.path) } }
            let migrator = SecretMigrator(client: client, checkpoints: store)
            let migrationOptions = SecretMigrator.Options(overwriteGenerated: overwriteGenerated, dryRun: options.dryRun)
            let summary = try await Interrupts.run {
                try await migrator.run(items, target: "stack \(stackName)", options: migrationOptions, progress: terminal)
            }
            terminal.finish(summary)
            if options.format == .json { print(summary.json()) }
            if summary.failed > 0 { throw ExitCode(1) }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw CommandErrors.migration(error, checkpoint: checkpointPath)
        }
    }
}
