import ArgumentParser
import Blueprint
import Foundation
import Planner

/// `ferry migrate`: moves the Compose side's data into the deployed stack and verifies it.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move data from the Compose project into the deployed stack, verify it, resume after interruption.",
        discussion: """
            Each kind moves with checkpoints under .ferry/migrations/ (SQLite): kill the command at any point \
            and run it again to finish with nothing lost or duplicated. Values of secrets are never printed, \
            logged or stored (checkpoints keep salted hashes). See docs/MIGRATION.md.
            """,
        subcommands: [MigratePlanCommand.self, MigrateSecretsCommand.self, MigrateObjectsCommand.self, MigratePostgresCommand.self,
                     MigrateMySQLCommand.self, MigrateDynamoDBCommand.self])
}

/// Flags every `migrate` subcommand shares.
struct MigrateOptions: ParsableArguments, Sendable {
    @Flag(name: [.customShort("y"), .long], help: "Run without asking for confirmation (for scripts).")
    var yes = false

    @Flag(name: .customLong("dry-run"), help: "Show what would move, change nothing.")
    var dryRun = false

    @Option(help: "Output format: text or json (a summary document on stdout).")
    var format: OutputFormat = .text

    @Option(name: .customLong("checkpoint-dir"), help: "Where checkpoints are kept (default: <project directory>/.ferry/migrations).")
    var checkpointDirectory: String?

    func checkpoints(project: ProjectOptions) -> String {
        checkpointDirectory ?? Self.defaultDirectory(project: project)
    }

    /// `<project directory>/.ferry/migrations`.
    static func defaultDirectory(project: ProjectOptions) -> String {
        let base: String
        if let directory = project.projectDirectory {
            base = directory
        } else if let file = project.files.first {
            base = (file as NSString).deletingLastPathComponent.isEmpty ? FileManager.default.currentDirectoryPath : (file as NSString).deletingLastPathComponent
        } else {
            base = FileManager.default.currentDirectoryPath
        }
        return (base as NSString).appendingPathComponent(".ferry/migrations")
    }

    /// Asks on a terminal; without one, `--yes` is required.
    func confirm(_ question: String, terminal: MigrationTerminal) throws {
        guard !yes, !dryRun else { return }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CLIError.usage("\(question) — no terminal to ask on: pass --yes to proceed")
        }
        FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
        let answer = readLine(strippingNewline: true)?.lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw CLIError.input("cancelled: nothing was changed") }
    }
}

/// `--tier` and `--environment` as on `plan` and `generate` (secret and parameter names contain the
/// environment); the region is AWSOptions' `--region`, shared with the AWS calls.
struct MigratePlanningOptions: ParsableArguments, Sendable {
    @Option(help: "Environment tier: dev, mvp or prod (default: x-ferry.tier in the compose file, else mvp).")
    var tier: Tier?

    @Option(name: .customLong("environment"), help: "Environment name used in resource names (default: the tier).")
    var environment: String?

    func planOptions(region: String?) -> PlanOptions {
        let env = ProcessInfo.processInfo.environment
        let fallback = region ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"]
        var options = PlanOptions(tier: tier, region: region, environment: environment)
        if region == nil, let fallback, PlanningOptions.isRegion(fallback) { options.region = fallback }
        return options
    }
}
