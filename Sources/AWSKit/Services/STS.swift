import Foundation

/// The three STS calls the credential chain and `ferry status` need.
public struct STSClient: Sendable {
    public var client: AWSClient
    static let version = "2011-06-15"

    public init(client: AWSClient) { self.client = client }

    public struct CallerIdentity: Sendable, Equatable {
        public var account: String
        public var arn: String
        public var userID: String
    }

    public func getCallerIdentity() async throws -> CallerIdentity {
        let response = try await client.send(QueryProtocol.request(service: .sts, action: "GetCallerIdentity",
                                                                   version: Self.version, parameters: []))
        let result = try QueryProtocol.result(response, action: "GetCallerIdentity")
        return CallerIdentity(account: result.string("Account") ?? "", arn: result.string("Arn") ?? "",
                              userID: result.string("UserId") ?? "")
    }

    public func assumeRole(roleARN: String, sessionName: String, externalID: String? = nil,
                           durationSeconds: Int? = nil) async throws -> AWSCredentials {
        var parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName)]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        let response = try await client.send(QueryProtocol.request(service: .sts, action: "AssumeRole",
                                                                   version: Self.version, parameters: parameters))
        return try Self.credentials(from: QueryProtocol.result(response, action: "AssumeRole"), source: "assume role \(roleARN)")
    }

    /// Unsigned: the web identity token (GitHub Actions' OIDC token, EKS's service account token) is the credential.
    public func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, token: String) async throws -> AWSCredentials {
        let request = QueryProtocol.request(service: .sts, action: "AssumeRoleWithWebIdentity", version: Self.version,
                                            parameters: [("RoleArn", roleARN), ("RoleSessionName", sessionName),
                                                         ("WebIdentityToken", token)], unsigned: true)
        let response = try await client.send(request)
        return try Self.credentials(from: QueryProtocol.result(response, action: "AssumeRoleWithWebIdentity"),
                                    source: "web identity \(roleARN)")
    }

    static func credentials(from result: XMLTree, source: String) throws -> AWSCredentials {
        guard let node = result.child("Credentials"), let key = node.string("AccessKeyId"),
              let secret = node.string("SecretAccessKey") else {
            throw AWSClientError.malformedResponse("STS answer without Credentials")
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: node.string("SessionToken"),
                              expiration: node.string("Expiration").flatMap(ISO8601.parse), source: source)
    }
}

/// ISO 8601 timestamps as AWS writes them, with or without fractional seconds.
enum ISO8601 {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = try? fractional.parse(trimmed) { return date }
        // "2024-01-01T00:00:00.000000+00:00" and other near-misses: drop the fraction and retry.
        if let dot = trimmed.firstIndex(of: ".") {
            var rest = trimmed[trimmed.index(after: dot)...].drop { $0.isNumber }
            if rest.isEmpty { rest = "Z" }
            return try? Date(String(trimmed[..<dot]) + rest, strategy: .iso8601)
        }
        return nil
    }
}
