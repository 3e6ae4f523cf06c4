/// NFS is plain text unless the mount uses TLS; the file system policy only refuses clear mounts if asked.
struct FileSystemTransitEncryption: PolicyCheck {
    let id = "FERRY-EFS-002"
    let severity = CheckSeverity.high
    let title = "ECS tasks mount EFS volumes with TLS"
    let rationale = "Without transit encryption every file read and written crosses the network in clear."
    let fix = "Set TransitEncryption: ENABLED in the task definition's EFSVolumeConfiguration."
    let related = ["checkov:CKV_AWS_97"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        // The renderer always mounts with TLS: there is nothing in the Blueprint to get wrong.
        c.resources("AWS::ECS::TaskDefinition").flatMap { task in
            (task.properties["Volumes"]?.array ?? []).compactMap { volume -> Violation? in
                guard let efs = volume["EFSVolumeConfiguration"], efs["TransitEncryption"]?.string != "ENABLED" else { return nil }
                return c.violation(task, "volume \(volume["Name"]?.string ?? "?") mounts EFS without TransitEncryption ENABLED")
            }
        }
    }
}
