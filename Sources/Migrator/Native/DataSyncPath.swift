import Foundation

extension NativePath {
    /// The AWS DataSync path for objects too many or too large for one machine to copy: a DataSync
    /// agent near the source reads an S3-compatible bucket or an NFS export and writes the stack's
    /// bucket, verifying what it transferred. Produces `datasync-<store>.template.json`.
    ///
    /// - Parameters:
    ///   - store: the logical store name; names the file and the stack.
    ///   - stackName: the deployed application stack.
    ///   - source: the Compose side.
    ///   - targetBucket: the stack's bucket.
    public static func dataSync(store: String, stackName: String, source: NativeObjectSource, targetBucket: String) -> NativePlan {
        let slug = NativeShell.slug(store)
        let fileName = "datasync-\(slug).template.json"
        let stack = "\(stackName)-datasync-\(slug)"
        let template = DataSyncTemplate(store: store, stackName: stackName, source: source, targetBucket: targetBucket)
        let taskArn = NativeShell.stackOutput(stack, "TaskArn")

        var prompts: [String] = []
        var overrides = [NativeShell.quote("AgentArn=<agent-arn>")]
        switch source {
        case let .objectStorage(hostname, port, https, bucket, _):
            prompts = [
                "[ -n \"$SOURCE_ACCESS_KEY\" ] || { printf 'Source access key: '; read -r SOURCE_ACCESS_KEY; }",
                "[ -n \"$SOURCE_SECRET_KEY\" ] || { printf 'Source secret key: '; read -rs SOURCE_SECRET_KEY; echo; }",
            ]
            overrides += [
                NativeShell.quote("ServerHostname=\(hostname ?? "<source-host>")"),
                "ServerPort=\(port ?? (https ? 443 : 80))",
                "ServerProtocol=\(https ? "HTTPS" : "HTTP")",
                NativeShell.quote("SourceBucket=\(bucket)"),
                "AccessKey=\"$SOURCE_ACCESS_KEY\"",
                "SecretKey=\"$SOURCE_SECRET_KEY\"",
            ]
        case let .directory(hostname, path):
            overrides += [
                NativeShell.quote("ServerHostname=\(hostname ?? "<nfs-server>")"),
                NativeShell.quote("Subdirectory=\(path)"),
            ]
        }
        overrides.append(NativeShell.quote("TargetBucket=\(targetBucket)"))

        let commands = prompts + [
            NativeShell.deploy(template: fileName, stack: stack, capabilities: "CAPABILITY_IAM", overrides: overrides),
            "EXECUTION_ARN=\"$(aws datasync start-task-execution --task-arn \(taskArn) --query TaskExecutionArn --output text)\"",
            "aws datasync describe-task-execution --task-execution-arn \"$EXECUTION_ARN\" --query '{Status: Status, Files: FilesTransferred, Verified: FilesVerified, Bytes: BytesTransferred, Result: Result}'",
        ]

        var notes: [String] = [
            "Deploy a DataSync agent where it reaches the source (a VM image for VMware, KVM or Hyper-V, or the DataSync agent AMI on EC2), get its activation key (from the agent's local console, or over HTTP port 80 from the machine running the CLI), then run aws datasync create-agent --activation-key <key> --agent-name \(stack)-agent and pass the AgentArn it prints.",
            "The agent needs outbound HTTPS (TCP 443) to the DataSync service endpoints of the Region, and the activation key expires 30 minutes after it is issued.",
            "Run the commands with bash or zsh from the directory holding \(fileName); they read credentials from the environment or a hidden prompt and pass them only to NoEcho parameters.",
            "TransferMode CHANGED copies only what differs from the bucket, so rerun start-task-execution while the application still writes and once more after its writes stop: the last run is the short cutover.",
            "VerifyMode ONLY_FILES_TRANSFERRED checks the checksum of each transferred object at the destination; PreserveDeletedFiles PRESERVE keeps objects that were deleted at the source.",
            "DataSync writes task logs to the log group the template creates (kept 30 days) and is billed per gigabyte copied.",
        ]
        switch source {
        case .objectStorage:
            notes += [
                "From an S3-compatible service DataSync copies each object's current version with its data, system metadata such as Content-Type, user metadata and tags as far as the service returns them (tags need GetObjectTagging support, ACLs and older versions are not copied), so compare the Content-Type and metadata of a few objects after the first run.",
                "The source credentials need list and read access to SourceBucket only.",
            ]
        case .directory:
            notes += [
                "Export the directory over NFS to the agent (for example the /etc/exports line <path> <agent-address>(ro,no_root_squash)) so the agent can read every file whatever its owner.",
                "File ownership, permissions and times are stored as S3 user metadata on each object.",
            ]
        }

        return NativePlan(
            kind: "objects",
            service: "AWS DataSync",
            artifacts: [NativeArtifact(fileName: fileName, contents: template.json().rendered())],
            commands: commands,
            notes: notes
        )
    }
}
