import XCTest
@testable import AWSKit

final class EndpointResolverTests: XCTestCase {
    func testOrderFlagThenServiceVariableThenGlobalVariableThenProfileThenAWS() throws {
        let env = ["AWS_ENDPOINT_URL": "http://global:1", "AWS_ENDPOINT_URL_CLOUDFORMATION": "http://cfn:2/"]
        XCTAssertEqual(try EndpointResolver(explicitURL: "http://flag:3", environment: env).resolve(.cloudFormation, region: "us-east-1").baseURL, "http://flag:3")
        XCTAssertEqual(try EndpointResolver(environment: env).resolve(.cloudFormation, region: "us-east-1").baseURL, "http://cfn:2")
        XCTAssertEqual(try EndpointResolver(environment: env).resolve(.s3, region: "us-east-1").baseURL, "http://global:1")
        XCTAssertEqual(try EndpointResolver(environment: [:], profileEndpoint: "http://profile:4").resolve(.s3, region: "us-east-1").baseURL, "http://profile:4")
        let aws = try EndpointResolver(environment: [:]).resolve(.cloudFormation, region: "eu-west-1")
        XCTAssertEqual(aws.baseURL, "https://cloudformation.eu-west-1.amazonaws.com")
        XCTAssertFalse(aws.isCustom)
        XCTAssertEqual(try EndpointResolver(environment: [:]).resolve(.sts, region: "cn-north-1").baseURL, "https://sts.cn-north-1.amazonaws.com.cn")
    }

    func testIgnoreConfiguredEndpointsKeepsOnlyTheFlag() throws {
        let env = ["AWS_ENDPOINT_URL": "http://global:1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]
        XCTAssertEqual(try EndpointResolver(environment: env).resolve(.s3, region: "us-east-1").baseURL, "https://s3.us-east-1.amazonaws.com")
        XCTAssertEqual(try EndpointResolver(explicitURL: "http://flag:3", environment: env).resolve(.s3, region: "us-east-1").baseURL, "http://flag:3")
    }

    func testInvalidEndpointIsAPlainError() {
        XCTAssertThrowsError(try EndpointResolver(explicitURL: "localhost:4566", environment: [:]).resolve(.s3, region: "us-east-1")) {
            XCTAssertEqual("\($0)", "invalid endpoint URL 'localhost:4566'")
        }
    }

    func testMaxAttemptsFromEnvironment() {
        XCTAssertEqual(AWSSettings(environment: ["AWS_MAX_ATTEMPTS": "7", "HOME": "/nonexistent"]).maxAttempts, 7)
        XCTAssertEqual(AWSSettings(environment: ["HOME": "/nonexistent"]).maxAttempts, 3)
        XCTAssertEqual(AWSSettings(environment: ["AWS_MAX_ATTEMPTS": "zero", "HOME": "/nonexistent"]).maxAttempts, 3)
    }

    func testSharedConfigParsing() {
        let parsed = SharedConfigFiles.parse("""
        # comment
        [default]
        region = us-east-1 # inline
        s3 =
          max_concurrent_requests = 20
        [profile dev]
        role_arn=arn:aws:iam::1:role/x
        [sso-session corp]
        sso_region = us-east-1
        """, isConfig: true)
        XCTAssertEqual(parsed["default"], ["region": "us-east-1", "s3": ""])
        XCTAssertEqual(parsed["dev"], ["role_arn": "arn:aws:iam::1:role/x"])
        XCTAssertNil(parsed["corp"])
    }
}
