import AWSKit
import Blueprint
import ComposeKit
import Foundation
import Migrator
import Planner

/// The AWS-native path of a `migrate plan` step: built from the step's source and the plan, with the
/// deployed stack's outputs when they can be read (bucket and table names), and written as files.
extension MigratePlanCommand {
    /// What the output says of a native path: the service, where its files are, the first command.
    struct NativeStep: Codable, Equatable {
        var service: String
        var directory: String
        var files: [String]
    }

    /// The native path for a step, or nil for kinds that have none (secrets) or sources it cannot name.
    static func nativePlan(for step: Step, blueprint: Blueprint, stackName: String, outputs: [String: String]) -> NativePlan? {
        guard let store = step.store else { return nil }
        /// The stack's value of the plan's output for `kind` `store` (the Blueprint names its outputs).
        func output(_ kind: ResourceReference.Kind, attribute: String? = nil, suffix: String = "") -> String? {
            blueprint.outputs.first { $0.value.kind == kind && $0.value.name == store && (attribute == nil || $0.value.attribute == attribute)
                && $0.name.hasSuffix(suffix) }.flatMap { outputs[$0.name] }
        }
        let secretOutput = blueprint.outputs.first { $0.name.hasSuffix("CredentialsSecret") && $0.value.kind == .secret
            && $0.value.name == blueprint.dataStores.first { $0.name == store }?.credentialsSecret }?.name ?? "\(store)CredentialsSecret"
        let endpoint = output(.dataStore, suffix: "Endpoint")
        // The one-off task's placement serves the replication instance too: the database admits it.
        let networkOutput = secretOutput.hasSuffix("CredentialsSecret") ? String(secretOutput.dropLast("CredentialsSecret".count)) + "MigrationNetwork" : ""
        let placement = outputs[networkOutput].flatMap(ECSClient.NetworkPlacement.init(shorthand:))
        func target(_ database: String) -> NativeDatabase.Target {
            var target = NativeDatabase.Target(database: database, secretOutput: secretOutput, host: endpoint)
            target.subnetIds = placement?.subnets ?? []
            target.securityGroupIds = placement?.securityGroups ?? []
            return target
        }
        switch step.probe {
        case .minio(let minio):
            let url = URLComponents(string: minio.endpoint)
            return NativePath.dataSync(store: store, stackName: stackName,
                                       source: .objectStorage(hostname: nil, port: url?.port, https: url?.scheme == "https", bucket: "<minio-bucket>", prefix: nil),
                                       targetBucket: output(.bucket) ?? placeholderBucket(store, blueprint: blueprint))
        case .directory(let path):
            return NativePath.dataSync(store: store, stackName: stackName, source: .directory(hostname: nil, path: path),
                                       targetBucket: output(.bucket) ?? placeholderBucket(store, blueprint: blueprint))
        case .postgres(let url):
            guard let source = try? PostgresConnection(url: url) else { return nil }
            return NativePath.dms(engine: .postgres, store: store, stackName: stackName, sizeBytes: step.size?.bytes,
                                  source: .init(port: source.port, database: source.database, username: source.user),
                                  target: target(source.database))
        case .mysql(let url):
            guard let source = try? MySQLConnection(url: url) else { return nil }
            let engine: NativeDatabase.Engine = blueprint.dataStores.first { $0.name == store }?.engine == "mariadb" ? .mariadb : .mysql
            return NativePath.dms(engine: engine, store: store, stackName: stackName, sizeBytes: step.size?.bytes,
                                  source: .init(port: source.port, database: source.database, username: source.user),
                                  target: target(source.database))
        case .dynamoDBLocal, .none:
            guard step.kind == "dynamodb", let table = blueprint.tables.first(where: { $0.name == store }) else { return nil }
            let name = output(.table) ?? table.tableName ?? table.name
            return NativePath.dynamoDBImport(store: store, stackName: stackName, table: name, partitionKey: table.partitionKey, sortKey: table.sortKey)
        }
    }

    /// Before the stack is deployed its bucket has no name yet (unless the plan fixed one).
    static func placeholderBucket(_ store: String, blueprint: Blueprint) -> String {
        blueprint.buckets.first { $0.name == store }?.bucketNameHint ?? "<bucket of \(store)>"
    }

    /// Writes the artifacts and a README.md with the commands and notes into `directory/<kind>-<store>`.
    static func write(_ plan: NativePlan, store: String, under directory: String) throws -> NativeStep {
        let folder = (directory as NSString).appendingPathComponent("\(plan.kind)-\(store)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var files: [String] = []
        for artifact in plan.artifacts.sorted(by: { $0.fileName < $1.fileName }) {
            try Data(artifact.contents.utf8).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(artifact.fileName)))
            files.append(artifact.fileName)
        }
        var readme = "# \(plan.service): \(plan.kind) of \(store)\n\nRun from this directory, in order:\n\n```sh\n"
        readme += plan.commands.joined(separator: "\n\n") + "\n```\n\n## Before you start\n\n"
        readme += plan.notes.map { "- \($0)" }.joined(separator: "\n") + "\n"
        try Data(readme.utf8).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("README.md")))
        return NativeStep(service: plan.service, directory: folder, files: ["README.md"] + files)
    }

    /// The deployed stack's outputs, or empty when the stack or credentials are not there: the native
    /// path then names placeholders, and the plan says to rerun after deploying.
    static func stackOutputs(stackName: String, region: String) async -> [String: String] {
        await withTimeout(probeTimeout) { () async -> [String: String]? in
            guard let client = try? AWSClient.make(settings: AWSSettings(profile: nil, region: region, endpointURL: nil),
                                                    retry: RetryStrategy(maxAttempts: 1)),
                  let stack = try? await CloudFormationClient(client: client).describeStack(stackName) else { return nil }
            return Dictionary(stack.outputs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        } ?? [:]
    }
}
