import Blueprint
import ComposeKit
import Foundation
@testable import Planner
import XCTest
@testable import Renderers

/// checkov `--framework terraform` over the Terraform ferry generates for the examples and the seed
/// projects at every tier: zero failed checks outside the skips in `.checkov-terraform.yaml`, each of
/// which says why (the CloudFormation skips of `.checkov.yaml` under the same ids, plus Terraform-only checks).
final class TerraformCheckovTests: XCTestCase {
    static var checkov: URL {
        let env = ProcessInfo.processInfo.environment["FERRY_CHECKOV_VENV"].flatMap { $0.isEmpty ? nil : $0 }
        let venv = env ?? CloudFormationTestTools.repoRoot.appendingPathComponent(".venv-checkov").path
        return URL(fileURLWithPath: venv + "/bin/checkov")
    }

    func testCheckovPassesOnGeneratedTerraform() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.checkov.path) else {
            try CloudFormationTestTools.unavailable("checkov not installed at \(Self.checkov.path) (run scripts/setup-test-tools.sh or set FERRY_CHECKOV_VENV)")
        }
        let shared = try CloudFormationTestTools.sharedDirectory()
        let stacks = CloudFormationCorpusTests.examples() + (try CloudFormationCorpusTests.stacks(in: shared.appendingPathComponent("seed-projects")))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-tf-checkov-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var written = 0
        for stack in stacks {
            let project = try stack.load()
            for tier in Tier.allCases {
                let blueprint = Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
                try TerraformTestTools.write(TerraformRenderer.render(blueprint), to: root.appendingPathComponent("\(stack.slug)-\(tier.rawValue)"))
                written += 1
            }
        }
        XCTAssertGreaterThan(written, 20)

        let process = Process()
        process.executableURL = Self.checkov
        process.arguments = ["-d", root.path, "--framework", "terraform", "--config-file",
                             CloudFormationTestTools.repoRoot.appendingPathComponent(".checkov-terraform.yaml").path,
                             "--skip-download", "--quiet", "--compact", "-o", "json"]
        var env = ProcessInfo.processInfo.environment
        env["BC_SKIP_MAPPING"] = "TRUE"
        env["CHECKOV_RUN_SCA_PACKAGE_SCAN_V2"] = "false"
        process.environment = env
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        _ = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        let parsed = try JSONSerialization.jsonObject(with: data)
        let reports = (parsed as? [[String: Any]]) ?? [(parsed as? [String: Any]) ?? [:]]
        var failures: [String] = []
        var passed = 0
        for report in reports {
            passed += (report["summary"] as? [String: Any])?["passed"] as? Int ?? 0
            for f in (report["results"] as? [String: Any])?["failed_checks"] as? [[String: Any]] ?? [] {
                failures.append("\(f["check_id"] ?? "?") \(f["file_path"] ?? "?") \(f["resource"] ?? "?"): \(f["check_name"] ?? "")")
            }
        }
        XCTAssertGreaterThan(passed, 1000, "checkov judged nothing: \(String(decoding: data.prefix(500), as: UTF8.self))")
        XCTAssertEqual(failures.sorted(), [], "checkov failures outside .checkov-terraform.yaml skips:\n" + failures.sorted().joined(separator: "\n"))
    }
}
