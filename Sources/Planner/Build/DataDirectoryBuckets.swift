import ComposeKit
import Blueprint

/// Host directories a deployed service bind-mounts for its data, models or logs (`./data`,
/// `./models`, `./logs`) have no home on Fargate. Each becomes an S3 bucket (encrypted, versioned,
/// a lifecycle per kind) that only the services mounting it may use, named to the app by a
/// `<NAME>_BUCKET` variable; `ferry migrate objects --from ./data` copies the files.
/// `x-ferry.directories: skip` (or per directory) keeps the advice only.
enum DataDirectoryBuckets {
    /// What a directory holds, from its name: it decides the lifecycle.
    enum Kind: String {
        case data, models, logs

        static let names: [String: Kind] = [
            "data": .data, "dataset": .data, "datasets": .data, "raw": .data, "processed": .data, "input": .data,
            "inputs": .data, "output": .data, "outputs": .data, "results": .data, "exports": .data,
            "model": .models, "models": .models, "artifacts": .models, "checkpoints": .models, "weights": .models,
            "mlruns": .models, "log": .logs, "logs": .logs,
        ]

        init?(directory: String) {
            let name = directory.split(separator: "/").last.map { $0.lowercased() } ?? ""
            guard let kind = Self.names[name] else { return nil }
            self = kind
        }

        var lifecycle: [LifecycleRule] {
            switch self {
            case .data:
                return [LifecycleRule(id: "infrequent-access", transitionDays: 30, transitionStorageClass: "STANDARD_IA"),
                        LifecycleRule(id: "cleanup", noncurrentExpirationDays: 30, abortIncompleteUploadDays: 7)]
            case .models:
                return [LifecycleRule(id: "cleanup", noncurrentExpirationDays: 90, abortIncompleteUploadDays: 7)]
            case .logs:
                return [LifecycleRule(id: "expire", expirationDays: 90),
                        LifecycleRule(id: "cleanup", noncurrentExpirationDays: 7, abortIncompleteUploadDays: 7)]
            }
        }

        var lifecycleReason: String {
            switch self {
            case .data: return "data is read less as it ages: objects move to Standard-IA after 30 days (same latency, lower storage price); old versions expire after 30 days"
            case .models: return "model artifacts are kept; versioning keeps each overwritten model for 90 days so a bad one can be rolled back"
            case .logs: return "logs expire after 90 days; old versions after 7"
            }
        }
    }

    private struct Found {
        var directory: String
        var kind: Kind
        var services: [String] = []
        var writers: [String] = []
        var evidence: [Evidence] = []
        var mounts: [(service: String, index: Int, target: String)] = []
    }

    static func run(_ ctx: PlanningContext) {
        var found: [String: Found] = [:]
        for w in ctx.blueprint.workloads {
            guard let f = ctx.facts(w.name) else { continue }
            for (i, m) in f.service.volumes.enumerated() where m.type == .bind {
                guard let directory = candidate(m, f, ctx), let kind = Kind(directory: directory) else { continue }
                let choice = f.overrides.directories[directory] ?? f.overrides.directories[String(directory.dropFirst(2))] ?? f.overrides.allDirectories ?? "s3"
                guard choice == "s3" else { continue }
                var entry = found[directory] ?? Found(directory: directory, kind: kind)
                if !entry.services.contains(f.name) { entry.services.append(f.name) }
                if !m.readOnly, !entry.writers.contains(f.name) { entry.writers.append(f.name) }
                entry.evidence.append(f.evidence("volumes[\(i)]", "\(directory):\(m.target)"))
                entry.mounts.append((f.name, i, m.target))
                found[directory] = entry
            }
        }
        let taken = Set(ctx.blueprint.buckets.map(\.name))
        var used = taken
        for entry in found.values.sorted(by: { $0.directory < $1.directory }) {
            let base = Naming.kebab(entry.directory.split(separator: "/").last.map(String.init) ?? entry.kind.rawValue)
            var name = used.contains(base) ? Naming.kebab(entry.directory.replacingOccurrences(of: "/", with: "-")) : base
            if name.isEmpty || used.contains(name) { name = "\(base)-\(used.count)" }
            used.insert(name)
            addBucket(name, entry, ctx)
        }
    }

