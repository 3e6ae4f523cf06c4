import Blueprint
import ComposeKit
import Foundation
@testable import Planner
import XCTest
@testable import Renderers

/// The Terraform output of every example, seed project and corpus stack at dev, mvp and prod: no
/// Blueprint problems, byte-identical across runs, no secret value from a compose file or `.env`, every
/// resource and argument valid against the AWS provider's schema, and `terraform fmt -check` clean.
final class TerraformCorpusTests: XCTestCase {
    typealias Stack = CloudFormationCorpusTests.Stack

    static func allStacks() throws -> [Stack] {
        let shared = try CloudFormationTestTools.sharedDirectory()
        return CloudFormationCorpusTests.examples()
            + (try CloudFormationCorpusTests.stacks(in: shared.appendingPathComponent("seed-projects")))
            + (try CloudFormationCorpusTests.stacks(in: shared.appendingPathComponent("corpus"), prefix: "corpus-"))
    }

    func testEveryStackAtEveryTierIsValidFmtCleanAndDeterministic() throws {
        let schema = try TerraformTestTools.schema()
        _ = try TerraformTestTools.terraform()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-tf-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var rendered = 0
        for stack in try Self.allStacks() {
            let project: Project
            do { project = try stack.load() } catch let error as ComposeError {
                print("\(stack.slug): not loaded (\(error))")
                continue
            }
            let secrets = CloudFormationCorpusTests.leakCheck(project)
            for tier in Tier.allCases {
                let blueprint = Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
                let rendering = TerraformRenderer.render(blueprint)
                let place = "\(stack.slug) \(tier.rawValue)"
                XCTAssertEqual(rendering.problems, [], place)
                XCTAssertEqual(rendering.files, TerraformRenderer.render(blueprint).files, "\(place) is not deterministic")
                for problem in schema.problems(in: rendering.hcl).prefix(20) { XCTFail("\(place): \(problem)") }
                for file in rendering.files {
                    for (secret, origin) in secrets.sorted(by: { $0.value < $1.value }) where file.contents.contains(secret) {
                        XCTFail("\(place) \(file.path) contains the value of \(origin)")
                    }
                }
                try TerraformTestTools.write(rendering, to: root.appendingPathComponent("\(stack.slug)-\(tier.rawValue)"))
                rendered += 1
            }
        }
        XCTAssertGreaterThan(rendered, 30)
        try TerraformTestTools.assertFormatted(root)
    }
}
