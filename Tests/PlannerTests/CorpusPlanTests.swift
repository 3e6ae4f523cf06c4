import XCTest
import ComposeKit
import Blueprint
import Planner

/// Every corpus and seed stack that loads also plans, at every tier, deterministically, and no
/// secret value (by the planner's rules and by the name list) appears in any plan output.
final class CorpusPlanTests: XCTestCase {
    func testEveryStackPlansWithoutLeakingSecrets() throws {
        let stacks = try StackLoading.seeds() + StackLoading.corpus() + StackLoading.examples()
        var planned = 0
        var problems: [String] = []
        for s in stacks {
            do {
                try StackLoading.withProject(s, profiles: ["*"]) { project, dir in
                    let secrets = StackLoading.leakCheck(project, dir: dir)
                    for tier in Tier.allCases {
                        let b = Planner.plan(project, options: PlanOptions(tier: tier))
                        var outputs = [PlanFormatter.blueprintJSON(b)]
                        if tier == .mvp { outputs += [PlanFormatter.json(b), PlanFormatter.table(b), PlanFormatter.markdown(b)] }
                        if tier == .mvp, PlanFormatter.blueprintJSON(Planner.plan(project, options: PlanOptions(tier: tier))) != outputs[0] {
                            problems.append("\(s.name): not deterministic")
                        }
                        for (value, name) in secrets.sorted(by: { $0.key < $1.key }) where outputs.contains(where: { $0.contains(value) }) {
                            problems.append("\(s.name) (\(tier.rawValue)): the value of \(name) appears in the output")
                        }
                        if b.services.count < project.services.count { problems.append("\(s.name): a service is missing from the plan") }
                        let elements = b.services.filter { [.web, .internal, .worker, .job].contains($0.role) }
                        for e in elements where b.workload(named: e.name) == nil { problems.append("\(s.name): \(e.name) has no workload") }
                    }
                    planned += 1
                }
            } catch is ComposeError {
                continue  // stacks that need values their authors never committed fail to load, as in Docker Compose
            }
        }
        XCTAssertEqual(problems, [])
        XCTAssertGreaterThan(planned, 40, "most stacks should load and plan")
    }
}
