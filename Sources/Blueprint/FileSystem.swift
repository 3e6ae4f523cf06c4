/// An EFS file system keeping the named volumes of container workloads: Fargate task storage is
/// lost when a task stops, so a volume that must outlive its task lives here, one access point
/// (own root directory and POSIX owner) per compose volume.
public struct FileSystem: Sendable, Codable, Equatable {
    /// Logical name (`volumes`).
    public var name: String
    /// Encrypted at rest with the AWS-managed key.
    public var encrypted: Bool
    /// `generalPurpose` (low latency, the right mode for almost everything) or `maxIO`.
    public var performanceMode: String
    /// `elastic` (scales with use, billed per GB moved), `bursting` or `provisioned`.
    public var throughputMode: String
    /// Daily AWS Backup of the whole file system (`BackupPolicy ENABLED`).
    public var backups: Bool
    /// Keep the file system when the stack is deleted or the resource replaced (`DeletionPolicy: Retain`).
    public var retainOnDelete: Bool
    /// Security group of the mount targets (`NetworkPlan.securityGroups[].name`); NFS from the clients' groups.
    public var securityGroup: String
    /// One per compose volume, sorted by name.
    public var accessPoints: [AccessPoint]
    public var decisions: [Decision]

    public init(name: String, encrypted: Bool = true, performanceMode: String = "generalPurpose", throughputMode: String = "elastic",
                backups: Bool = true, retainOnDelete: Bool = true, securityGroup: String, accessPoints: [AccessPoint] = [],
                decisions: [Decision] = []) {
        self.name = name
        self.encrypted = encrypted
        self.performanceMode = performanceMode
        self.throughputMode = throughputMode
        self.backups = backups
        self.retainOnDelete = retainOnDelete
        self.securityGroup = securityGroup
        self.accessPoints = accessPoints
        self.decisions = decisions
    }

    /// Workloads that mount any of its access points, sorted.
    public var clients: [String] { Array(Set(accessPoints.flatMap(\.clients))).sorted() }
}

/// An EFS access point for one compose volume: every client sees `rootDirectory` as the volume's
/// root and acts as `uid`/`gid`, so volumes never see each other's files.
public struct AccessPoint: Sendable, Codable, Equatable {
    /// The compose volume name (`esdata`).
    public var name: String
    /// Directory inside the file system (`/esdata`), created on first use with `permissions`.
    public var rootDirectory: String
    public var uid: Int
    public var gid: Int
    /// Octal mode of the root directory when EFS creates it (`0755`).
    public var permissions: String
    /// Workloads that mount it (`Blueprint.workloads[].name`), sorted.
    public var clients: [String]
    /// The Docker volume holding the files today (`shop_uploads`), to copy them from.
    public var localVolume: String?
    public var decisions: [Decision]

    public init(name: String, rootDirectory: String, uid: Int = 1000, gid: Int = 1000, permissions: String = "0755",
                clients: [String] = [], localVolume: String? = nil, decisions: [Decision] = []) {
        self.name = name
        self.localVolume = localVolume
        self.rootDirectory = rootDirectory
        self.uid = uid
        self.gid = gid
        self.permissions = permissions
        self.clients = clients
        self.decisions = decisions
    }
}

/// A volume a workload mounts from a file system: which access point, where in the container.
public struct FileMount: Sendable, Codable, Equatable {
    /// `Blueprint.fileSystems[].name`.
    public var fileSystem: String
    /// `FileSystem.accessPoints[].name` (the compose volume).
    public var accessPoint: String
    public var containerPath: String
    public var readOnly: Bool

    public init(fileSystem: String, accessPoint: String, containerPath: String, readOnly: Bool = false) {
        self.fileSystem = fileSystem
        self.accessPoint = accessPoint
        self.containerPath = containerPath
        self.readOnly = readOnly
    }
}
