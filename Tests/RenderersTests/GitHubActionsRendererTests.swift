import Blueprint
import Foundation
import Planner
import XCTest
@testable import Renderers

final class GitHubActionsRendererTests: XCTestCase {
    private let options = GitHubActionsOptions(repository: "acme/shop", branch: "main", projectPath: "infra",
                                               templatePath: "infra/aws/template.yaml")
    private var files: [RenderedFile] { GitHubActionsRenderer.render(GuideFixtures.blueprint, options: options) }
    private var workflow: String { files.first { $0.path == GitHubActionsRenderer.workflowPath }?.contents ?? "" }
    private var roleTemplate: String { files.first { $0.path.hasSuffix(GitHubActionsRenderer.roleTemplateName) }?.contents ?? "" }

    func testWritesTheWorkflowAndTheRoleTemplate() {
        XCTAssertEqual(files.map(\.path), [".github/workflows/deploy.yml", "infra/aws/github-deploy-role.yaml"])
    }

    func testUsesOIDCAndNoStoredKeys() {
        let text = workflow
        XCTAssertTrue(text.contains("id-token: write"), text)
        XCTAssertTrue(text.contains("uses: aws-actions/configure-aws-credentials@v4"))
        XCTAssertTrue(text.contains("role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}"))
        XCTAssertFalse(text.contains("aws-access-key-id"))
        XCTAssertFalse(text.contains("AWS_SECRET_ACCESS_KEY"))
        XCTAssertTrue(text.contains("uses: aws-actions/amazon-ecr-login@v2"))
    }

    func testBuildsEachBuiltServiceFromRepositoryRelativePaths() {
        let text = workflow
        // Compose build contexts are relative to the project directory (`infra`): `../` is the repository root.
        XCTAssertTrue(text.contains("repository: shop-api\n"), text)
        XCTAssertTrue(text.contains("context: \".\"\n"), text)
        XCTAssertTrue(text.contains("dockerfile: apps/api/Dockerfile\n"), text)
        XCTAssertTrue(text.contains("target: runtime\n"), text)
        XCTAssertTrue(text.contains("repository: shop-web\n"), text)
        // The registry image of the worker is not built.
        XCTAssertFalse(text.contains("worker"), text)
        XCTAssertTrue(text.contains("${{ matrix.repository }}:${{ github.sha }}"))
    }

    func testDeploysWithTheImageTagParameters() {
        let text = workflow
        XCTAssertTrue(text.contains("ApiImageTag=\"$IMAGE_TAG\""), text)
        XCTAssertTrue(text.contains("WebImageTag=\"$IMAGE_TAG\""), text)
        XCTAssertTrue(text.contains("--template-file infra/aws/template.yaml"), text)
        XCTAssertTrue(text.contains("STACK_NAME: shop-mvp"))
        XCTAssertTrue(text.contains("AWS_REGION: eu-west-1"))
        XCTAssertTrue(text.contains("needs:\n      - preflight\n      - images"), text)
    }

    func testRoleTrustIsScopedToTheRepositoryAndBranch() {
        let text = roleTemplate
        XCTAssertTrue(text.contains("token.actions.githubusercontent.com:sub"), text)
        XCTAssertTrue(text.contains("repo:${GitHubRepository}:ref:refs/heads/${GitHubBranch}"), text)
        XCTAssertTrue(text.contains("token.actions.githubusercontent.com:aud: sts.amazonaws.com"), text)
        XCTAssertTrue(text.contains("Default: acme/shop"), text)
        XCTAssertTrue(text.contains("iam:PassedToService: cloudformation.amazonaws.com"), text)
        XCTAssertTrue(text.contains(":repository/shop-api"), text)
        XCTAssertFalse(text.contains("AdministratorAccess"))
    }

    func testExecutionRoleCoversOnlyServicesTheStackUses() {
        let text = roleTemplate
        for service in ["ec2:*", "ecs:*", "elasticloadbalancing:*", "rds:*", "elasticache:*", "servicediscovery:*", "acm:*"] {
            XCTAssertTrue(text.contains("- \(service)\n"), "missing \(service)")
        }
        for service in ["dynamodb:*", "iot:*", "cloudfront:*", "kafka:*"] {
            XCTAssertFalse(text.contains("- \(service)\n"), "unexpected \(service)")
        }
    }

    func testDeterministic() {
        var shuffled = GuideFixtures.blueprint
        shuffled.workloads.reverse()
        shuffled.repositories.reverse()
        XCTAssertEqual(GitHubActionsRenderer.render(shuffled, options: options), files)
    }

