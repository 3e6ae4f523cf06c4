import XCTest
@testable import Verifier

final class DurationTests: XCTestCase {
    func testDurations() {
        XCTAssertEqual(ServiceLogs.duration("30s"), 30)
        XCTAssertEqual(ServiceLogs.duration("10m"), 600)
        XCTAssertEqual(ServiceLogs.duration("2h"), 7200)
        XCTAssertEqual(ServiceLogs.duration("1d"), 86400)
        XCTAssertNil(ServiceLogs.duration("ten"))
    }

    func testImageTagParsing() {
        XCTAssertEqual(ServiceRollback.tag(of: "1.dkr.ecr.us-east-1.amazonaws.com/shop/api:abc123"), "abc123")
        XCTAssertNil(ServiceRollback.tag(of: "localhost:5000/app"))
        XCTAssertNil(ServiceRollback.tag(of: "repo/app@sha256:00"))
        XCTAssertEqual(ServiceRollback.repository(of: "r/app:v1"), "r/app")
    }
}
