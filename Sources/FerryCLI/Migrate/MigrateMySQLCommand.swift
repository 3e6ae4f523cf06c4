import ArgumentParser
import ComposeKit
import Foundation
import Migrator

/// `ferry migrate mysql`: per-table parallel dump and restore, then table-by-table verification.
struct MigrateMySQLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mysql",
        abstract: "Copy a MySQL or MariaDB database (mariadb-dump/mysqldump per table, in parallel) and verify every table.",
        discussion: """
            Without --from: the project's MySQL/MariaDB service at its published port, with the user, password and \
            database from its environment (MYSQL_* or MARIADB_*). Both ends must be reachable from here: the managed \
            database through SSM port forwarding or from inside the VPC; or, with --in-vpc instead of --to, the dump is \
            restored and checked by a one-off task inside the stack's VPC (docs/MIGRATION.md). Passwords reach the tools \
            only through MYSQL_PWD, never their arguments or the output. Tables of the same names on the target are \
            replaced. The init scripts the service mounts into /docker-entrypoint-initdb.d run against the target first, once.
            """)

    @ParentCommand var root: Ferry
    @OptionGroup var local: ProjectOptions
    @OptionGroup var options: MigrateOptions
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions

    @Option(help: "Source database: mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (default: the project's MySQL/MariaDB service).")
    var from: String?

    @Option(help: "Target database: mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (not with --in-vpc).")
    var to: String?

    @Flag(name: .customLong("in-vpc"), help: "Restore from a one-off task in the stack's private subnets (the stack's database, its credentials secret).")
    var inVPC = false

    @Option(help: "With --in-vpc: the database of the stack to restore into (its compose service name) when it has several.")
    var database: String?

    @Option(help: "With --in-vpc: the image that restores (default mysql:8.0, or mariadb:<server major.minor> for a MariaDB source).")
    var image: String?

    @Option(help: "Tables dumped, loaded and checked at once.")
    var jobs = 4

    @Flag(name: .customLong("no-init-scripts"), help: "Do not run the service's /docker-entrypoint-initdb.d scripts against the target.")
    var noInitScripts = false

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be 1–64") }
        guard inVPC == (to == nil) else { throw ValidationError(inVPC ? "--in-vpc restores into the stack's database: drop --to" : "pass --to URL, or --in-vpc") }
        guard inVPC || (database == nil && image == nil) else { throw ValidationError("--database and --image go with --in-vpc") }
    }

    /// The source URL: --from, or the project's MySQL/MariaDB service (with its password).
    func sourceURL(_ projectOptions: ProjectOptions) throws -> (url: String, service: Service?) {
        let service = DatabaseService.project(projectOptions).flatMap { DatabaseService.find(.mysql, in: $0) }
        guard let url = from ?? service.map({ DatabaseService.mysqlURL($0, password: true) }) else {
            throw CLIError.usage("no MySQL or MariaDB service found in the project: pass --from mysql://USER@HOST:PORT/DATABASE")
        }
        return (url, service)
    }

    func run() async throws {
        if inVPC { return try await runInVPC() }
        let terminal = MigrationTerminal(json: options.format == .json)
        var checkpointPath: String?
        do {
            let projectOptions = root.project.overridden(by: local)
            let (url, service) = try sourceURL(projectOptions)
            let source = try MySQLConnection(url: url)
            let target = try MySQLConnection(url: to ?? "")
            let found = DatabaseService.initScripts(noInitScripts ? nil : service)
            let identity = "mysql|\(source)|\(target)"
            let directory = options.checkpoints(project: projectOptions)
            let path = CheckpointStore.path(directory: directory, kind: "mysql", target: target.database, identity: identity)
            checkpointPath = path
            try options.confirm("Restore \(source) into \(target), replacing tables of the same names there?", terminal: terminal)
            let store = try CheckpointStore(path: path, identity: identity)
            let work = String(path.dropLast(".sqlite".count)) + ".d"
            let migrator = MySQLMigrator(source: source, target: target, jobs: jobs, workDirectory: work, checkpoints: store, initScripts: found.scripts)
            let dryRun = options.dryRun
            var summary = try await Interrupts.run { try await migrator.run(dryRun: dryRun, progress: terminal) }
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
