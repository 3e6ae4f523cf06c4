import Blueprint

/// EFS for named volumes: the file system (encrypted, daily backups, TLS-only policy, kept on stack
/// deletion), a mount target in each AZ's private subnet, an access point per volume; and the pieces of
/// the task definitions and services that mount them (`WorkloadSection` asks for those).
enum FileSystemSection {
    static func render(_ c: inout CFNContext) {
        for fs in c.blueprint.fileSystems { renderFileSystem(&c, fs) }
    }

    static func renderFileSystem(_ c: inout CFNContext, _ fs: FileSystem) {
        let id = c.names.fileSystem(fs.name)
        var resource = CFNResource("AWS::EFS::FileSystem", [
            "Encrypted": .bool(fs.encrypted),
            "PerformanceMode": .string(fs.performanceMode),
            "ThroughputMode": .string(fs.throughputMode),
            "BackupPolicy": ["Status": fs.backups ? "ENABLED" : "DISABLED"],
            // Clients mount over TLS only; access itself is granted by the task roles (IAM authorization).
            "FileSystemPolicy": IdentitySection.document([[
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Principal": ["AWS": "*"],
                "Action": "*",
                "Condition": ["Bool": ["aws:SecureTransport": "false"]],
            ]]),
        ])
        if fs.retainOnDelete {
            // Files are data: keep them when the stack goes (ferry destroy says so).
            resource.deletionPolicy = "Retain"
            resource.updateReplacePolicy = "Retain"
        }
        c.add(id, resource)

        guard c.blueprint.network.securityGroups.contains(where: { $0.name == fs.securityGroup }) else {
            c.problem("file system \(fs.name) names security group \(fs.securityGroup), which is not a security group")
            return
        }
        for (index, subnet) in mountTargetSubnets(c).enumerated() {
            c.add(mountTargetID(c, fs, index), CFNResource("AWS::EFS::MountTarget", [
                "FileSystemId": .ref(id),
                "SubnetId": .ref(c.names.subnet(subnet.name)),
                "SecurityGroups": [.getAtt(c.names.securityGroup(fs.securityGroup), "GroupId")],
            ]))
        }
        for point in fs.accessPoints {
            c.add(c.names.accessPoint(point.name), CFNResource("AWS::EFS::AccessPoint", [
                "FileSystemId": .ref(id),
                "PosixUser": ["Uid": .string(String(point.uid)), "Gid": .string(String(point.gid))],
                "RootDirectory": [
                    "Path": .string(point.rootDirectory),
                    "CreationInfo": [
                        "OwnerUid": .string(String(point.uid)), "OwnerGid": .string(String(point.gid)),
                        "Permissions": .string(point.permissions),
                    ],
                ],
            ]))
        }
    }

    /// One private subnet per AZ: EFS allows one mount target per AZ, and the tasks run there.
    static func mountTargetSubnets(_ c: CFNContext) -> [Subnet] {
        var seen: Set<Int> = []
        return c.blueprint.network.subnets.filter { $0.kind == .private && seen.insert($0.azIndex).inserted }
    }

    static func mountTargetID(_ c: CFNContext, _ fs: FileSystem, _ index: Int) -> String {
        c.names.id(fs.name, "MountTarget") + "\(index + 1)"
    }

    // MARK: what workloads need

    static func volumeName(_ mount: FileMount) -> String { WorkloadSection.volumeName("efs-\(mount.accessPoint)") }

    static func mountPoints(_ w: Workload) -> [CFNValue] {
        w.fileMounts.map { mount in
            ["SourceVolume": .string(volumeName(mount)), "ContainerPath": .string(mount.containerPath), "ReadOnly": .bool(mount.readOnly)]
        }
    }

    /// Task-definition volumes: TLS in transit, through the access point, authorized by the task role.
    static func taskVolumes(_ c: inout CFNContext, _ w: Workload) -> [CFNValue] {
        var seen: Set<String> = []
        var out: [CFNValue] = []
        for mount in w.fileMounts where seen.insert(volumeName(mount)).inserted {
            guard let fs = c.blueprint.fileSystem(named: mount.fileSystem), fs.accessPoints.contains(where: { $0.name == mount.accessPoint }) else {
                c.problem("\(w.name) mounts \(mount.fileSystem)/\(mount.accessPoint), which the Blueprint does not define")
                continue
            }
            out.append([
                "Name": .string(volumeName(mount)),
                "EFSVolumeConfiguration": [
                    "FilesystemId": .ref(c.names.fileSystem(fs.name)),
                    "TransitEncryption": "ENABLED",
                    "AuthorizationConfig": ["AccessPointId": .ref(c.names.accessPoint(mount.accessPoint)), "IAM": "ENABLED"],
                ],
            ])
        }
        return out
    }

    /// A task that mounts before its mount targets exist fails to start: services wait for them.
    static func mountTargetDependencies(_ c: CFNContext, _ w: Workload) -> [String] {
        let used = Set(w.fileMounts.map(\.fileSystem))
        return c.blueprint.fileSystems.filter { used.contains($0.name) }.flatMap { fs in
            mountTargetSubnets(c).indices.map { mountTargetID(c, fs, $0) }
        }
    }
}
