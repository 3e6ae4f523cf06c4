import Foundation

/// Whether secrets and SSM parameters exist and were set, read from their metadata only: no call here
/// returns a value (DescribeSecret, DescribeParameters), so none can be printed or logged.
public struct ConfigurationMetadataClient: Sendable {
    public var client: AWSClient
    public init(client: AWSClient) { self.client = client }

    public struct SecretMetadata: Sendable, Equatable {
        public var name: String
        public var description: String
        /// How many versions the secret has: a value put after creation adds one.
        public var versionCount: Int
        public var hasCurrentVersion: Bool
    }

    struct DescribeSecretInput: Encodable { var SecretId: String }
    struct DescribeSecretOutput: Decodable {
        var Name: String?
        var Description: String?
        var VersionIdsToStages: [String: [String]]?
    }

    public func secret(_ id: String) async throws -> SecretMetadata {
        let response = try await client.send(JSONProtocol.request(service: .secretsManager, version: "1.1", targetPrefix: "secretsmanager",
                                                                  operation: "DescribeSecret", body: DescribeSecretInput(SecretId: id)))
        let output = try JSONProtocol.decode(DescribeSecretOutput.self, from: response)
        let versions = output.VersionIdsToStages ?? [:]
        return SecretMetadata(name: output.Name ?? id, description: output.Description ?? "", versionCount: versions.count,
                              hasCurrentVersion: versions.values.contains { $0.contains("AWSCURRENT") })
    }

    struct Filter: Encodable { var Key = "Name"; var Option = "Equals"; var Values: [String] }
    struct DescribeParametersInput: Encodable { var ParameterFilters: [Filter]; var MaxResults = 50 }
    struct DescribeParametersOutput: Decodable { struct P: Decodable { var Name: String? }; var Parameters: [P]? }

    /// The names among `names` that exist as SSM parameters.
    public func existingParameters(_ names: [String]) async throws -> Set<String> {
        var found = Set<String>()
        var start = 0
        while start < names.count {
            let batch = Array(names[start..<min(names.count, start + 50)])
            start += batch.count
            let response = try await client.send(JSONProtocol.request(service: .ssm, version: "1.1", targetPrefix: "AmazonSSM",
                                                                      operation: "DescribeParameters",
                                                                      body: DescribeParametersInput(ParameterFilters: [Filter(Values: batch)])))
            for p in try JSONProtocol.decode(DescribeParametersOutput.self, from: response).Parameters ?? [] {
                if let name = p.Name { found.insert(name) }
            }
        }
        return found
    }
}

