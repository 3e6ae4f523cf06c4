import AWSKit
import Crypto
import Foundation

/// A restore run from inside the stack's VPC, where the databases are: the dump (one tar, with the
/// script that checks the copy) goes to a migration bucket ferry creates for the run (SSE-S3, public
/// access blocked, deleted after); a one-off Fargate task in the stack's private subnets, with the
/// security group the database admits, fetches it through a presigned URL, restores it with the
/// engine's official image and prints its checks to its log; ferry follows the task to the end and
/// reads that log. The task definition is deregistered after.
///
/// The task has two containers sharing one volume: `fetch` (a small image with wget and tar) unpacks
/// the tar into it and exits; `restore` starts once that succeeded. The engines' images cannot all
/// fetch a tar themselves: `mysql:8.0` has curl but no tar, `mariadb` has tar but neither wget nor curl.
///
/// Checkpoint items: `stage` (done with the bucket and the tar's hash), `task` (its ARN, recorded
/// as soon as ECS started it, so a rerun after a kill waits for that task instead of starting a
/// second restore) and `cleanup`.
public struct RestoreTask: Sendable {
    /// What the stack provides (its outputs): where the task runs and as whom.
    public struct Stack: Sendable, Equatable {
        public var cluster: String
        public var placement: ECSClient.NetworkPlacement
        public var executionRoleARN: String
        public var logGroup: String
        public init(cluster: String, placement: ECSClient.NetworkPlacement, executionRoleARN: String, logGroup: String) {
            self.cluster = cluster
            self.placement = placement
            self.executionRoleARN = executionRoleARN
            self.logGroup = logGroup
        }
    }

    /// The container that restores: its image, the shell script it runs (the tar is unpacked in its
    /// working directory first; one command per line), its variables and its secrets (name → Secrets Manager `valueFrom`).
    public struct Restore: Sendable, Equatable {
        public var image: String
        public var script: String
        public var environment: [String: String]
        public var secrets: [String: String]
        public init(image: String, script: String, environment: [String: String], secrets: [String: String]) {
            self.image = image
            self.script = script
            self.environment = environment
            self.secrets = secrets
        }
    }

    public static let container = "restore"
    public static let fetcher = "fetch"
    /// busybox's wget (HTTPS through Alpine's ssl_client) and tar.
    public static let fetchImage = "alpine:3.20"
    /// Where the volume is mounted in both containers; the restore script runs there.
    public static let bundleDirectory = "/tmp/ferry"
    public static let streamPrefix = "ferry-migration"
    /// The log line the script prints last: everything before it was printed by a finished restore.
    public static let doneMarker = "FERRY-RESTORE-DONE"

    public var client: AWSClient
    public var stack: Stack
    public var family: String
    public var checkpoints: CheckpointStore
    /// How long to wait for the task (seconds) and between looks at it.
    public var timeout: Double = 6 * 3600
    public var pollInterval: Double = 5

    public init(client: AWSClient, stack: Stack, family: String, checkpoints: CheckpointStore) {
        self.client = client
        self.stack = stack
        self.family = family
        self.checkpoints = checkpoints
    }

