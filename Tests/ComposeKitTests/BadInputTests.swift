import XCTest
@testable import ComposeKit

/// Every file in Fixtures/bad must fail with the error its first line announces:
/// `# expect: LINE:COLUMN message-substring` (`0:0`: any position).
final class BadInputTests: XCTestCase {
    func testBadInputs() throws {
        let dir = TestSupport.fixtures + "/bad"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 15)
        for name in names {
            let path = dir + "/" + name
            let text = try String(contentsOfFile: path, encoding: .utf8)
            guard let first = text.split(separator: "\n").first, first.hasPrefix("# expect: ") else {
                XCTFail("\(name): first line must be '# expect: LINE:COL message'"); continue
            }
            let spec = first.dropFirst("# expect: ".count)
            let parts = spec.split(separator: " ", maxSplits: 1).map(String.init)
            let position = parts[0].split(separator: ":").compactMap { Int($0) }
            let message = parts.count > 1 ? parts[1] : ""
            do {
                _ = try ComposeLoader.load(LoadOptions(files: [path], environment: [:], currentDirectory: dir))
                XCTFail("\(name): loaded but should fail with \(message)")
            } catch let error as ComposeError {
                XCTAssertTrue(error.message.contains(message), "\(name): \(error)")
                XCTAssertTrue(error.description.hasPrefix(path + ":") || position == [0, 0], "\(name): \(error) has no location")
                if position.count == 2, position != [0, 0] {
                    XCTAssertEqual(error.location?.line, position[0], "\(name): \(error)")
                    XCTAssertEqual(error.location?.column, position[1], "\(name): \(error)")
                }
            }
        }
    }
}