    /// The project-relative host directory of a bind mount that holds data, or nil for source code,
    /// configuration files, sockets and paths outside the project.
    private static func candidate(_ m: VolumeMount, _ f: ServiceFacts, _ ctx: PlanningContext) -> String? {
        switch BindMountKind(m) {
        case .dockerSocket, .sourceCode: return nil
        case .configuration:
            // A read-only directory of models or data is still data (the service only reads it).
            guard m.readOnly, !BindMountKind.hasExtension(m.source ?? ""), !BindMountKind.hasExtension(m.target) else { return nil }
        case .dataDirectory: break
        }
        let relative = WorkloadBuilder.relative(m.source ?? "", to: ctx.project.workingDirectory)
        guard !relative.hasPrefix("/"), !relative.hasPrefix(".."), relative != "." else { return nil }
        let trimmed = relative.hasPrefix("./") ? String(relative.dropFirst(2)) : relative
        return "./" + (trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed)
    }

    private static func addBucket(_ name: String, _ entry: Found, _ ctx: PlanningContext) {
        let variable = name.uppercased().replacingOccurrences(of: "-", with: "_") + "_BUCKET"
        let readers = entry.services.sorted()
        let writers = entry.writers.sorted()
        let decisions = [
            Decision(topic: "bucket", choice: "s3:\(name)",
                     reason: "\(readers.joined(separator: ", ")) bind-mount\(readers.count == 1 ? "s" : "") the host directory \(entry.directory) (\(entry.kind.rawValue)): Fargate has no host disk, so its files live in an S3 bucket only \(readers.count == 1 ? "that service" : "those services") may use",
                     evidence: entry.evidence,
                     alternatives: [
                        Alternative(choice: "efs", whyNot: "keeps file paths without code changes, at about 13 times S3's storage price; make it a named volume to choose it"),
                        Alternative(choice: "mountpoint-s3", whyNot: "a FUSE mount needs privileges Fargate tasks do not have"),
                     ],
                     overrideKey: "x-ferry.directories", rule: "DataDirectoryBuckets"),
            Decision(topic: "lifecycle", choice: entry.kind.rawValue, reason: entry.kind.lifecycleReason, rule: "DataDirectoryBuckets"),
        ]
        ctx.blueprint.buckets.append(Bucket(name: name, bucketNameHint: "\(ctx.slug)-\(name)", versioning: true,
                                            lifecycle: entry.kind.lifecycle, readers: readers, writers: writers,
                                            sourceDirectory: entry.directory, decisions: decisions))
        for mount in entry.mounts {
            ctx.directoryBuckets["\(mount.service)/volumes[\(mount.index)]"] = name
        }
        for service in readers {
            guard let index = ctx.blueprint.workloads.firstIndex(where: { $0.name == service }) else { continue }
            let targets = entry.mounts.filter { $0.service == service }.map(\.target)
            if !ctx.blueprint.workloads[index].environment.contains(where: { $0.name == variable }) {
                ctx.blueprint.workloads[index].environment.append(EnvVar(
                    name: variable, disposition: .rewritten,
                    value: .reference(ResourceReference(kind: .bucket, name: name, attribute: "name")),
                    reason: "the S3 bucket that replaces \(entry.directory) (mounted at \(targets.joined(separator: ", ")))",
                    evidence: entry.evidence.filter { $0.path.hasPrefix("services.\(service).") }, rule: "DataDirectoryBuckets"))
                ctx.blueprint.workloads[index].environment.sort { $0.name < $1.name }
            }
            for mount in entry.mounts where mount.service == service {
                ctx.addFinding(Finding(
                    id: "FERRY-PLAN-BIND-S3", severity: .warning,
                    message: "\(service) uses \(mount.target) as a directory; on AWS its files are objects in the S3 bucket \(name), named by \(variable)",
                    subject: "services.\(service).volumes[\(mount.index)]",
                    evidence: entry.evidence.filter { $0.path == "services.\(service).volumes[\(mount.index)]" },
                    fix: "read and write through the S3 API (boto3 `s3.upload_file(path, os.environ['\(variable)'], key)`), or sync the directory at start and exit; copy today's files with `ferry migrate objects --from \(entry.directory)`"),
                              waiverFor: service)
            }
        }
    }
}
