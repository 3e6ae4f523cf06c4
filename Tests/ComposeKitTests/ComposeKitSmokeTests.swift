import XCTest
@testable import ComposeKit

final class ComposeKitSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
