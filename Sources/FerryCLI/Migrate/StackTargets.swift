import AWSKit
import Foundation

/// What the deployed stack created, read from CloudFormation (ListStackResources): the physical
/// names `ferry migrate` writes to when no flag names them.
struct StackTargets {
    var stackName: String
    var resources: [CloudFormation.StackResource]

    static func read(stackName: String, client: AWSClient) async throws -> StackTargets {
        let cloudFormation = CloudFormationClient(client: client)
        guard try await cloudFormation.describeStack(stackName) != nil else {
            throw CLIError.input("the stack \(stackName) does not exist in \(client.region): deploy it first (ferry deploy), or pass --stack-name")
        }
        return StackTargets(stackName: stackName, resources: try await cloudFormation.listStackResources(stackName))
    }

    /// Secret name → ARN (a secret's physical id is its ARN: `…:secret:NAME-AbCdEf`).
    var secretARNs: [String: String] {
        var out: [String: String] = [:]
        for resource in resources where resource.resourceType == "AWS::SecretsManager::Secret" {
            guard let arn = resource.physicalID, let range = arn.range(of: ":secret:") else { continue }
            var name = String(arn[range.upperBound...])
            if let dash = name.lastIndex(of: "-"), name.distance(from: dash, to: name.endIndex) == 7 { name = String(name[..<dash]) }
            out[name] = arn
        }
        return out
    }

    /// Bucket names (a bucket's physical id is its name), by logical id.
    var buckets: [(logicalID: String, name: String)] {
        resources.filter { $0.resourceType == "AWS::S3::Bucket" }.compactMap { resource in
            resource.physicalID.map { (resource.logicalID, $0) }
        }.sorted { $0.logicalID < $1.logicalID }
    }
}
