import XCTest
@testable import Deployer

final class DeployerSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
