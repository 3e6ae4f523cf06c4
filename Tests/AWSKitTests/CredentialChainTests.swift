import AWSTestSupport
import Foundation
import XCTest
@testable import AWSKit

/// Every source of the chain, found in the AWS CLI's order: files and environment in a temporary
/// HOME, STS from a real moto_server, container and instance metadata served on loopback.
final class CredentialChainTests: XCTestCase {
    nonisolated(unsafe) static var moto: MotoServer?
    nonisolated(unsafe) static var container: LoopbackHTTPServer?
    nonisolated(unsafe) static var imds: LoopbackHTTPServer?

    override class func tearDown() {
        moto?.stop()
        let servers = [container, imds]
        let done = DispatchSemaphore(value: 0)
        Task { for server in servers { await server?.stop() }; done.signal() }
        done.wait()
        super.tearDown()
    }

    private var home: URL!

    override func setUp() async throws {
        if Self.moto == nil {
            // STS answers only; the order of sources is what this test is about, so no signature checks.
            Self.moto = try await MotoServer(executable: try TestEnvironment.motoServer(), checkSignatures: false)
            Self.container = try await LoopbackHTTPServer { request in
                guard request.header("Authorization") == "container-token" else { return .text(401, "no token") }
                return .text(200, #"{"AccessKeyId":"AKIDCONTAINER","SecretAccessKey":"container-secret","Token":"ctok","Expiration":"2099-01-01T00:00:00Z"}"#)
            }
            Self.imds = try await LoopbackHTTPServer { request in
                switch (request.method, request.uri) {
                case ("PUT", "/latest/api/token"):
                    return request.header("X-aws-ec2-metadata-token-ttl-seconds") == nil ? .text(400, "") : .text(200, "imds-session")
                case ("GET", "/latest/meta-data/iam/security-credentials/"):
                    return request.header("X-aws-ec2-metadata-token") == "imds-session" ? .text(200, "app-role") : .text(401, "")
                case ("GET", "/latest/meta-data/iam/security-credentials/app-role"):
                    guard request.header("X-aws-ec2-metadata-token") == "imds-session" else { return .text(401, "") }
                    return .text(200, #"{"Code":"Success","AccessKeyId":"AKIDIMDS","SecretAccessKey":"imds-secret","Token":"itok","Expiration":"2099-01-01T00:00:00Z"}"#)
                default:
                    return .text(404, "")
                }
            }
        }
        home = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try """
        [default]
        aws_access_key_id = AKIDPROFILE
        aws_secret_access_key = profile-secret

        [base]
        aws_access_key_id = AKIDBASE
        aws_secret_access_key = base-secret
        """.write(to: home.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        try """
        [default]
        region = eu-west-1

        [profile deployer]
        role_arn = arn:aws:iam::123456789012:role/deployer
        source_profile = base
        role_session_name = ferry-test

        [profile tool]
        credential_process = printf '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "process-secret"}'

        [profile broken-process]
        credential_process = sh -c 'exit 3'

        [profile loop-a]
        role_arn = arn:aws:iam::123456789012:role/a
        source_profile = loop-b

        [profile loop-b]
        role_arn = arn:aws:iam::123456789012:role/b
        source_profile = loop-a
        """.write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        try "header.payload.signature".write(to: home.appendingPathComponent("oidc-token"), atomically: true, encoding: .utf8)
    }

    override func tearDown() async throws {
        try? FileManager.default.removeItem(at: home)
    }

    /// An environment in which every source of the chain is configured.
    private func fullEnvironment() throws -> [String: String] {
        let moto = try XCTUnwrap(Self.moto), container = try XCTUnwrap(Self.container), imds = try XCTUnwrap(Self.imds)
        return [
            "HOME": home.path,
            "AWS_ENDPOINT_URL_STS": moto.endpoint,
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
            "AWS_WEB_IDENTITY_TOKEN_FILE": home.appendingPathComponent("oidc-token").path,
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/github-actions",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": container.baseURL + "/v2/credentials/abc",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-token",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.baseURL,
        ]
    }

    /// Web identity comes before the shared files (the CLI's order), so profile tests leave it out.
    private func profileEnvironment() throws -> [String: String] {
        var env = try fullEnvironment()
        env["AWS_WEB_IDENTITY_TOKEN_FILE"] = nil
        env["AWS_ROLE_ARN"] = nil
        return env
    }

    private func resolve(_ environment: [String: String], profile: String? = nil) async throws -> AWSCredentials {
        let settings = AWSSettings(environment: environment, profile: profile)
        return try await CredentialChain(settings: settings, region: "us-east-1").resolve()
    }

    func testEachSourceIsFoundInTheCLIOrder() async throws {
        var env = try fullEnvironment()

        var found = try await resolve(env)
        XCTAssertEqual(found.source, "environment")
        XCTAssertEqual(found.accessKeyID, "AKIDENV")
        XCTAssertEqual(found.sessionToken, "env-token")

        env["AWS_ACCESS_KEY_ID"] = nil
        env["AWS_SECRET_ACCESS_KEY"] = nil
        env["AWS_SESSION_TOKEN"] = nil
        found = try await resolve(env)
        XCTAssertTrue(found.source.hasPrefix("web identity"), found.source)
        XCTAssertNotNil(found.sessionToken, "STS credentials carry a session token")

        env["AWS_WEB_IDENTITY_TOKEN_FILE"] = nil
        env["AWS_ROLE_ARN"] = nil
        found = try await resolve(env)
        XCTAssertEqual(found.source, "profile default")
        XCTAssertEqual(found.accessKeyID, "AKIDPROFILE")

        try FileManager.default.removeItem(at: home.appendingPathComponent(".aws"))
        found = try await resolve(env)
        XCTAssertEqual(found.source, "container credentials")
        XCTAssertEqual(found.accessKeyID, "AKIDCONTAINER")

        env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = nil
        found = try await resolve(env)
        XCTAssertEqual(found.source, "instance metadata (IMDSv2)")
        XCTAssertEqual(found.accessKeyID, "AKIDIMDS")
        XCTAssertEqual(found.sessionToken, "itok")

        env["AWS_EC2_METADATA_DISABLED"] = "true"
        do {
            _ = try await resolve(env)
            XCTFail("no source left, yet credentials were found")
        } catch let error as AWSClientError {
            guard case .noCredentials(let tried) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(tried, "tried environment, web identity, profile default, container credentials, instance metadata (IMDSv2)")
        }
    }

    func testExplicitProfileSkipsEnvironmentKeys() async throws {
        let found = try await resolve(try profileEnvironment(), profile: "base")
        XCTAssertEqual(found.source, "profile base")
    }

    func testAWSProfileVariableSelectsProfile() async throws {
        var env = try fullEnvironment()
        env["AWS_ACCESS_KEY_ID"] = nil
        env["AWS_WEB_IDENTITY_TOKEN_FILE"] = nil
        env["AWS_PROFILE"] = "base"
        let found = try await resolve(env)
        XCTAssertEqual(found.accessKeyID, "AKIDBASE")
    }

    func testRoleWithSourceProfileAssumesTheRoleThroughSTS() async throws {
        let found = try await resolve(try profileEnvironment(), profile: "deployer")
        XCTAssertEqual(found.source, "assume role arn:aws:iam::123456789012:role/deployer")
        XCTAssertNotEqual(found.accessKeyID, "AKIDBASE")
        XCTAssertNotNil(found.sessionToken)
        XCTAssertNotNil(found.expiration)
    }

    func testCredentialProcess() async throws {
        let found = try await resolve(try profileEnvironment(), profile: "tool")
        XCTAssertEqual(found.accessKeyID, "AKIDPROCESS")
        XCTAssertEqual(found.source, "credential_process (profile tool)")
    }

    func testBrokenSourcesStopTheChainWithAPlainError() async throws {
        for (profile, expected) in [("broken-process", "exited with status 3"), ("loop-a", "source_profile loop"),
                                    ("missing", "profile 'missing' not found")] {
            do {
                _ = try await resolve(try profileEnvironment(), profile: profile)
                XCTFail("\(profile) should fail")
            } catch let error as AWSClientError {
                XCTAssertTrue("\(error)".contains(expected), "\(profile): \(error)")
                XCTAssertFalse("\(error)".contains("secret"), "errors never carry secrets")
            }
        }
    }

    func testRegionResolutionOrder() throws {
        var env = ["HOME": home.path, "AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "ap-south-1"]
        XCTAssertEqual(try AWSSettings(environment: env, region: "eu-central-1").region(), "eu-central-1")
        XCTAssertEqual(try AWSSettings(environment: env).region(), "us-west-2")
        env["AWS_REGION"] = nil
        XCTAssertEqual(try AWSSettings(environment: env).region(), "ap-south-1")
        env["AWS_DEFAULT_REGION"] = nil
        XCTAssertEqual(try AWSSettings(environment: env).region(), "eu-west-1", "the default profile's region")
        XCTAssertThrowsError(try AWSSettings(environment: ["HOME": "/nonexistent"]).region())
    }
}
