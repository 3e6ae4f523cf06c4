import XCTest
@testable import Pricing

final class PricingSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
