import ArgumentParser
import AWSKit
import ComposeKit
import Foundation
import Migrator

/// `ferry migrate dynamodb`: copies a table (by default the project's dynamodb-local) or an item
/// file (JSON lines, DynamoDB JSON, a Firestore export) into the stack's table, verified.
struct MigrateDynamoDBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamodb",
        abstract: "Copy a DynamoDB table or an item file (JSON lines, DynamoDB JSON, Firestore export) into the stack's table, verified.",
        discussion: """
            Without --from: the project's dynamodb-local service (its published port) and its only table. \
            A dynamodb:// source on another endpoint signs with FERRY_SOURCE_AWS_ACCESS_KEY_ID / \
            FERRY_SOURCE_AWS_SECRET_ACCESS_KEY when set, else the destination's credentials. Without --to: the \
            stack's only table. The target's key schema is checked before anything is written; the copy is \
            verified by a count and an order-independent SHA-256 digest of the items on both sides.
            """)

    @ParentCommand var root: Ferry
    @OptionGroup var local: ProjectOptions
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions
    @OptionGroup var options: MigrateOptions

    @Option(help: "Source: dynamodb://TABLE or a file (default: the project's dynamodb-local table).")
    var from: String?

    @Option(name: .customLong("source-endpoint-url"), help: "DynamoDB endpoint of a dynamodb:// source (dynamodb-local, moto); default: the project's dynamodb-local.")
    var sourceEndpointURL: String?

    @Option(help: "Target table name (default: the stack's table).")
    var to: String?

    @Option(name: .customLong("input-format"), help: "Records of a file: auto, json, dynamodb-json or firestore (auto: from the first record).")
    var inputFormat: String = "auto"

    @Option(help: "BatchWriteItem requests in flight.")
    var concurrency = 8

    @Option(name: .customLong("read-concurrency"), help: "Source pages (Scan requests, file ranges) read at once.")
    var readConcurrency = 2

    @Option(help: "How the copy is verified: readback (each page read back by key as it is written) or scan (one Scan of the whole target at the end, which also finds items the source lacks) or none (acknowledged writes only; the run is reported as not verified).")
    var verify: String = "readback"

    @Option(name: .customLong("scan-page-size"), help: "Items per Scan page of a source table (default: full 1 MB pages; smaller pages read less capacity per request and commit checkpoints more often).")
    var scanPageSize: Int?

    @Option(help: "Parallel scan segments of a source table (ranges of a file).")
    var segments = 4

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1–64") }
        guard (1...64).contains(readConcurrency) else { throw ValidationError("--read-concurrency must be 1–64") }
        guard (1...64).contains(segments) else { throw ValidationError("--segments must be 1–64") }
        if let scanPageSize, !(1...10_000).contains(scanPageSize) { throw ValidationError("--scan-page-size must be 1–10000") }
        guard TableCopier.Verification(rawValue: verify) != nil else { throw ValidationError("--verify must be readback, scan or none") }
        guard inputFormat == "auto" || ItemFileFormat(rawValue: inputFormat) != nil else {
            throw ValidationError("--input-format must be auto, json, dynamodb-json or firestore")
        }
        if let sourceEndpointURL, URL(string: sourceEndpointURL)?.host == nil {
            throw ValidationError("--source-endpoint-url must be an http(s) URL, e.g. http://localhost:8000")
        }
        if let to, to.isEmpty || to.hasPrefix("dynamodb://") && to.count == "dynamodb://".count {
            throw ValidationError("--to must name a table")
        }
    }

    /// `dynamodb://TABLE` → the table name; anything else is a file.
    static func tableName(_ location: String) -> String? {
        guard location.hasPrefix("dynamodb://") else { return nil }
        return String(location.dropFirst("dynamodb://".count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    func run() async throws {
        let terminal = MigrationTerminal(json: options.format == .json)
        var checkpointPath: String?
        do {
            let projectOptions = root.project.overridden(by: local)
            let destinationClient = try aws.client()
            let destinationEndpoint = (try? destinationClient.endpoints.resolve(.dynamoDB, region: destinationClient.region).baseURL) ?? ""
            var targetTable = to.map { Self.tableName($0) ?? $0 }
            let fromTable = from.flatMap(Self.tableName)
            if fromTable?.isEmpty == true { throw CLIError.usage("--from dynamodb:// needs a table name: dynamodb://TABLE") }

            var project: Project?
            var localService: DynamoDBLocalService?
            if from == nil || (fromTable != nil && sourceEndpointURL == nil) || targetTable == nil {
                project = from == nil || targetTable == nil ? try projectOptions.loadProject() : try? projectOptions.loadProject()
            }
            if sourceEndpointURL == nil, from == nil || fromTable != nil, let project { localService = try DynamoDBLocalService.find(in: project) }
            if from == nil && localService == nil {
                throw CLIError.usage("the project has no dynamodb-local service: pass --from FILE, or --from dynamodb://TABLE with --source-endpoint-url")
            }
            if targetTable == nil { targetTable = try await stackTable(projectOptions: projectOptions, client: destinationClient) }
            guard let targetTable else { throw CLIError.usage("pass --to TABLE") }

            let source: any ItemSource
            let sourceIdentity: String
            if let from, fromTable == nil {
                let format = inputFormat == "auto" ? nil : ItemFileFormat(rawValue: inputFormat)
                let file = try ItemFileSource(path: from, format: format, partitions: segments, pageSize: 25 * concurrency * 2)
                source = file
                sourceIdentity = URL(fileURLWithPath: from).standardizedFileURL.path + "|" + file.format.rawValue
                terminal.say("reading \(from) as \(file.format.rawValue) (\(file.recordCount) record(s))")
            } else {
                let endpoint = sourceEndpointURL ?? localService?.endpoint
                var client = try AWSClient.make(settings: AWSSettings(profile: aws.awsProfile, region: destinationClient.region,
                                                                      endpointURL: endpoint ?? aws.endpointURL))
                let environment = ProcessInfo.processInfo.environment
                if let id = environment["FERRY_SOURCE_AWS_ACCESS_KEY_ID"], let key = environment["FERRY_SOURCE_AWS_SECRET_ACCESS_KEY"] {
                    client.credentials = StaticCredentialProvider(AWSCredentials(accessKeyID: id, secretAccessKey: key, source: "FERRY_SOURCE_AWS_*"))
                } else {
                    client.credentials = destinationClient.credentials
                }
                let label: String
                if let localService, sourceEndpointURL == nil {
                    label = "the DynamoDB Local service \(localService.service) at \(localService.endpoint)"
                } else {
                    label = endpoint ?? (try? client.endpoints.resolve(.dynamoDB, region: client.region).baseURL) ?? "AWS"
                }
                let dynamo = DynamoDBClient(client: client)
                let name: String
                if let fromTable { name = fromTable } else { name = try await onlyTable(dynamo, where: label, preferring: targetTable) }
                source = TableSource(client: dynamo, table: name, segments: segments, pageSize: scanPageSize, endpoint: label)
                sourceIdentity = (endpoint ?? "aws") + "/" + name
            }

            let identity = "dynamodb|\(sourceIdentity)|\(source.partitionCount)|\(destinationEndpoint)/\(targetTable)"
            let path = CheckpointStore.path(directory: options.checkpoints(project: projectOptions), kind: "dynamodb", target: targetTable, identity: identity)
            checkpointPath = path
            try options.confirm("Copy the items of \(source.description) into the DynamoDB table \(targetTable) (same keys are replaced)?", terminal: terminal)
            let store = try CheckpointStore(path: path, identity: identity)
            var copyOptions = TableCopier.Options()
            copyOptions.concurrency = concurrency
            copyOptions.readConcurrency = readConcurrency
            copyOptions.dryRun = options.dryRun
            copyOptions.verifySegments = max(4, segments)
            copyOptions.verify = TableCopier.Verification(rawValue: verify) ?? .readBack
            let copier = TableCopier(source: source, target: DynamoDBClient(client: destinationClient), table: targetTable,
                                     targetEndpoint: destinationEndpoint, checkpoints: store, options: copyOptions)
            let summary = try await Interrupts.run { try await copier.run(progress: terminal) }
            terminal.finish(summary)
            RateBook(directory: options.checkpoints(project: projectOptions)).record(summary)
            if options.format == .json { print(summary.json()) }
            if summary.failed > 0 || (!summary.verified && !summary.dryRun && copyOptions.verify != .none) { throw ExitCode(1) }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw CommandErrors.migration(error, checkpoint: checkpointPath)
        }
    }

    /// The source endpoint's only table, or the one named like the target.
    func onlyTable(_ client: DynamoDBClient, where label: String, preferring target: String) async throws -> String {
        let tables: [String]
        do { tables = try await client.listTables() } catch { throw MigrationError.source("listing the tables of \(label): \(error)") }
        if tables.count == 1, let only = tables.first { return only }
        if tables.contains(target) { return target }
        throw CLIError.usage(tables.isEmpty ? "\(label) has no table: nothing to copy"
            : "\(label) has \(tables.count) tables (\(tables.joined(separator: ", "))): pass --from dynamodb://TABLE")
    }

    func stackTable(projectOptions: ProjectOptions, client: AWSClient) async throws -> String {
        let stackName = try stack.resolve(project: projectOptions)
        let tables = try await StackTargets.read(stackName: stackName, client: client).tables
        guard tables.count == 1, let only = tables.first else {
            throw CLIError.usage(tables.isEmpty ? "the stack \(stackName) has no DynamoDB table: pass --to TABLE"
                : "the stack \(stackName) has \(tables.count) tables (\(tables.map { "\($0.logicalID): \($0.name)" }.joined(separator: ", "))): pass --to TABLE")
        }
        return only.name
    }
}