    /// Runs `restore` on the files of `bundle` (a folder, sent as one tar) and returns the restore
    /// container's log lines before `doneMarker`. Throws when the task fails or prints no marker.
    public func run(bundle: String, restore: Restore, progress: any MigrationProgress) async throws -> [String] {
        let s3 = S3Client(client: client), ecs = ECSClient(client: client), logs = CloudWatchLogsClient(client: client)
        let tar = try Self.pack(bundle)
        defer { try? FileManager.default.removeItem(atPath: (tar as NSString).deletingLastPathComponent) }
        let tarHash = try Self.sha256(ofFile: tar)
        let size = ((try? FileManager.default.attributesOfItem(atPath: tar))?[.size] as? Int64) ?? 0

        // A run that finished cleaned up its bucket: this one starts afresh.
        if try checkpoints.item("cleanup")?.state == .done { for key in ["stage", "task", "cleanup"] { try checkpoints.remove(key) } }

        // 1. Stage the tar in a bucket of this run (named once, kept in the checkpoint).
        let bucket: String
        if let staged = try checkpoints.item("stage"), staged.state == .done, staged.expected?.hasSuffix(" " + tarHash) == true,
           let name = staged.expected?.split(separator: " ").first.map(String.init) {
            bucket = name
        } else {
            bucket = try checkpoints.item("stage")?.sourceFingerprint.split(separator: " ").first.map(String.init)
                ?? "ferry-migration-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            try checkpoints.recordIntent("stage", sourceFingerprint: bucket + " " + tarHash, size: size)
            progress.note("staging the dump (\(size) bytes) in s3://\(bucket), encrypted, deleted after the restore")
            do {
                if try await !s3.bucketExists(bucket) { try await s3.createBucket(bucket) }
                try await s3.blockPublicAccess(bucket)
                try await s3.encryptByDefault(bucket)
            } catch { throw MigrationError.wrap(error, source: false, "creating the migration bucket \(bucket)") }
            let folder = (tar as NSString).deletingLastPathComponent
            let upload = try CheckpointStore(path: checkpoints.path + ".stage", identity: "stage \(bucket)")
            let copy = try await ObjectCopier(source: DirectorySource(root: folder), destination: s3,
                                              bucket: bucket, prefix: "", checkpoints: upload).run(progress: progress)
            guard copy.verified, copy.failed == 0 else { throw MigrationError.target("staging the dump in s3://\(bucket): \(copy.notes.joined(separator: "; "))") }
            try? FileManager.default.removeItem(atPath: checkpoints.path + ".stage")
            try checkpoints.markDone("stage", expected: bucket + " " + tarHash)
        }
        let key = (tar as NSString).lastPathComponent

        // 2. Run the task, or find the one a killed run started.
        var taskARN = try checkpoints.item("task").flatMap { $0.state == .intent && $0.sourceFingerprint.hasSuffix(tarHash) ? $0.expected : nil }
        var definition: String?
        if taskARN == nil {
            let url = try await s3.presignedGetURL(bucket: bucket, key: key, expires: 12 * 3600)
            // One command per line under `set -e`: a failure anywhere stops the script before the marker
            // (in an `a && b` list, a failing `a` would not).
            let fetch = ["set -eu", "mkdir -p \(Self.bundleDirectory)", "find \(Self.bundleDirectory) -mindepth 1 -delete", "cd \(Self.bundleDirectory)",
                         "wget -q -O bundle.tar \"$FERRY_BUNDLE_URL\" || { echo 'cannot fetch the dump from the migration bucket (no route to S3: a NAT gateway or an S3 gateway endpoint)'; exit 1; }",
                         "tar -xf bundle.tar", "rm bundle.tar"].joined(separator: "\n")
            let script = ["set -eu", "cd \(Self.bundleDirectory)", restore.script, "echo \(Self.doneMarker)"].joined(separator: "\n")
            let volume = "bundle"
            let fetcher = ECSClient.ContainerSpec(name: Self.fetcher, image: Self.fetchImage, essential: false, memory: 256, entryPoint: ["sh", "-c"], command: [fetch],
                                                  environment: ["FERRY_BUNDLE_URL": url], mounts: [volume: Self.bundleDirectory],
                                                  logGroup: stack.logGroup, region: client.region, streamPrefix: Self.streamPrefix)
            let container = ECSClient.ContainerSpec(name: Self.container, image: restore.image, essential: true, memory: 4096 - 256, entryPoint: ["sh", "-c"], command: [script],
                                                    environment: restore.environment, secrets: restore.secrets, mounts: [volume: Self.bundleDirectory],
                                                    dependsOn: [Self.fetcher: "SUCCESS"], logGroup: stack.logGroup, region: client.region,
                                                    streamPrefix: Self.streamPrefix)
            let storage = Int((Double(size) * 3) / 1_073_741_824) + 21
            do {
                definition = try await ecs.registerTaskDefinition(family: family, cpu: 1024, memory: 4096, executionRoleARN: stack.executionRoleARN,
                                                                  containers: [fetcher, container], volumes: [volume], ephemeralStorageGiB: storage > 21 ? min(storage, 200) : nil)
                try checkpoints.recordIntent("task", sourceFingerprint: "starting " + tarHash, size: 0)
                let arn = try await ecs.runTask(cluster: stack.cluster, taskDefinition: definition ?? family, placement: stack.placement, startedBy: "ferry-migrate")
                try checkpoints.recordIntent("task", sourceFingerprint: "started " + tarHash, size: 0, expected: arn)
                taskARN = arn
            } catch let error as MigrationError { throw error } catch {
                throw MigrationError.wrap(error, source: false, "starting the restore task in cluster \(stack.cluster)")
            }
            progress.note("restore task \(taskARN ?? "") started in \(stack.placement.subnets.joined(separator: ", "))")
        } else {
            progress.note("following the restore task \(taskARN ?? "") an earlier run started")
        }
        guard let taskARN else { throw MigrationError.target("no restore task") }

        // 3. Follow it to the end.
        let started = Date()
        var last = ""
        var state: ECSClient.TaskState?
        while true {
            state = try await ecs.task(cluster: stack.cluster, arn: taskARN)
            guard let current = state else { throw MigrationError.target("ECS no longer knows the restore task \(taskARN)") }
            if current.lastStatus != last { progress.note("restore task: \(current.lastStatus)"); last = current.lastStatus }
            if current.isStopped { break }
            guard Date().timeIntervalSince(started) < timeout else {
                throw MigrationError.target("the restore task \(taskARN) is still \(current.lastStatus) after \(Int(timeout)) s: rerun to keep waiting")
            }
            try await Task.sleep(for: .seconds(pollInterval))
        }
        func log(_ container: String) async -> (stream: String, lines: [String]) {
            let stream = "\(Self.streamPrefix)/\(container)/\(state?.id ?? "")"
            return (stream, (try? await logs.streamMessages(logGroup: stack.logGroup, stream: stream)) ?? [])
        }
        let (stream, lines) = await log(Self.container)
        // A restore that never started: what the fetch said is the reason.
        let fetched = lines.isEmpty ? await log(Self.fetcher) : (stream: "", lines: [])
        try checkpoints.markDone("task", expected: taskARN)

        // 4. Clean up whatever the outcome: the bucket holds the data.
        try? await s3.deleteObject(bucket: bucket, key: key)
        try? await s3.deleteBucket(bucket)
        if let definition { try? await ecs.deregisterTaskDefinition(definition) }
        try checkpoints.markDone("cleanup", expected: bucket)

        if let code = state?.exitCodes[Self.fetcher], code != 0 {
            let tail = fetched.lines.suffix(3).joined(separator: " | ")
            throw MigrationError.target("fetching the dump in the task exited with \(code): \(tail.isEmpty ? "see log stream \(fetched.stream)" : tail)")
        }
        if let code = state?.exitCodes[Self.container], code != 0 {
            let tail = lines.suffix(5).joined(separator: " | ")
            throw MigrationError.target("the restore task exited with \(code)\(state?.stoppedReason.map { " (\($0))" } ?? ""): \(tail.isEmpty ? "see log stream \(stream)" : tail)")
        }
        guard let done = lines.lastIndex(of: Self.doneMarker) else {
            let tail = (lines.isEmpty ? fetched.lines : lines).suffix(3).joined(separator: " | ")
            throw MigrationError.target("the restore task stopped without finishing\(state?.stoppedReason.map { " (\($0))" } ?? "")"
                                        + (tail.isEmpty ? "" : ": \(tail)") + "; log stream \(stream) in \(stack.logGroup)")
        }
        return Array(lines[..<done])
    }

    /// The folder as one tar, alone in a folder beside it (what the bucket receives).
    static func pack(_ folder: String) throws -> String {
        let stage = folder + ".stage"
        try? FileManager.default.removeItem(atPath: stage)
        try FileManager.default.createDirectory(atPath: stage, withIntermediateDirectories: true)
        let tar = stage + "/bundle.tar"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "-C", folder, "-cf", tar, "."]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw MigrationError.usage("cannot run tar: \(error)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MigrationError.source("tar could not pack \(folder)") }
        return tar
    }

    static func sha256(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw MigrationError.source("cannot read \(path)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return ValueHash.hexBytes(hasher.finalize())
    }
}
