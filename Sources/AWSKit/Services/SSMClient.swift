import Foundation

/// SSM Parameter Store (JSON 1.1): the two calls for plain configuration parameters.
public struct SSMClient: Sendable {
    public var client: AWSClient
    public init(client: AWSClient) { self.client = client }

    static let prefix = "AmazonSSM"

    struct PutInput: Encodable { var Name: String; var Value: String; var `Type`: String?; var Overwrite: Bool }
    struct GetInput: Encodable { var Name: String; var WithDecryption: Bool }
    struct GetOutput: Decodable { struct Parameter: Decodable { var Value: String? }; var Parameter: Parameter? }

    /// Sets the value (`Overwrite`: an existing parameter keeps its type).
    public func putParameter(name: String, value: String, type: String? = nil, overwrite: Bool = true) async throws {
        _ = try await client.send(JSONProtocol.request(service: .ssm, version: "1.1", targetPrefix: Self.prefix, operation: "PutParameter",
            body: PutInput(Name: name, Value: value, Type: type, Overwrite: overwrite)))
    }

    /// The value, or nil when the parameter does not exist.
    public func getParameter(name: String) async throws -> String? {
        do {
            let response = try await client.send(JSONProtocol.request(service: .ssm, version: "1.1", targetPrefix: Self.prefix,
                operation: "GetParameter", body: GetInput(Name: name, WithDecryption: true)))
            return try JSONProtocol.decode(GetOutput.self, from: response).Parameter?.Value
        } catch let error as AWSServiceError where error.code == "ParameterNotFound" {
            return nil
        }
    }
}
