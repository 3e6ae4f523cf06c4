import ArgumentParser
import Blueprint
import ComposeKit
import Foundation
import Migrator
import Planner

/// `ferry migrate plan`: what moves where, in which order, with the command for each step, each
/// source's size and the time it should take. It reads the project, its plan and the sources (read
/// only: listings, the database's size functions, DescribeTable), and the stack's outputs only when
/// it writes an AWS-native path.
struct MigratePlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what ferry migrate would move where, in order: sizes, estimated times and the command for each step.",
        discussion: """
            Sizes come from the running Compose sources (MinIO's listing, the database's own size, dynamodb-local's \
            DescribeTable, the files); --offline skips them. Times use this project's earlier runs (rates.json beside \
            the checkpoints) or the benchmark rates in docs/BENCHMARKS.md. Above the thresholds in docs/MIGRATION.md \
            (objects > 1 TiB or > 10 M, a table > 50 GiB, a database > 500 GiB or a copy longer than \
            --downtime-budget) the step says so and the AWS-native path is written to --native-dir.
            """)

    @ParentCommand var root: Ferry
    @OptionGroup var local: ProjectOptions
    @OptionGroup var planning: MigratePlanningOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "AWS region of the plan (default: AWS_REGION, else the project's or us-east-1).")
    var region: String?

    @Flag(help: "Do not measure the sources (no connection to MinIO, the databases or dynamodb-local).")
    var offline = false

    @Option(name: .customLong("downtime-budget"), help: "Longest the application may stop for the copy (e.g. 30m, 2h): a longer database copy takes the DMS path.")
    var downtimeBudget: String?

    @Option(name: .customLong("checkpoint-dir"), help: "Where checkpoints and measured rates are kept (default: <project directory>/.ferry/migrations).")
    var checkpointDirectory: String?

    @Flag(help: "Write the AWS-native path of every step that has one, not only of the steps past the thresholds.")
    var native = false

    @Option(name: .customLong("native-dir"), help: "Where AWS-native paths are written (default: <checkpoint dir>/native).")
    var nativeDirectory: String?

    @OptionGroup var stack: StackNameOption

    func validate() throws {
        if let downtimeBudget, (Durations.parse(downtimeBudget) ?? 0) <= 0 {
            throw ValidationError("--downtime-budget must be a duration such as 30m, 1h30m or 45s")
        }
    }

    struct Step: Codable, Equatable {
        var order: Int
        var kind: String
        var source: String
        var target: String
        var items: Int?
        var command: String?
        /// Empty when ferry moves it; otherwise why not (yet) and what to do instead.
        var status: String
        /// What the source holds, when measured.
        var size: SourceSize?
        var estimatedSeconds: Double?
        /// Where the estimate's rate comes from.
        var rate: String?
        /// Why this step should take the AWS-native path instead (empty: one machine is fine).
        var beyondOneMachine: [String]?
        /// The AWS-native path written for this step.
        var native: NativeStep?
        /// How the step's source is measured, and the plan's name for its target (not part of the output).
        var probe: SourceProbe = .none
        var store: String?

        enum CodingKeys: String, CodingKey {
            case order, kind, source, target, items, command, status, size, estimatedSeconds, rate, beyondOneMachine, native
        }
    }

    func run() async throws {
        try await CLIError.reporting {
            let projectOptions = root.project.overridden(by: local)
            let project = try projectOptions.loadProject()
            CLIError.printDiagnostics(project)
            let blueprint = Planner.plan(project, options: planning.planOptions(region: region))
            var steps = Self.steps(project: project, blueprint: blueprint)
            let directory = checkpointDirectory ?? MigrateOptions.defaultDirectory(project: projectOptions)
            if !offline {
                let budget = downtimeBudget.flatMap(Durations.parse)
                steps = await Self.measured(steps, rates: RateBook(directory: directory), downtimeBudget: budget)
            }
            let wanted = steps.indices.filter { native || !(steps[$0].beyondOneMachine ?? []).isEmpty }
            if !wanted.isEmpty {
                let stackName = try stack.resolve(project: projectOptions)
                let outputs = offline ? [:] : await Self.stackOutputs(stackName: stackName, region: blueprint.region)
                let folder = nativeDirectory ?? (directory as NSString).appendingPathComponent("native")
                for index in wanted {
                    guard let store = steps[index].store,
                          let plan = Self.nativePlan(for: steps[index], blueprint: blueprint, stackName: stackName, outputs: outputs) else { continue }
                    steps[index].native = try Self.write(plan, store: store, under: folder)
                }
            }
            if format == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(["steps": steps]), as: UTF8.self))
                return
            }
            print("Data migration for \(blueprint.project) (\(blueprint.environment), \(blueprint.region)), in order:")
            for step in steps {
                print("\(step.order). \(step.kind): \(step.source) → \(step.target)" + (step.items.map { " (\($0) item(s))" } ?? ""))
                if let size = step.size {
                    print("   size: \(size.description)" + (step.estimatedSeconds.map { ", about \(MigrationScale.duration($0))" } ?? "")
                        + (step.rate.map { " (rate: \($0))" } ?? ""))
                }
                if let command = step.command { print("   run: \(command)") }
                if !step.status.isEmpty { print("   \(step.status)") }
                if let reasons = step.beyondOneMachine, !reasons.isEmpty {
                    print("   beyond one machine: \(reasons.joined(separator: "; ")): use the AWS-native path below")
                }
                if let native = step.native {
                    print("   AWS-native path (\(native.service)): \((native.directory as NSString).appendingPathComponent("README.md"))")
                }
            }
            if steps.isEmpty { print("Nothing to move: the plan has no secrets, buckets or data stores fed from the project.") }
        }
    }

    /// The Compose database as seen from the host (its published port), without the password.
    /// With `password`, the service's POSTGRES_PASSWORD in it: for the size probe only, never printed.
    static func postgresURL(_ service: Service?, password: Bool = false) -> String {
        let port = service?.ports.first { $0.target == 5432 }?.published?.split(separator: "-").first.map(String.init) ?? "5432"
        let user = service?.env("POSTGRES_USER") ?? "postgres"
        let database = service?.env("POSTGRES_DB") ?? user
        let secret = password ? service?.env("POSTGRES_PASSWORD").flatMap { $0.isEmpty ? nil : $0 } : nil
        let credentials = secret.map { user + ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? user
        return "postgresql://\(credentials)@127.0.0.1:\(port)/\(database)"
    }

    /// The dynamodb-local table (its published port) when the project runs one, else an export file.
    static func dynamoDBStep(_ table: DynamoDBTable, project: Project, tables: Int) -> (String, String, String) {
        let to = tables > 1 ? " --to <table of \(table.name)>" : ""
        if let local = (try? DynamoDBLocalService.find(in: project)) ?? nil {
            let from = table.tableName.map { " --from dynamodb://\($0)" } ?? ""
            return ("DynamoDB Local service \(local.service) (\(local.endpoint))",
                    "ferry migrate dynamodb\(from)\(to) --dry-run, then ferry migrate dynamodb\(from)\(to)", "")
        }
        return ("an export you name (JSON lines, DynamoDB JSON or a Firestore export)",
                "ferry migrate dynamodb --from FILE\(to) --dry-run, then ferry migrate dynamodb --from FILE\(to)",
                "the record formats are in docs/MIGRATION.md")
    }

    /// Secrets first (services fail closed without them), then objects, then databases and tables.
    static func steps(project: Project, blueprint: Blueprint) -> [Step] {
        var steps: [Step] = []
        func add(_ kind: String, _ source: String, _ target: String, items: Int? = nil, command: String?, status: String = "",
                 probe: SourceProbe = .none, store: String? = nil) {
            steps.append(Step(order: steps.count + 1, kind: kind, source: source, target: target, items: items, command: command, status: status,
                              probe: probe, store: store))
        }
        let items = SecretSources.items(project: project, blueprint: blueprint)
        if !items.isEmpty {
            let generated = items.filter { $0.generated }.count
            let owned = items.filter { $0.stackOwned }.count
            let missing = items.filter { !$0.generated && !$0.stackOwned && ($0.value ?? "").isEmpty }.count
            var notes: [String] = []
            if generated > 0 { notes.append("\(generated) generated by the template (kept unless --overwrite-generated)") }
            if owned > 0 { notes.append("\(owned) owned by the stack (never overwritten)") }
            if missing > 0 { notes.append("\(missing) without a value in the project: set by hand") }
            add("secrets", ".env, env files, compose secrets: files", "Secrets Manager and SSM Parameter Store", items: items.count,
                command: "ferry migrate secrets --dry-run, then ferry migrate secrets", status: notes.joined(separator: "; "))
        }
        for bucket in blueprint.buckets.sorted(by: { $0.name < $1.name }) {
            if let replaced = bucket.replaces, let service = project.service(named: replaced), MinIOService.isMinIO(service.image ?? "") {
                let minio = (try? MinIOService.find(in: project)) ?? nil
                add("objects", "MinIO service \(replaced) (\(minio?.endpoint ?? "its published port"))", "S3 bucket \(bucket.name)",
                    command: "ferry migrate objects --dry-run, then ferry migrate objects" + (blueprint.buckets.count > 1 ? " --to s3://<bucket of \(bucket.name)>" : ""),
                    probe: minio.map { .minio($0) } ?? .none, store: bucket.name)
            } else if let directory = bucket.sourceDirectory {
                let path = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: project.workingDirectory + "/")).standardizedFileURL.path
                add("objects", "host directory \(directory)", "S3 bucket \(bucket.name)",
                    command: "ferry migrate objects --from \(directory) --dry-run, then ferry migrate objects --from \(directory)",
                    probe: .directory(path), store: bucket.name)
            } else if !bucket.cloudFront {
                add("objects", "a directory or bucket you name", "S3 bucket \(bucket.name)",
                    command: "ferry migrate objects --from DIR|s3://BUCKET --to s3://<bucket of \(bucket.name)>")
            }
        }
        for store in blueprint.dataStores.sorted(by: { $0.name < $1.name }) {
            switch store.kind {
            case .rdsPostgresql, .auroraPostgresql:
                add("database", "compose service \(store.name)", "\(store.kind.rawValue) \(store.engine) \(store.engineVersion)",
                    command: "ferry migrate postgres --from \(postgresURL(project.service(named: store.name))) --in-vpc"
                        + (blueprint.dataStores.filter { $0.kind.isRelational }.count > 1 ? " --database \(store.name)" : ""),
                    status: "restored and checked from a one-off task in the stack's VPC; or --to URL through SSM port forwarding (docs/MIGRATION.md); the source password goes in the URL or PGPASSWORD",
                    probe: .postgres(postgresURL(project.service(named: store.name), password: true)), store: store.name)
            case .rdsMysql, .auroraMysql:
                add("database", "compose service \(store.name)", "\(store.kind.rawValue) \(store.engine) \(store.engineVersion)",
                    command: "ferry migrate mysql --from \(DatabaseService.mysqlURL(project.service(named: store.name))) --to mysql://USER@HOST:PORT/DB",
                    status: "the target must be reachable from here: SSM port forwarding or a task in the VPC (docs/MIGRATION.md); the password goes in the URL",
                    probe: .mysql(DatabaseService.mysqlURL(project.service(named: store.name), password: true)), store: store.name)
            default:
                continue  // caches and brokers start empty by design
            }
        }
        for table in blueprint.tables.sorted(by: { $0.name < $1.name }) {
            let (source, command, status) = dynamoDBStep(table, project: project, tables: blueprint.tables.count)
            let local = (try? DynamoDBLocalService.find(in: project)) ?? nil
            add("dynamodb", source, "DynamoDB table \(table.tableName ?? table.name)", command: command, status: status,
                probe: local.flatMap { local in table.tableName.map { .dynamoDBLocal(endpoint: local.endpoint, table: $0) } } ?? .none,
                store: table.name)
        }
        return steps
    }
}
