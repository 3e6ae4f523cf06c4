import ComposeKit
import Blueprint

/// Named volumes of deployed workloads (search indexes, graph and vector stores, uploads) would be
/// task storage on Fargate, lost whenever a task stops. This keeps them on one encrypted EFS file
/// system per project, an access point per compose volume; `x-ferry.volumes: ephemeral` opts a
/// service out. Volumes of datastore services are not here: the managed store keeps that data.
enum FileSystemBuilder {
    static let fileSystemName = "volumes"
    static let securityGroupName = "efs-volumes"
    static let nfsPort = 2049

    static func run(_ ctx: PlanningContext) {
        var points: [String: AccessPoint] = [:]
        for index in ctx.blueprint.workloads.indices {
            let w = ctx.blueprint.workloads[index]
            guard let f = ctx.facts(w.name) else { continue }
            let named = f.service.volumes.enumerated().filter { $0.element.type == .volume && $0.element.source != nil }
            guard !named.isEmpty else { continue }
            if f.overrides.ephemeralVolumes {
                ctx.blueprint.workloads[index].decisions.append(Decision(
                    topic: "volumes", choice: "ephemeral",
                    reason: "x-ferry.volumes is ephemeral: \(named.map { $0.element.source ?? "" }.joined(separator: ", ")) stay task storage, emptied whenever a task stops",
                    source: .override, evidence: f.overrides.overrideEvidence("volumes"),
                    alternatives: [Alternative(choice: "efs", whyNot: "opted out")], overrideKey: "x-ferry.volumes", rule: "FileSystemBuilder"))
                continue
            }
            let (uid, gid) = owner(f.service.user)
            for (i, mount) in named {
                let volume = mount.source ?? ""
                let directory = points[volume]?.rootDirectory ?? uniqueDirectory(volume, taken: Set(points.values.map(\.rootDirectory)))
                ctx.blueprint.workloads[index].scratchVolumes.removeAll { $0.containerPath == mount.target && $0.name == Naming.kebab(volume) }
                ctx.blueprint.workloads[index].fileMounts.append(FileMount(fileSystem: fileSystemName, accessPoint: volume,
                                                                           containerPath: mount.target, readOnly: mount.readOnly))
                let local = ctx.project.volumes[volume]?.name ?? "\(ctx.project.name)_\(volume)"
                var point = points[volume] ?? AccessPoint(name: volume, rootDirectory: directory, uid: uid, gid: gid, localVolume: local,
                                                          decisions: [ownerDecision(f, uid, gid)])
                if !point.clients.contains(w.name) { point.clients.append(w.name) }
                point.clients.sort()
                points[volume] = point
                ctx.blueprint.workloads[index].decisions.append(Decision(
                    topic: "volume", choice: "efs:\(volume)",
                    reason: "named volume \(volume) at \(mount.target) must outlive each task: kept on the EFS file system, access point \(directory)",
                    evidence: [f.evidence("volumes[\(i)]", "\(volume):\(mount.target)")],
                    alternatives: [
                        Alternative(choice: "ephemeral", whyNot: "task storage is emptied whenever a task stops, is replaced or scales in"),
                        Alternative(choice: "s3", whyNot: "the app reads and writes files; uploads and media can move to S3 once the code uses an S3 client"),
                    ],
                    overrideKey: "x-ferry.volumes", rule: "FileSystemBuilder"))
            }
        }
        guard !points.isEmpty else { return }
        warnAboutConcurrentWriters(ctx)
        let accessPoints = points.values.sorted { $0.name < $1.name }
        ctx.blueprint.fileSystems = [FileSystem(name: fileSystemName, securityGroup: securityGroupName, accessPoints: accessPoints, decisions: [
            Decision(topic: "fileSystem", choice: "efs", reason: "\(accessPoints.count) named volume\(accessPoints.count == 1 ? "" : "s") of container workloads: one encrypted file system, an access point each",
                     evidence: accessPoints.map { Evidence(path: "volumes.\($0.name)", position: ctx.project.volumes[$0.name]?.location.map(SourcePosition.init)) },
                     alternatives: [Alternative(choice: "one file system per volume", whyNot: "more mount targets and security rules for the same isolation an access point gives")],
                     rule: "FileSystemBuilder"),
            Decision(topic: "throughputMode", choice: "elastic", reason: "throughput follows use, billed per GB read and written",
                     alternatives: [Alternative(choice: "bursting", whyNot: "throughput scales with size: a volume of a few GB drops to ~50 KiB/s per GB once its burst credits are spent")],
                     rule: "FileSystemBuilder"),
            Decision(topic: "backups", choice: "daily", reason: "AWS Backup copies the file system every day and keeps 35 days", rule: "FileSystemBuilder"),
            Decision(topic: "deletionPolicy", choice: "Retain", reason: "the files outlive the stack, as buckets do: deleting the stack leaves the file system to delete by hand",
                     rule: "FileSystemBuilder"),
        ])]
    }

