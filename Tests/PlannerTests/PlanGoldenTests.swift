import XCTest
import ComposeKit
import Blueprint
import Planner

/// `plan --format json` for the examples and the seeds, compared byte for byte with
/// `Tests/PlannerTests/Golden/<stack>.plan.json`. After an intended change:
/// `FERRY_UPDATE_GOLDEN=1 swift test --filter PlanGoldenTests` and review the diff.
final class PlanGoldenTests: XCTestCase {
    static let goldenRoot = StackLoading.repoRoot.appendingPathComponent("Tests/PlannerTests/Golden")
    static var updating: Bool { ProcessInfo.processInfo.environment["FERRY_UPDATE_GOLDEN"] == "1" }

    /// Paths of the machine it ran on become project-relative.
    static func normalized(_ text: String, _ dir: URL) -> String {
        text.replacingOccurrences(of: dir.path + "/", with: "").replacingOccurrences(of: dir.path, with: ".")
    }

    func check(_ stacks: [StackLoading.Stack]) throws {
        var failures: [String] = []
        for s in stacks {
            let text = try StackLoading.withProject(s) { p, dir in
                Self.normalized(PlanFormatter.json(Planner.plan(p, options: PlanOptions())), dir)
            }
            let url = Self.goldenRoot.appendingPathComponent("\(s.name).plan.json")
            if Self.updating {
                try FileManager.default.createDirectory(at: Self.goldenRoot, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
                failures.append("\(s.name): no golden file \(url.lastPathComponent)")
                continue
            }
            if golden != text { failures.append(s.name) }
        }
        XCTAssertEqual(failures, [], "plan JSON differs from the golden files; if intended run FERRY_UPDATE_GOLDEN=1 swift test --filter PlanGoldenTests")
    }

    func testExamples() throws { try check(StackLoading.examples()) }
    func testSeeds() throws { try check(StackLoading.seeds()) }

    func testTableAndMarkdownAreStable() throws {
        for s in StackLoading.examples() {
            try StackLoading.withProject(s) { p, _ in
                let a = Planner.plan(p, options: PlanOptions()), b = Planner.plan(p, options: PlanOptions())
                XCTAssertEqual(PlanFormatter.table(a), PlanFormatter.table(b))
                XCTAssertEqual(PlanFormatter.markdown(a), PlanFormatter.markdown(b))
                XCTAssertEqual(PlanFormatter.blueprintJSON(a), PlanFormatter.blueprintJSON(b))
            }
        }
    }
}
