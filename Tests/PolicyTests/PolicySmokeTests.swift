import XCTest
@testable import Policy

final class PolicySmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
