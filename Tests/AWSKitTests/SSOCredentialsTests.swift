import AWSTestSupport
import Foundation
import XCTest
@testable import AWSKit

/// IAM Identity Center profiles: the cached `aws sso login` token is exchanged at the portal for role
/// credentials. No emulator serves the SSO portal, so it runs on loopback here (as the metadata
/// services do in CredentialChainTests), checking the bearer token and the query.
final class SSOCredentialsTests: XCTestCase {
    private var home: URL!
    private var portal: LoopbackHTTPServer!

    override func setUp() async throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-sso-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws/sso/cache"), withIntermediateDirectories: true)
        portal = try await LoopbackHTTPServer { request in
            guard request.header("x-amz-sso_bearer_token") == "cached-token" else { return .text(401, #"{"message":"Session token not found or invalid"}"#) }
            guard request.uri == "/federation/credentials?account_id=111122223333&role_name=Deployer" else { return .text(404, request.uri) }
            return .text(200, #"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"sso-secret","sessionToken":"sso-token","expiration":4102444800000}}"#,
                         contentType: "application/json")
        }
    }

    override func tearDown() async throws {
        await portal.stop()
        try? FileManager.default.removeItem(at: home)
    }

    private func write(_ text: String, _ path: String) throws {
        try text.write(to: home.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    private func chain(profile: String) -> CredentialChain {
        let environment = ["HOME": home.path, "AWS_ENDPOINT_URL_SSO": portal.baseURL]
        return CredentialChain(settings: AWSSettings(environment: environment, profile: profile), region: "eu-west-1")
    }

    private func cache(key: String, token: String = "cached-token", expires: String = "2099-01-01T00:00:00Z") throws {
        try write(#"{"accessToken":"\#(token)","expiresAt":"\#(expires)","region":"eu-west-1","startUrl":"https://acme.awsapps.com/start"}"#,
                  ".aws/sso/cache/\(SSOCredentials.sha1Hex(key)).json")
    }

    func testSessionProfileExchangesTheCachedToken() async throws {
        try write("""
            [profile dev]
            sso_session = acme
            sso_account_id = 111122223333
            sso_role_name = Deployer
            region = eu-west-1

            [sso-session acme]
            sso_start_url = https://acme.awsapps.com/start
            sso_region = eu-west-1
            """, ".aws/config")
        try cache(key: "acme")
        let credentials = try await chain(profile: "dev").resolve()
        XCTAssertEqual(credentials.accessKeyID, "ASIASSO")
        XCTAssertEqual(credentials.sessionToken, "sso-token")
        XCTAssertEqual(credentials.expiration, Date(timeIntervalSince1970: 4_102_444_800))
    }

    func testLegacyProfileKeysTheCacheByStartURL() async throws {
        try write("""
            [profile old]
            sso_start_url = https://acme.awsapps.com/start
            sso_region = eu-west-1
            sso_account_id = 111122223333
            sso_role_name = Deployer
            """, ".aws/config")
        try cache(key: "https://acme.awsapps.com/start")
        let credentials = try await chain(profile: "old").resolve()
        XCTAssertEqual(credentials.accessKeyID, "ASIASSO")
    }

    func testMissingExpiredOrRejectedLoginsSayToLogIn() async throws {
        try write("[profile dev]\nsso_session = acme\nsso_account_id = 111122223333\nsso_role_name = Deployer\n\n[sso-session acme]\nsso_region = eu-west-1\n", ".aws/config")
        await assertFails(chain(profile: "dev"), contains: "aws sso login --profile dev")
        try cache(key: "acme", expires: "2020-01-01T00:00:00Z")
        await assertFails(chain(profile: "dev"), contains: "expired")
        try cache(key: "acme", token: "revoked")
        await assertFails(chain(profile: "dev"), contains: "no longer valid")
    }

    private func assertFails(_ chain: CredentialChain, contains text: String, line: UInt = #line) async {
        do {
            _ = try await chain.resolve()
            XCTFail("expected a failure", line: line)
        } catch {
            XCTAssertTrue("\(error)".contains(text), "\(error)", line: line)
            XCTAssertFalse("\(error)".contains("cached-token") || "\(error)".contains("revoked"), "a token leaked into \(error)", line: line)
        }
    }
}
