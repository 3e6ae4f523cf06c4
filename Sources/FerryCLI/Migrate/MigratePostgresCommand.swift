import ArgumentParser
import Foundation
import Migrator

/// `ferry migrate postgres`: dump and restore with parallel jobs, then table-by-table verification.
struct MigratePostgresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postgres",
        abstract: "Copy a PostgreSQL database (pg_dump -Fd -j / pg_restore -j) and verify every table and sequence.",
        discussion: """
            Both URLs must be reachable from this machine: the Compose database's published port, and the \
            managed database through SSM port forwarding; or, with --in-vpc instead of --to, the dump is \
            restored and checked by a one-off task inside the stack's VPC (docs/MIGRATION.md). \
            Passwords in the URLs go to the tools through PGPASSWORD, never their arguments or the output. \
            The restore replaces the target's objects of the same names (--clean --if-exists). The init scripts \
            the project's database service mounts into /docker-entrypoint-initdb.d run against the target first, once.
            """)

    @ParentCommand var root: Ferry
    @OptionGroup var local: ProjectOptions
    @OptionGroup var options: MigrateOptions
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions

    @Option(help: "Source database: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.")
    var from: String

    @Option(help: "Target database: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (not with --in-vpc).")
    var to: String?

    @Flag(name: .customLong("in-vpc"), help: "Restore from a one-off task in the stack's private subnets (the stack's database, its credentials secret).")
    var inVPC = false

    @Option(help: "With --in-vpc: the database of the stack to restore into (its compose service name) when it has several.")
    var database: String?

    @Option(help: "With --in-vpc: the image that restores (default postgres:<server major>-alpine).")
    var image: String?

    @Option(help: "Parallel jobs for pg_dump and pg_restore.")
    var jobs = 4

    @Option(help: "How tables are compared: rows (count and the sum of every row's hash, one sequential read) or ordered (the MD5 of the rows in primary-key order, about eight times the cost).")
    var verify: PostgresChecksum = .rows

    @Flag(name: .customLong("no-init-scripts"), help: "Do not run the service's /docker-entrypoint-initdb.d scripts against the target.")
    var noInitScripts = false

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be 1–64") }
        guard !inVPC || verify == .rows else { throw ValidationError("--in-vpc compares with --verify rows") }
        guard inVPC == (to == nil) else { throw ValidationError(inVPC ? "--in-vpc restores into the stack's database: drop --to" : "pass --to URL, or --in-vpc") }
    }

    func run() async throws {
        if inVPC { return try await runInVPC() }
        let terminal = MigrationTerminal(json: options.format == .json)
        var checkpointPath: String?
        do {
            let source = try PostgresConnection(url: from)
            let target = try PostgresConnection(url: to ?? "")
            let projectOptions = root.project.overridden(by: local)
            // The project's database service, when there is a project here: its init scripts run first.
            let service = noInitScripts ? nil : DatabaseService.project(projectOptions).flatMap { DatabaseService.find(.postgres, in: $0) }
            let found = DatabaseService.initScripts(service)
            let identity = "postgres|\(source)|\(target)"
            let directory = options.checkpoints(project: projectOptions)
            let path = CheckpointStore.path(directory: directory, kind: "postgres", target: target.database, identity: identity)
            checkpointPath = path
            try options.confirm("Restore \(source) into \(target), replacing objects of the same names there?", terminal: terminal)
            let store = try CheckpointStore(path: path, identity: identity)
            let work = String(path.dropLast(".sqlite".count)) + ".d"
            var migrator = PostgresMigrator(source: source, target: target, jobs: jobs, workDirectory: work, checkpoints: store,
                                            initScripts: found.scripts)
            migrator.checksum = verify
            let dryRun = options.dryRun
            let configured = migrator
            var summary = try await Interrupts.run { try await configured.run(dryRun: dryRun, progress: terminal) }
            summary.notes = found.notes + summary.notes
            terminal.finish(summary)
            RateBook(directory: options.checkpoints(project: projectOptions)).record(summary)
            if options.format == .json { print(summary.json()) }
            if summary.failed > 0 || (!summary.verified && !summary.dryRun) { throw ExitCode(1) }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw CommandErrors.migration(error, checkpoint: checkpointPath)
        }
    }
}

extension PostgresChecksum: ExpressibleByArgument {}