    static func ownerDecision(_ f: ServiceFacts, _ uid: Int, _ gid: Int) -> Decision {
        Decision(topic: "posixUser", choice: "\(uid):\(gid)",
                 reason: f.service.user.flatMap(numericOwner) != nil
                    ? "the service runs as \(f.service.user ?? ""): files on the volume belong to that user"
                    : "every client acts as \(uid):\(gid) on the volume, whatever user its container runs as, so files stay writable across tasks",
                 evidence: f.service.user.map { [f.evidence("user", $0)] } ?? [],
                 alternatives: [Alternative(choice: "0:0", whyNot: "root on a shared file system; only needed when the image changes file ownership at start")],
                 rule: "FileSystemBuilder")
    }

    /// Tasks of one service share its volumes: right for uploads and media, wrong for an engine that locks
    /// its data directory (a database, search index or vector store run as a container).
    static func warnAboutConcurrentWriters(_ ctx: PlanningContext) {
        for w in ctx.blueprint.workloads where w.target == .ecsFargate {
            let written = w.fileMounts.filter { !$0.readOnly }.map(\.accessPoint)
            let tasks = max(w.capacity.desired, w.capacity.maximum)
            guard !written.isEmpty, tasks > 1 else { continue }
            ctx.addFinding(Finding(
                id: "FERRY-PLAN-SHARED-VOLUME", severity: .info,
                message: "up to \(tasks) tasks of \(w.name) write \(written.joined(separator: ", ")) on EFS at the same time: fine for uploads and media, not for an engine that locks its data directory (database, search index, vector store)",
                subject: "workloads.\(w.name)", evidence: ctx.facts(w.name).map { [$0.evidence("volumes", nil)] } ?? [],
                fix: "for such an engine run one task: `x-ferry: {replicas: 1, scaling: false}` on \(w.name)"), waiverFor: w.name)
        }
    }

    /// The mount targets' group: NFS from every workload that mounts the file system.
    static func securityGroups(_ b: Blueprint) -> [SecurityGroup] {
        b.fileSystems.map { fs in
            let ingress = fs.clients.compactMap { name -> IngressRule? in
                guard let w = b.workload(named: name), let group = w.securityGroup else { return nil }
                return IngressRule(fromPort: nfsPort, toPort: nfsPort, sourceGroup: group, description: "NFS from \(w.shortName)")
            }
            return SecurityGroup(name: fs.securityGroup, description: "EFS \(fs.name): NFS from the tasks that mount it", ingress: ingress)
        }
    }

    /// Task-role statements: mount (and write, unless every mount is read-only) only through the
    /// workload's own access points. ECS mounts with IAM authorization, so the role is what EFS checks.
    static func statements(for w: Workload, _ b: Blueprint) -> [PolicyStatement] {
        var out: [PolicyStatement] = []
        for fs in b.fileSystems {
            let mounts = w.fileMounts.filter { $0.fileSystem == fs.name }
            guard !mounts.isEmpty else { continue }
            func condition(_ points: [String]) -> PolicyCondition {
                PolicyCondition(key: "elasticfilesystem:AccessPointArn",
                                values: Array(Set(points)).sorted().map { ResourceReference(kind: .accessPoint, name: $0) })
            }
            let subject = [ResourceReference(kind: .fileSystem, name: fs.name)]
            out.append(PolicyStatement(sid: "MountVolumes", actions: ["elasticfilesystem:ClientMount"], resources: subject,
                                       condition: condition(mounts.map(\.accessPoint))))
            let writable = mounts.filter { !$0.readOnly }.map(\.accessPoint)
            if !writable.isEmpty {
                out.append(PolicyStatement(sid: "WriteVolumes", actions: ["elasticfilesystem:ClientWrite"], resources: subject,
                                           condition: condition(writable)))
            }
        }
        return out
    }

    /// `/my-data`, or `/my-data-2` when another volume's name gives the same directory.
    static func uniqueDirectory(_ volume: String, taken: Set<String>) -> String {
        // EFS takes root directories of up to 100 characters.
        let base = "/" + Naming.truncated(Naming.kebab(volume), 90)
        var candidate = base
        var n = 2
        while taken.contains(candidate) { candidate = "\(base)-\(n)"; n += 1 }
        return candidate
    }

    /// `user: "1001"` or `"1001:1001"` keeps that owner; names and no user get 1000:1000.
    static func owner(_ user: String?) -> (Int, Int) { user.flatMap(numericOwner) ?? (1000, 1000) }

    static func numericOwner(_ user: String) -> (Int, Int)? {
        let parts = user.split(separator: ":").map { Int($0) }
        guard let uid = parts.first ?? nil, parts.allSatisfy({ $0 != nil }), parts.count <= 2 else { return nil }
        return (uid, parts.count == 2 ? (parts[1] ?? uid) : uid)
    }
}
