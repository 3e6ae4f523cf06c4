import AWSKit
import Foundation

/// Puts each secret's and parameter's value into Secrets Manager / SSM and verifies it by hash.
/// Resumable: an item is recorded (salted hash only) before its write and marked done after its
/// read-back matches. A redone Secrets Manager write reuses the client token derived from the same
/// salted hash, so it never adds a second version.
public struct SecretMigrator: Sendable {
    public var secrets: SecretsManagerClient
    public var parameters: SSMClient
    public var checkpoints: CheckpointStore

    public struct Options: Sendable {
        public var overwriteGenerated = false
        public var dryRun = false
        public init(overwriteGenerated: Bool = false, dryRun: Bool = false) {
            self.overwriteGenerated = overwriteGenerated
            self.dryRun = dryRun
        }
    }

    public init(client: AWSClient, checkpoints: CheckpointStore) {
        secrets = SecretsManagerClient(client: client)
        parameters = SSMClient(client: client)
        self.checkpoints = checkpoints
    }

    public func run(_ items: [SecretItem], target: String, options: Options, progress: any MigrationProgress) async throws -> MigrationSummary {
        let started = Date()
        var summary = MigrationSummary(kind: "secrets", source: "compose project", target: target)
        summary.dryRun = options.dryRun
        summary.checkpoint = options.dryRun ? nil : checkpoints.path
        let sorted = items.sorted { ($0.store.rawValue, $0.target) < ($1.store.rawValue, $1.target) }
        summary.items = sorted.count
        progress.begin(kind: "secrets", items: sorted.count, bytes: 0)
        let salt = try checkpoints.salt()
        var verifiedLines: [String] = []
        for item in sorted {
            try Task.checkCancellation()
            let label = "\(item.store.rawValue) \(item.target)"
            if item.stackOwned {
                summary.skipped += 1
                summary.notes.append("\(label): skipped, its value belongs to the stack (from \(item.source))")
                progress.item(label, action: "skipped (stack-owned)", bytes: 0)
                continue
            }
            if item.generated && !options.overwriteGenerated {
                summary.skipped += 1
                summary.notes.append("\(label): skipped, the template generates it (--overwrite-generated to set it from \(item.source))")
                progress.item(label, action: "skipped (generated)", bytes: 0)
                continue
            }
            guard let value = item.value, !value.isEmpty else {
                summary.failed += 1
                summary.notes.append("\(label): no value on the Compose side (\(item.source)); set it by hand")
                progress.item(label, action: "failed (no local value)", bytes: 0)
                continue
            }
            if options.dryRun {
                summary.notes.append("\(label): would be set from \(item.source)")
                progress.item("\(label) from \(item.source)", action: "would set", bytes: 0)
                continue
            }
            let fingerprint = ValueHash.keyed(value, salt: salt, context: label)
            // Already set by an earlier run and still in place: skip the write.
            if let done = try checkpoints.item(label), done.state == .done, done.sourceFingerprint == fingerprint,
               try await currentFingerprint(item, salt: salt, label: label) == fingerprint {
                summary.skipped += 1
                verifiedLines.append("\(label) \(fingerprint)")
                progress.item(label, action: "unchanged", bytes: 0)
                continue
            }
            try checkpoints.recordIntent(label, sourceFingerprint: fingerprint, size: Int64(value.utf8.count), expected: fingerprint)
            do {
                switch item.store {
                case .secretsManager:
                    try await secrets.putSecretValue(secretID: item.target, value: value, clientRequestToken: Self.clientToken(fingerprint))
                case .parameterStore:
                    try await parameters.putParameter(name: item.target, value: value)
                }
            } catch {
                throw MigrationError.wrap(error, source: false, label)
            }
            let stored = try await currentFingerprint(item, salt: salt, label: label)
            guard stored == fingerprint else {
                throw MigrationError.verification("\(label): the value read back does not hash to the value written from \(item.source)")
            }
            try checkpoints.markDone(label, expected: fingerprint)
            summary.copied += 1
            verifiedLines.append("\(label) \(fingerprint)")
            progress.item("\(label) from \(item.source)", action: "set", bytes: 0)
        }
        summary.verified = !options.dryRun && summary.failed == 0
        if !verifiedLines.isEmpty { summary.checksum = "sha256:" + ValueHash.hex(verifiedLines.sorted().joined(separator: "\n")) }
        summary.durationSeconds = Date().timeIntervalSince(started)
        return summary
    }

    /// The salted hash of what the destination holds now (nil when it holds nothing).
    func currentFingerprint(_ item: SecretItem, salt: String, label: String) async throws -> String? {
        let current: String?
        do {
            switch item.store {
            case .secretsManager: current = try await secrets.getSecretValue(secretID: item.target)
            case .parameterStore: current = try await parameters.getParameter(name: item.target)
            }
        } catch {
            throw MigrationError.wrap(error, source: false, label)
        }
        return current.map { ValueHash.keyed($0, salt: salt, context: label) }
    }

    /// A client request token (32–64 characters) that is the same for the same value in this
    /// checkpoint, so a write redone after an interruption is the same version, not a new one.
    static func clientToken(_ fingerprint: String) -> String {
        String(ValueHash.hex("token\u{0}" + fingerprint).prefix(64))
    }
}