    func testRoleTemplatePassesCfnLint() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-gha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var urls: [URL] = []
        for (index, blueprint) in [GuideFixtures.blueprint, Blueprint(project: "empty")].enumerated() {
            let url = dir.appendingPathComponent("role-\(index).yaml")
            try GitHubActionsRenderer.deployRoleTemplate(blueprint, options: options).yaml().write(to: url, atomically: true, encoding: .utf8)
            urls.append(url)
        }
        let matches = try CloudFormationTestTools.lint(urls)
        let errors = matches.filter { $0.Level == "Error" }
        XCTAssertEqual(errors.map(\.description), [])
        let warnings = matches.filter { $0.Level == "Warning" }
        XCTAssertEqual(warnings.map(\.description), [], "warnings are not accepted in the role template")
    }

    func testRoleTemplatePassesCheckov() throws {
        let venv = ProcessInfo.processInfo.environment["FERRY_CHECKOV_VENV"].flatMap { $0.isEmpty ? nil : $0 }
        let dir = venv.map { URL(fileURLWithPath: $0) } ?? CloudFormationTestTools.repoRoot.appendingPathComponent(".venv-checkov")
        let tool = dir.appendingPathComponent("bin/checkov")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            try CloudFormationTestTools.unavailable("checkov not found at \(tool.path) (run scripts/setup-test-tools.sh)")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-checkov-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("github-deploy-role.yaml")
        try roleTemplate.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = tool
        process.arguments = ["--skip-download", "--quiet", "--compact", "-o", "json", "-f", file.path]
        var environment = ProcessInfo.processInfo.environment
        environment["BC_SKIP_MAPPING"] = "TRUE"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        struct Report: Decodable {
            struct Results: Decodable { struct Check: Decodable { var check_id: String }; var failed_checks: [Check] }
            struct Summary: Decodable { var passed: Int; var failed: Int }
            var results: Results
            var summary: Summary
        }
        let report = try JSONDecoder().decode(Report.self, from: output)
        XCTAssertEqual(report.results.failed_checks.map(\.check_id), [])
        XCTAssertGreaterThan(report.summary.passed, 10)
    }

    func testWorkflowMatchesGitHubSchema() throws {
        let venv = ProcessInfo.processInfo.environment["FERRY_TEST_VENV"].flatMap { $0.isEmpty ? nil : $0 }
        let dir = venv.map { URL(fileURLWithPath: $0) } ?? CloudFormationTestTools.repoRoot.appendingPathComponent(".venv-test")
        let tool = dir.appendingPathComponent("bin/check-jsonschema")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            try CloudFormationTestTools.unavailable("check-jsonschema not found at \(tool.path) (run scripts/setup-test-tools.sh)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-deploy-\(UUID().uuidString).yml")
        try workflow.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = tool
        process.arguments = ["--builtin-schema", "vendor.github-workflows", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(data: pipe.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8) ?? ""
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, output)
    }

    func testRepoPathJoin() {
        XCTAssertEqual(RepoPath.join("infra", "../"), ".")
        XCTAssertEqual(RepoPath.join("infra", "../apps/web/Dockerfile"), "apps/web/Dockerfile")
        XCTAssertEqual(RepoPath.join(".", "./api"), "api")
        XCTAssertEqual(RepoPath.join("a", "../../.."), ".")
    }
}

extension GitHubActionsRendererTests {
    /// A planned project with a one-off job: the stack says how to start it, the workflow runs it after
    /// the stack update and fails on a non-zero exit, and the deploy role may do exactly that.
    func testOneOffJobsRunAfterTheStackUpdate() throws {
        let shop = try XCTUnwrap(CloudFormationCorpusTests.examples().first { $0.slug == "example-shop" })
        let blueprint = Planner.plan(try shop.load(), options: PlanOptions(region: "eu-west-1"))
        let template = CloudFormationRenderer.render(blueprint).stacks.root
        XCTAssertEqual(template.outputs["MigrateTaskDefinition"]?.value, .ref(CFNNames(blueprint).taskDefinition("migrate")))
        XCTAssertNotNil(template.outputs["MigrateNetworkConfiguration"])

        let files = GitHubActionsRenderer.render(blueprint, options: options)
        let workflow = try XCTUnwrap(files.first { $0.path == GitHubActionsRenderer.workflowPath }?.contents)
        XCTAssertTrue(workflow.contains("run_job migrate MigrateTaskDefinition MigrateNetworkConfiguration"), workflow)
        XCTAssertTrue(workflow.contains("exitCode"), workflow)

        let role = GitHubActionsRenderer.deployRoleTemplate(blueprint, options: options)
        let yaml = role.yaml()
        XCTAssertTrue(yaml.contains("task-definition/shop-mvp-migrate:*"), yaml)
        XCTAssertTrue(yaml.contains("ecs-tasks.amazonaws.com"), yaml)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-gha-jobs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("role.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        XCTAssertEqual(try CloudFormationTestTools.lint([url]).map(\.description), [])
    }
}
