import XCTest
@testable import Renderers

final class RenderersSmokeTests: XCTestCase {
    func testModuleLinks() { XCTAssertTrue(true) }
}
