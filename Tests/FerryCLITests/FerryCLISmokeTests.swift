import XCTest
@testable import FerryCLI

final class FerryCLISmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
