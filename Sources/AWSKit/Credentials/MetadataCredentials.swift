import Foundation

/// The JSON both metadata services answer with.
struct MetadataCredentialsDocument: Decodable {
    var AccessKeyId: String
    var SecretAccessKey: String
    var Token: String?
    var Expiration: String?
    var Code: String?

    func credentials(source: String) -> AWSCredentials {
        AWSCredentials(accessKeyID: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: Token,
                       expiration: Expiration.flatMap(ISO8601.parse), source: source)
    }
}

/// ECS (and EKS Pod Identity) container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` on
/// 169.254.170.2, or `AWS_CONTAINER_CREDENTIALS_FULL_URI` (HTTPS, or plain HTTP to a loopback or the
/// container metadata addresses only) with `AWS_CONTAINER_AUTHORIZATION_TOKEN[_FILE]`.
struct ContainerCredentials: CredentialSource {
    let environment: [String: String]
    let transport: HTTPTransport
    var name: String { "container credentials" }

    static let allowedHTTPHosts: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]", "169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]"]

    func load() async throws -> AWSCredentials? {
        let url: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            url = "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            guard let parsed = URL(string: full), let host = parsed.host,
                  parsed.scheme == "https" || (parsed.scheme == "http" && (Self.allowedHTTPHosts.contains(host) || host.hasPrefix("127."))) else {
                throw AWSClientError.credentialSource("AWS_CONTAINER_CREDENTIALS_FULL_URI must be HTTPS or a loopback address")
            }
            url = full
        } else {
            return nil
        }
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
            guard let token = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw AWSClientError.credentialSource("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)")
            }
            headers.append(("Authorization", token.trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !token.isEmpty {
            headers.append(("Authorization", token))
        }
        let response: HTTPExchangeResponse
        do {
            response = try await transport.send(method: "GET", url: url, headers: headers, body: nil)
        } catch {
            throw AWSClientError.credentialSource("container credentials endpoint unreachable: \(AWSClient.describe(error))")
        }
        guard response.status == 200,
              let document = try? JSONDecoder().decode(MetadataCredentialsDocument.self, from: response.body) else {
            throw AWSClientError.credentialSource("container credentials endpoint answered HTTP \(response.status) without credentials")
        }
        return document.credentials(source: name)
    }
}

/// EC2 instance metadata, IMDSv2 only (a session token first, then the role's credentials).
/// `AWS_EC2_METADATA_DISABLED=true` turns it off; `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it.
/// Unreachable means "not on EC2", so it yields nothing instead of failing.
struct InstanceMetadataCredentials: CredentialSource {
    let environment: [String: String]
    let transport: HTTPTransport
    var name: String { "instance metadata (IMDSv2)" }

    func load() async throws -> AWSCredentials? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        var base = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://169.254.169.254"
        while base.hasSuffix("/") { base.removeLast() }
        let tokenResponse: HTTPExchangeResponse
        do {
            tokenResponse = try await transport.send(method: "PUT", url: base + "/latest/api/token",
                                                     headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")], body: Data())
        } catch {
            return nil
        }
        guard tokenResponse.status == 200 else { return nil }
        let token = String(decoding: tokenResponse.body, as: UTF8.self)
        let auth = [("X-aws-ec2-metadata-token", token)]
        let listing = try await transport.send(method: "GET", url: base + "/latest/meta-data/iam/security-credentials/",
                                               headers: auth, body: nil)
        guard listing.status == 200 else { return nil } // an instance without a role
        let role = String(decoding: listing.body, as: UTF8.self)
            .split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !role.isEmpty else { return nil }
        let answer = try await transport.send(method: "GET", url: base + "/latest/meta-data/iam/security-credentials/" + role,
                                              headers: auth, body: nil)
        guard answer.status == 200,
              let document = try? JSONDecoder().decode(MetadataCredentialsDocument.self, from: answer.body),
              document.Code == nil || document.Code == "Success" else {
            throw AWSClientError.credentialSource("instance metadata role '\(role)' answered HTTP \(answer.status) without credentials")
        }
        return document.credentials(source: name)
    }
}
