import Crypto
import Foundation

/// IAM Identity Center (SSO) profiles, as the AWS CLI reads them after `aws sso login`: the access
/// token cached in `~/.aws/sso/cache/<sha1 of the session name or start URL>.json` is exchanged for
/// role credentials at the SSO portal (`GetRoleCredentials`). ferry never starts a login itself.
///
/// Profile keys: `sso_session` (naming an `[sso-session …]` section with `sso_start_url` and
/// `sso_region`) or, the legacy form, `sso_start_url` + `sso_region` on the profile; both need
/// `sso_account_id` and `sso_role_name`. `AWS_ENDPOINT_URL_SSO` overrides the portal's address.
struct SSOCredentials {
    let profileName: String
    let profile: [String: String]
    let files: SharedConfigFiles
    let environment: [String: String]
    let transport: HTTPTransport
    var now: () -> Date = Date.init

    static func isSSOProfile(_ profile: [String: String]) -> Bool {
        profile["sso_session"] != nil || profile["sso_start_url"] != nil
    }

    func load() async throws -> AWSCredentials {
        let login = "run `aws sso login --profile \(profileName)`"
        let cacheKey: String
        let region: String?
        if let session = profile["sso_session"], !session.isEmpty {
            guard let section = files.ssoSessions[session] else {
                throw AWSClientError.credentialSource("profile '\(profileName)': sso_session '\(session)' has no [sso-session \(session)] section in ~/.aws/config")
            }
            cacheKey = session
            region = section["sso_region"] ?? profile["sso_region"]
        } else {
            cacheKey = profile["sso_start_url"] ?? ""
            region = profile["sso_region"]
        }
        guard let region, !region.isEmpty, let account = profile["sso_account_id"], !account.isEmpty,
              let role = profile["sso_role_name"], !role.isEmpty else {
            throw AWSClientError.credentialSource("profile '\(profileName)': an SSO profile needs sso_region, sso_account_id and sso_role_name")
        }

        let cacheFile = cacheDirectory() + "/" + Self.sha1Hex(cacheKey) + ".json"
        guard let data = FileManager.default.contents(atPath: cacheFile),
              let token = try? JSONDecoder().decode(CachedToken.self, from: data) else {
            throw AWSClientError.credentialSource("profile '\(profileName)': no cached SSO login (\(cacheFile)); \(login)")
        }
        if let expires = ISO8601.parse(token.expiresAt.replacingOccurrences(of: "UTC", with: "Z")), expires <= now() {
            throw AWSClientError.credentialSource("profile '\(profileName)': the SSO login expired at \(token.expiresAt); \(login)")
        }

        let base = environment["AWS_ENDPOINT_URL_SSO"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://portal.sso.\(region).amazonaws.com"
        let url = base.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/federation/credentials?account_id="
            + URIEncoding.encode(account) + "&role_name=" + URIEncoding.encode(role)
        let response: HTTPExchangeResponse
        do {
            response = try await transport.send(method: "GET", url: url, headers: [("x-amz-sso_bearer_token", token.accessToken), ("Accept", "application/json")], body: nil)
        } catch {
            throw AWSClientError.credentialSource("profile '\(profileName)': the SSO portal is unreachable: \(AWSClient.describe(error))")
        }
        guard response.status == 200 else {
            let why = response.status == 401 || response.status == 403 ? "the login is no longer valid; \(login)" : "HTTP \(response.status)"
            throw AWSClientError.credentialSource("profile '\(profileName)': GetRoleCredentials for \(role) in \(account) failed: \(why)")
        }
        guard let document = try? JSONDecoder().decode(RoleCredentialsDocument.self, from: response.body) else {
            throw AWSClientError.credentialSource("profile '\(profileName)': the SSO portal answered without role credentials")
        }
        let c = document.roleCredentials
        return AWSCredentials(accessKeyID: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken,
                              expiration: Date(timeIntervalSince1970: Double(c.expiration) / 1000), source: "sso profile \(profileName)")
    }

    func cacheDirectory() -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.aws/sso/cache"
    }

    static func sha1Hex(_ text: String) -> String {
        Insecure.SHA1.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    struct CachedToken: Decodable {
        var accessToken: String
        var expiresAt: String
    }

    struct RoleCredentialsDocument: Decodable {
        struct RoleCredentials: Decodable {
            var accessKeyId: String
            var secretAccessKey: String
            var sessionToken: String?
            var expiration: Int64
        }
        var roleCredentials: RoleCredentials
    }
}
