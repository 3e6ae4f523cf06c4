import Blueprint
import Foundation
import PlanGenerator
import XCTest

/// Thousands of generated Compose projects (fixed seed) must load, plan at every tier and render with
/// every renderer without a problem, an error or a broken invariant. `FERRY_GENERATIVE_COUNT`,
/// `FERRY_GENERATIVE_SEED` and `FERRY_GENERATIVE_JOBS` (threads, default 2) change the run;
/// `scripts/generative.sh` runs a long one in release.
///
/// Cost: CloudFormation is rendered at all three tiers, the other renderers at one tier per project in turn
/// (`.rotating`). In debug on 2 shared cores (load average ~9) 10,000 projects took 24.5 min wall and
/// 685 s CPU (68 ms per project); CloudFormation rendering was 45 % of it, the policy check 15 %,
/// planning 13 % (docs/BENCHMARKS.md). Set `FERRY_GENERATIVE_COUNT` lower for a quick run.
final class GenerativePlanTests: XCTestCase {
    static let defaultSeed: UInt64 = 20_240_601
    static let defaultCount = 10_000
    /// Every this many projects, the mvp template is linted with cfn-lint.
    static let lintEvery = 500

    func testGeneratedProjectsPlanAndRender() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["FERRY_GENERATIVE_SEED"].flatMap { UInt64($0) } ?? Self.defaultSeed
        let count = env["FERRY_GENERATIVE_COUNT"].flatMap { Int($0) } ?? Self.defaultCount
        let jobs = env["FERRY_GENERATIVE_JOBS"].flatMap { Int($0) } ?? min(2, ProcessInfo.processInfo.activeProcessorCount)
        let scratch = try GenerativeSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }

        let start = Date()
        let run = GenerativeRun(seed: seed, check: try GenerativeSupport.check(), isKnown: KnownFailures.isKnown)
        let result = run.run(0..<count, scratch: scratch, jobs: jobs)
        print(result.summary(seconds: Date().timeIntervalSince(start)))
        XCTAssertEqual(result.loadErrors.count, 0, "generated projects that do not load (a generator bug):\n" + result.loadErrorReport)
        XCTAssertEqual(result.newFailureClasses, [], "generated projects that fail:\n" + result.failureReport)
    }

    func testSampledTemplatesPassCfnLint() throws {
        let lint = try GenerativeSupport.cfnLint()
        let scratch = try GenerativeSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let run = GenerativeRun(seed: Self.defaultSeed, check: try ConsistencyCheck(tiers: [.mvp], everyRenderer: .tiers([.mvp])))
        let indices = stride(from: 0, to: Self.defaultCount, by: Self.lintEvery)
        var templates: [String: GeneratedProject] = [:]
        var urls: [URL] = []
        for index in indices {
            let result = run.run(index..<(index + 1), scratch: scratch, sample: { _ in true })
            for (project, json) in result.sampledTemplates {
                let url = scratch.appendingPathComponent("template-\(project.index).json")
                try Data(json.utf8).write(to: url)
                templates[url.lastPathComponent] = project
                urls.append(url)
            }
        }
        XCTAssertGreaterThan(urls.count, indices.underestimatedCount / 2, "most sampled projects should render")
        let errors = try GenerativeSupport.lintErrors(lint, urls)
        for (file, messages) in errors.sorted(by: { $0.key < $1.key }) {
            XCTFail("cfn-lint errors in \(file):\n" + messages.joined(separator: "\n") + "\n" + (templates[file]?.reproduction ?? ""))
        }
    }
}
