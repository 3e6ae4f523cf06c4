import Blueprint
import Foundation
import Planner
import XCTest
@testable import Renderers

/// `ferry plan` reports the resources a Blueprint calls for without rendering it (`ResourceCounter`);
/// the rendered templates are the truth. Every example, seed and corpus stack at every tier must agree.
final class ResourceCountTests: XCTestCase {
    func testPlanCountsMatchRenderedTemplates() throws {
        let shared = try CloudFormationTestTools.sharedDirectory()
        let stacks = CloudFormationCorpusTests.examples()
            + (try CloudFormationCorpusTests.stacks(in: shared.appendingPathComponent("seed-projects")))
            + (try CloudFormationCorpusTests.stacks(in: shared.appendingPathComponent("corpus"), prefix: "corpus-"))
        var mismatches: [String] = []
        for stack in stacks {
            guard let project = try? stack.load() else { continue }  // the corpus test reports load failures
            for tier in Tier.allCases {
                let blueprint = Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
                let rendered = CloudFormationRenderer.render(blueprint).stacks.resourceCounts
                let planned = ResourceCounter.count(blueprint)
                for type in Set(rendered.keys).union(planned.keys).sorted() where rendered[type] != planned[type] {
                    mismatches.append("\(stack.slug) \(tier.rawValue) \(type): plan \(planned[type] ?? 0), template \(rendered[type] ?? 0)")
                }
            }
        }
        XCTAssertEqual(mismatches, [], "\n" + mismatches.joined(separator: "\n"))
    }
}
