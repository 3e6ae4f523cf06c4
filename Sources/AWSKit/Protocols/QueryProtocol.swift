import Foundation

/// The AWS query protocol (CloudFormation, STS, IAM): a form-encoded POST of `Action`, `Version` and
/// flattened parameters (`Parameters.member.1.ParameterKey`), answered with
/// `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata><RequestId>`.
public enum QueryProtocol {
    public static func request(service: AWSService, action: String, version: String,
                               parameters: [(String, String)], unsigned: Bool = false) -> AWSRequest {
        let all = [("Action", action), ("Version", version)] + parameters
        let body = all.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&")
        var request = AWSRequest(service: service, operation: action, method: "POST", path: "/",
                                 headers: [.init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                                 body: Data(body.utf8))
        request.unsigned = unsigned
        return request
    }

    /// `application/x-www-form-urlencoded` as the AWS SDKs write it: unreserved bytes kept, a space
    /// as `+`, everything else `%XX`. (Emulators that re-derive the body hash from parsed fields, as
    /// moto does, only agree with this exact spelling.)
    static func formEncode(_ text: String) -> String {
        URIEncoding.encode(text).replacingOccurrences(of: "%20", with: "+")
    }

    /// The `<ActionResult>` element (or the root when a service omits it).
    public static func result(_ response: HTTPExchangeResponse, action: String) throws -> XMLTree {
        let root = try XMLTree.parse(response.body)
        return root.child("\(action)Result") ?? root
    }

    /// Appends a list the query way: `Name.member.1`, `Name.member.2`, …
    public static func list(_ name: String, _ values: [String]) -> [(String, String)] {
        values.enumerated().map { ("\(name).member.\($0.offset + 1)", $0.element) }
    }

    /// Appends a list of structures: `Name.member.1.Key=…`.
    public static func structures(_ name: String, _ values: [[(String, String)]]) -> [(String, String)] {
        values.enumerated().flatMap { index, fields in
            fields.map { ("\(name).member.\(index + 1).\($0.0)", $0.1) }
        }
    }
}

/// The AWS JSON 1.0/1.1 protocols (DynamoDB, Secrets Manager, SSM, ECS, Logs): a POST of a JSON body
/// with `X-Amz-Target: Prefix.Operation`.
public enum JSONProtocol {
    public static func request<Body: Encodable>(service: AWSService, version: String, targetPrefix: String,
                                                operation: String, body: Body) throws -> AWSRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return AWSRequest(service: service, operation: operation, method: "POST", path: "/", headers: [
            .init("Content-Type", "application/x-amz-json-\(version)"),
            .init("X-Amz-Target", "\(targetPrefix).\(operation)"),
        ], body: try encoder.encode(body))
    }

    public static func decode<Output: Decodable>(_ type: Output.Type, from response: HTTPExchangeResponse) throws -> Output {
        do {
            return try JSONDecoder().decode(type, from: response.body.isEmpty ? Data("{}".utf8) : response.body)
        } catch {
            throw AWSClientError.malformedResponse("cannot read JSON response: \(error)")
        }
    }
}
