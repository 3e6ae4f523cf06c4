import XCTest
@testable import AWSKit

final class AWSKitSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
