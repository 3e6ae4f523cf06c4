import Foundation
import PlanGenerator
import XCTest

/// Each failure the generative test found, reduced to a small project under Fixtures/Generative, must
/// plan and render cleanly at every tier with every renderer. Fixtures named in `KnownFailures` still
/// fail today: they are skipped with a note unless `FERRY_KNOWN_FAILURES=1`.
final class GenerativeRegressionTests: XCTestCase {
    static var fixtures: URL { StackLoading.repoRoot.appendingPathComponent("Tests/PlannerTests/Fixtures/Generative") }

    func testReducedFixturesPlanAndRender() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).sorted()
        XCTAssertFalse(names.isEmpty)
        let check = try ConsistencyCheck()
        for name in names {
            let dir = Self.fixtures.appendingPathComponent(name)
            if KnownFailures.skips(fixture: name) {
                print("NOTE: generative fixture \(name) is a known failure (set FERRY_KNOWN_FAILURES=1 to run it)")
                continue
            }
            let text = ["compose.yaml", ".env"].compactMap { try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }
            let outcome = check.run(projectAt: dir, profiles: ["*"], secretValues: GeneratedProject.secretLiterals(in: text.joined(separator: "\n")))
            XCTAssertNil(outcome.loadError, "\(name) does not load")
            XCTAssertEqual(outcome.failures, [], "\(name):\n" + outcome.failures.joined(separator: "\n"))
        }
    }
}
