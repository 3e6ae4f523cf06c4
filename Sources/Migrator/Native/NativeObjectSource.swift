/// Where objects come from for the DataSync path: an S3-compatible service (MinIO) or a directory
/// on the Compose host, exported over NFS to the DataSync agent. Credentials are never part of it.
public enum NativeObjectSource: Sendable, Equatable {
    /// An S3-compatible endpoint; `hostname` and `port` as the agent reaches them, `prefix` a key
    /// prefix inside the bucket.
    case objectStorage(hostname: String?, port: Int?, https: Bool, bucket: String, prefix: String?)
    /// An NFS export of a host directory: the server as the agent reaches it and the exported path.
    case directory(hostname: String?, path: String)
}
