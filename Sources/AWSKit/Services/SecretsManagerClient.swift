import Foundation

/// Secrets Manager (JSON 1.1): put a value, read it back to verify. Values pass through memory only.
public struct SecretsManagerClient: Sendable {
    public var client: AWSClient
    public init(client: AWSClient) { self.client = client }

    static let prefix = "secretsmanager"

    struct PutInput: Encodable { var SecretId: String; var SecretString: String; var ClientRequestToken: String? }
    struct PutOutput: Decodable { var VersionId: String? }
    struct GetInput: Encodable { var SecretId: String }
    struct GetOutput: Decodable { var SecretString: String?; var ARN: String?; var VersionId: String? }

    /// Stores a new current version. The same `clientRequestToken` with the same value is a no-op on
    /// AWS (no second version), which is what makes a redone write after an interruption safe.
    @discardableResult
    public func putSecretValue(secretID: String, value: String, clientRequestToken: String?) async throws -> String? {
        let response = try await client.send(JSONProtocol.request(service: .secretsManager, version: "1.1", targetPrefix: Self.prefix,
            operation: "PutSecretValue", body: PutInput(SecretId: secretID, SecretString: value, ClientRequestToken: clientRequestToken)))
        return try JSONProtocol.decode(PutOutput.self, from: response).VersionId
    }

    /// The current string value, or nil when the secret holds none.
    public func getSecretValue(secretID: String) async throws -> String? {
        do {
            let response = try await client.send(JSONProtocol.request(service: .secretsManager, version: "1.1", targetPrefix: Self.prefix,
                operation: "GetSecretValue", body: GetInput(SecretId: secretID)))
            return try JSONProtocol.decode(GetOutput.self, from: response).SecretString
        } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" && error.message.lowercased().contains("version") {
            return nil  // the secret exists without a value yet
        }
    }

    struct CreateInput: Encodable { var Name: String; var SecretString: String? }
    struct CreateOutput: Decodable { var ARN: String? }

    /// Creates a secret (tests and stacks made outside CloudFormation).
    @discardableResult
    public func createSecret(name: String, value: String? = nil) async throws -> String {
        let response = try await client.send(JSONProtocol.request(service: .secretsManager, version: "1.1", targetPrefix: Self.prefix,
            operation: "CreateSecret", body: CreateInput(Name: name, SecretString: value)))
        return try JSONProtocol.decode(CreateOutput.self, from: response).ARN ?? name
    }
}
