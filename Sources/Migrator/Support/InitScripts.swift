import Foundation

/// The scripts a database container runs from `/docker-entrypoint-initdb.d` on its first start
/// (the official postgres, mysql and mariadb images): `*.sql` and `*.sql.gz` are run, in name order,
/// against the target before the restore, once each (checkpoint item `init:NAME`, done with the
/// file's hash); `*.sh` cannot be run against a managed database and is reported to run by hand.
public struct InitScript: Sendable, Equatable {
    public enum Kind: String, Sendable { case sql, sqlGzip, shell }
    /// The name inside `/docker-entrypoint-initdb.d` (the order the image runs them in).
    public var name: String
    /// The file on this machine.
    public var path: String
    public var kind: Kind

    public init(name: String, path: String, kind: Kind) {
        self.name = name
        self.path = path
        self.kind = kind
    }

    static let folder = "/docker-entrypoint-initdb.d"

    /// The scripts of a service's bind mounts (`host path`, `container path`): a file mounted into the
    /// folder, or a directory mounted as it. Returns the scripts in the image's order and notes about
    /// mounts that name nothing on this machine.
    public static func find(mounts: [(source: String, target: String)]) -> (scripts: [InitScript], notes: [String]) {
        var scripts: [InitScript] = []
        var notes: [String] = []
        let fm = FileManager.default
        for mount in mounts {
            let target = mount.target.hasSuffix("/") ? String(mount.target.dropLast()) : mount.target
            var isDirectory: ObjCBool = false
            let exists = fm.fileExists(atPath: mount.source, isDirectory: &isDirectory)
            if target == folder {
                guard exists, isDirectory.boolValue else {
                    notes.append("init scripts: \(mount.source) (mounted as \(folder)) is not a directory on this machine")
                    continue
                }
                for entry in ((try? fm.contentsOfDirectory(atPath: mount.source)) ?? []).sorted() {
                    let path = (mount.source as NSString).appendingPathComponent(entry)
                    if let kind = kind(of: entry) { scripts.append(InitScript(name: entry, path: path, kind: kind)) }
                }
            } else if target.hasPrefix(folder + "/") {
                let name = String(target.dropFirst(folder.count + 1))
                guard exists, !isDirectory.boolValue else {
                    notes.append("init scripts: \(mount.source) (mounted as \(target)) is not on this machine: run it against the target by hand")
                    continue
                }
                if let kind = kind(of: name) { scripts.append(InitScript(name: name, path: mount.source, kind: kind)) }
            }
        }
        return (scripts.sorted { $0.name < $1.name }, notes)
    }

    static func kind(of name: String) -> Kind? {
        if name.hasSuffix(".sql") { return .sql }
        if name.hasSuffix(".sql.gz") { return .sqlGzip }
        if name.hasSuffix(".sh") { return .shell }
        return nil
    }

    /// Runs each script once against the target through `execute` (a plain SQL file: `.sql.gz` is
    /// unpacked into `workDirectory` first). Returns notes for the summary.
    static func run(_ scripts: [InitScript], workDirectory: String, checkpoints: CheckpointStore, progress: any MigrationProgress,
                    execute: (String) async throws -> Void) async throws -> [String] {
        var notes: [String] = []
        for script in scripts {
            if script.kind == .shell {
                notes.append("init script \(script.name): a shell script is not run against a managed database: run what it does by hand")
                continue
            }
            guard let data = FileManager.default.contents(atPath: script.path) else {
                throw MigrationError.usage("init script \(script.name): cannot read \(script.path)")
            }
            let hash = ValueHash.hexBytes(data.sha256Bytes)
            let key = "init:\(script.name)"
            if let item = try checkpoints.item(key), item.state == .done, item.expected == hash {
                continue
            }
            try checkpoints.recordIntent(key, sourceFingerprint: script.path, size: Int64(data.count))
            var file = script.path
            if script.kind == .sqlGzip {
                try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
                file = (workDirectory as NSString).appendingPathComponent("init-" + String(script.name.dropLast(3)))
                guard let gzip = ToolProcess.locate(["gzip"], directory: nil) else { throw MigrationError.usage("gzip not found to unpack \(script.name)") }
                let result = try await ToolProcess.run(gzip, ["-dc", script.path], environment: ProcessInfo.processInfo.environment, outputFile: file)
                guard result.status == 0 else { throw MigrationError.usage("init script \(script.name): gzip could not unpack \(script.path): \(result.errors)") }
            }
            progress.note("init script \(script.name)")
            try await execute(file)
            try checkpoints.markDone(key, expected: hash)
            notes.append("init script \(script.name): run against the target")
        }
        return notes
    }
}
