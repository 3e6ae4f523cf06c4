import ArgumentParser
import AWSKit
import Blueprint
import ComposeKit
import Foundation
import Migrator
import Planner
import Renderers

/// `ferry migrate objects`: copies a directory or a bucket (by default the project's MinIO) into
/// the stack's bucket, skipping what is already there, and verifies every object.
struct MigrateObjectsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "objects",
        abstract: "Copy objects from a directory, MinIO or another bucket into the stack's bucket, verified.",
        discussion: """
            Without --from: the project's MinIO service (its published port; its credentials from the \
            environment and env files). An s3:// source on another endpoint signs with FERRY_SOURCE_AWS_ACCESS_KEY_ID / \
            FERRY_SOURCE_AWS_SECRET_ACCESS_KEY when set, else MinIO's credentials, else --source-aws-profile or the \
            destination's. Without --to: the stack's only bucket. Objects above --multipart-threshold-mib go up in \
            parts; every write carries Content-MD5 and each copy is checked against the ETag computed while sending it.
            """)

    @ParentCommand var root: Ferry
    @OptionGroup var local: ProjectOptions
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions
    @OptionGroup var options: MigrateOptions

    @Option(help: "Source: a directory or s3://BUCKET[/PREFIX] (default: the project's MinIO bucket).")
    var from: String?

    @Option(name: .customLong("source-endpoint-url"), help: "S3 API endpoint of an s3:// source (MinIO, moto); default: the project's MinIO.")
    var sourceEndpointURL: String?

    @Option(name: .customLong("source-aws-profile"), help: "Profile whose credentials read the source.")
    var sourceProfile: String?

    @Option(help: "Destination: s3://BUCKET[/PREFIX] (default: the stack's bucket).")
    var to: String?

    @Flag(help: "Delete destination objects under the prefix that the source does not have.")
    var delete = false

    @Option(help: "Objects copied at once (memory stays below concurrency × part size, twice over).")
    var concurrency = 8

    @Option(name: .customLong("part-size-mib"), help: "Multipart part size in MiB (at least 5).")
    var partSizeMiB = 8

    @Option(name: .customLong("multipart-threshold-mib"), help: "Objects above this many MiB are uploaded in parts.")
    var multipartThresholdMiB = 8

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1–64") }
        guard (5...512).contains(partSizeMiB) else { throw ValidationError("--part-size-mib must be 5–512") }
        guard (5...5120).contains(multipartThresholdMiB) else { throw ValidationError("--multipart-threshold-mib must be 5–5120") }
        if let sourceEndpointURL, URL(string: sourceEndpointURL)?.host == nil {
            throw ValidationError("--source-endpoint-url must be an http(s) URL, e.g. http://localhost:9000")
        }
    }

    func run() async throws {
        let terminal = MigrationTerminal(json: options.format == .json)
        var checkpointPath: String?
        do {
            let projectOptions = root.project.overridden(by: local)
            let fromLocation = try from.map(ObjectLocation.parse)
            let toLocation = try to.map(ObjectLocation.parse)
            if case .directory? = toLocation { throw CLIError.usage("--to must be s3://BUCKET[/PREFIX]") }
            let destinationClient = try aws.client()

            // The project is read only when it must say something: the MinIO source or the stack's bucket.
            var project: Project?
            var minio: MinIOService?
            let needsMinIO: Bool = { if case .directory? = fromLocation { return false }; return sourceEndpointURL == nil }()
            if fromLocation == nil || toLocation == nil {
                project = try projectOptions.loadProject()
            } else if needsMinIO {
                project = try? projectOptions.loadProject()
            }
            if needsMinIO, let project { minio = try MinIOService.find(in: project) }
            if fromLocation == nil && minio == nil {
                throw CLIError.usage("the project has no MinIO service: pass --from DIR or --from s3://BUCKET with --source-endpoint-url")
            }

            let source = try await makeSource(fromLocation, minio: minio, region: destinationClient.region)
            let (bucket, prefix) = try await destinationBucket(toLocation, from: fromLocation, project: project,
                                                               projectOptions: projectOptions, client: destinationClient)
            let destinationEndpoint = (try? destinationClient.endpoints.resolve(.s3, region: destinationClient.region).baseURL) ?? ""
            let identity = "objects|\(sourceIdentity(source, minio: minio))|\(destinationEndpoint)/\(bucket)/\(prefix)"
            let path = CheckpointStore.path(directory: options.checkpoints(project: projectOptions), kind: "objects", target: bucket, identity: identity)
            checkpointPath = path
            try options.confirm("Copy \(source.description) to s3://\(bucket)/\(prefix)\(delete ? ", deleting what the source lacks" : "")?", terminal: terminal)
            let store = try CheckpointStore(path: path, identity: identity)
            var copyOptions = ObjectCopier.Options()
            copyOptions.concurrency = concurrency
            copyOptions.partSize = Int64(partSizeMiB) << 20
            copyOptions.multipartThreshold = Int64(multipartThresholdMiB) << 20
            copyOptions.delete = delete
            copyOptions.dryRun = options.dryRun
            let copier = ObjectCopier(source: source, destination: S3Client(client: destinationClient), bucket: bucket, prefix: prefix,
                                      checkpoints: store, options: copyOptions)
            let summary = try await Interrupts.run { try await copier.run(progress: terminal) }
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

    func makeSource(_ location: ObjectLocation?, minio: MinIOService?, region: String) async throws -> any ObjectSource {
        if case .directory(let path)? = location { return DirectorySource(root: path) }
        let endpoint = sourceEndpointURL ?? minio?.endpoint
        let environment = ProcessInfo.processInfo.environment
        var settings = AWSSettings(profile: sourceProfile, region: region, endpointURL: endpoint)
        if endpoint == nil { settings = AWSSettings(profile: sourceProfile, region: region, endpointURL: nil) }
        var client = try AWSClient.make(settings: settings)
        if let id = environment["FERRY_SOURCE_AWS_ACCESS_KEY_ID"], let key = environment["FERRY_SOURCE_AWS_SECRET_ACCESS_KEY"] {
            client.credentials = StaticCredentialProvider(AWSCredentials(accessKeyID: id, secretAccessKey: key, source: "FERRY_SOURCE_AWS_*"))
        } else if let minio, sourceProfile == nil, sourceEndpointURL == nil {
            client.credentials = StaticCredentialProvider(AWSCredentials(accessKeyID: minio.accessKey, secretAccessKey: minio.secretKey,
                                                                         source: "MinIO service \(minio.service)"))
        }
        let s3 = S3Client(client: client)
        if case .bucket(let name, let prefix)? = location { return BucketSource(s3: s3, bucket: name, prefix: prefix) }
        let where_ = "the MinIO service \(minio?.service ?? "") at \(endpoint ?? "")"
        let buckets: [String]
        do { buckets = try await s3.listBuckets() } catch { throw MigrationError.source("listing the buckets of \(where_): \(error)") }
        guard buckets.count == 1, let only = buckets.first else {
            throw CLIError.usage(buckets.isEmpty ? "\(where_) has no bucket: nothing to copy"
                : "\(where_) has \(buckets.count) buckets (\(buckets.joined(separator: ", "))): pass --from s3://BUCKET for each")
        }
        return BucketSource(s3: s3, bucket: only, prefix: "")
    }

    func destinationBucket(_ location: ObjectLocation?, from source: ObjectLocation?, project: Project?,
                           projectOptions: ProjectOptions, client: AWSClient) async throws -> (String, String) {
        if case .bucket(let name, let prefix)? = location { return (name, prefix) }
        let stackName = try stack.resolve(project: projectOptions)
        let buckets = try await StackTargets.read(stackName: stackName, client: client).buckets
        // A directory the plan turned into a bucket (`./data` bind-mounted by a service) goes to that bucket.
        if case .directory(let path)? = source, let project,
           let logicalID = Self.bucketLogicalID(replacing: path, project: project),
           let match = buckets.first(where: { $0.logicalID == logicalID }) {
            return (match.name, "")
        }
        guard buckets.count == 1, let only = buckets.first else {
            throw CLIError.usage(buckets.isEmpty ? "the stack \(stackName) has no bucket: pass --to s3://BUCKET"
                : "the stack \(stackName) has \(buckets.count) buckets (\(buckets.map { "\($0.logicalID): \($0.name)" }.joined(separator: ", "))): pass --to s3://BUCKET")
        }
        return (only.name, "")
    }

    /// The logical ID of the bucket the plan made for this host directory, if any.
    static func bucketLogicalID(replacing path: String, project: Project) -> String? {
        let blueprint = Planner.plan(project)
        let wanted = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
        guard let bucket = blueprint.buckets.first(where: { bucket in
            guard let directory = bucket.sourceDirectory else { return false }
            return URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: project.workingDirectory + "/")).standardizedFileURL.path == wanted
        }) else { return nil }
        return ScopedLogicalIDs(pairs: TemplateResourceNames.pairs(blueprint), reserved: TemplateResourceNames.singletons)[bucket.name, "Bucket"]
    }

    func sourceIdentity(_ source: any ObjectSource, minio: MinIOService?) -> String {
        if let directory = source as? DirectorySource { return URL(fileURLWithPath: directory.root).standardizedFileURL.path }
        return (sourceEndpointURL ?? minio?.endpoint ?? "aws") + "/" + source.description
    }
}
