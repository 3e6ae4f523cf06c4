/// Volumes hold whatever the app writes (uploads, indexes, embeddings): as sensitive as its database.
struct FileSystemEncryption: PolicyCheck {
    let id = "FERRY-EFS-001"
    let severity = CheckSeverity.high
    let title = "EFS file systems are encrypted at rest"
    let rationale = "An unencrypted file system keeps its files and backups in clear; encryption can only be chosen at creation."
    let fix = "Set Encrypted: true on the file system (a new file system: copy the files over)."
    let related = ["checkov:CKV_AWS_42"]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        guard c.template != nil else {
            return (c.blueprint?.fileSystems ?? []).filter { !$0.encrypted }.map {
                Violation(subject: "fileSystems.\($0.name)", message: "encryption at rest is off")
            }
        }
        return c.resources("AWS::EFS::FileSystem").filter { $0.properties["Encrypted"]?.bool != true }
            .map { c.violation($0, "Encrypted is not true") }
    }
}
