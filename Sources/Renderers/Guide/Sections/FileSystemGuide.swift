import Blueprint

/// The guide's lines about EFS volumes: the mapping note of a workload that mounts them, the
/// checklist's file system and access points, and how to copy a Compose volume's files in.
enum FileSystemGuide {
    /// `Volumes on EFS: uploads at /app/uploads (read-only)`, for the mapping table.
    static func mappingNote(_ w: Workload) -> String? {
        guard !w.fileMounts.isEmpty else { return nil }
        return "Volumes on EFS: " + w.fileMounts.map { mount in
            Markdown.code(mount.accessPoint) + " at " + Markdown.code(mount.containerPath) + (mount.readOnly ? " (read-only)" : "")
        }.joined(separator: ", ")
    }

    static func resources(_ c: GuideContext) -> [String] {
        var lines: [String] = []
        for fs in c.blueprint.fileSystems.sorted(by: { $0.name < $1.name }) {
            var text = "Create the EFS file system " + Markdown.code(fs.name) + ": "
                + (fs.encrypted ? "encrypted at rest, " : "") + "mounted over TLS with IAM authorization, " + fs.throughputMode + " throughput"
            if fs.backups { text += ", daily backups" }
            if fs.retainOnDelete { text += "; kept when the stack is deleted" }
            lines.append(Markdown.task(text))
            lines.append(Markdown.task("Mount targets in each private subnet, reachable only from the tasks that mount it (NFS, port 2049)", indent: 1))
            for point in fs.accessPoints {
                let users = point.clients.map { name in
                    let readOnly = c.workload(name)?.fileMounts.filter { $0.accessPoint == point.name }.allSatisfy(\.readOnly) ?? false
                    return Markdown.code(c.shortName(name)) + (readOnly ? " (read-only)" : "")
                }
                lines.append(Markdown.task("Access point " + Markdown.code(point.rootDirectory) + " for volume " + Markdown.code(point.name)
                                           + ", files owned by \(point.uid):\(point.gid); mounted by " + users.joined(separator: ", "), indent: 1))
            }
        }
        return lines
    }

    /// A Compose volume's files travel as an archive: out of the local volume, through S3, unpacked by a
    /// one-off task that mounts the EFS volume (or AWS DataSync from the host).
    static func migration(_ c: GuideContext) -> [String] {
        var lines: [String] = []
        for fs in c.blueprint.fileSystems.sorted(by: { $0.name < $1.name }) {
            for point in fs.accessPoints {
                guard let client = point.clients.compactMap(c.workload).first,
                      let mount = client.fileMounts.first(where: { $0.accessPoint == point.name }) else { continue }
                let local = point.localVolume ?? "\(c.blueprint.project)_\(point.name)"
                lines.append(Markdown.task("Copy the files of the volume " + Markdown.code(point.name) + " to EFS: archive it ("
                    + Markdown.code("docker run --rm -v \(local):/v alpine tar czf - -C /v . > \(point.name).tgz")
                    + "), upload the archive to S3, and unpack it into " + Markdown.code(mount.containerPath) + " from a one-off task of "
                    + Markdown.code(client.shortName) + " (`aws ecs run-task` with a command override); or use AWS DataSync. "
                    + "Compare file counts and sizes"))
            }
        }
        return lines
    }
}
