import XCTest
import ComposeKit
import Blueprint
import Planner
@testable import Renderers

/// The planner issue's smaller defects, each on a project written here.
final class SmallDefectsTests: XCTestCase {
    private func load(_ yaml: String) throws -> Project {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-small-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("compose.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try ComposeLoader.load(LoadOptions(files: [file.path], projectDirectory: dir.path, environment: [:], currentDirectory: dir.path))
    }

    /// Docker's logical IDs in `x-aws-cloudformation` patch ferry's resources; an unknown one is left out with a finding.
    func testDockerOverlayIDsMapToFerrysResources() throws {
        let b = Planner.plan(try load("""
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
        x-aws-cloudformation:
          Resources:
            WebTCP80TargetGroup:
              Properties: {HealthCheckPath: /healthz}
            WebService:
              Properties: {DesiredCount: 3}
            GhostTCP80Listener:
              Properties: {Port: 8080}
        """))
        let r = CloudFormationRenderer.render(b)
        XCTAssertEqual(r.problems, [])
        let text = r.files.first { $0.path == "template.yaml" }?.contents ?? ""
        XCTAssertTrue(text.contains("HealthCheckPath: /healthz"))
        XCTAssertTrue(text.contains("DesiredCount: 3"))
        XCTAssertFalse(text.contains("GhostTCP80Listener"), "a patch to nothing would be a resource without Type (E3001)")
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-OVERLAY-UNKNOWN" && $0.message.contains("GhostTCP80Listener") })
    }

    /// Docker Compose refuses an empty compose file; so does ferry, naming the file.
    func testEmptyComposeFileIsRefused() throws {
        for text in ["", "# only a comment\n"] {
            XCTAssertThrowsError(try load(text)) { error in
                XCTAssertTrue("\(error)".contains("empty compose file"), "\(error)")
                XCTAssertTrue("\(error)".contains("compose.yaml:1:1"), "\(error)")
            }
        }
    }

    /// A dropped key said the same way for several services is listed once.
    func testPlanGroupsIdenticalDroppedKeys() throws {
        let b = Planner.plan(try load("""
        services:
          a: {build: ./a, restart: always, ports: ["3000:3000"]}
          b: {build: ./b, restart: always, environment: {A_URL: "http://a:3000"}}
          c: {build: ./c, restart: always, environment: {A_URL: "http://a:3000"}}
        """))
        let text = PlanFormatter.table(b)
        XCTAssertEqual(text.components(separatedBy: "ECS keeps service tasks running").count - 1, 1, text)
        XCTAssertTrue(text.contains("(a, b, c)"), text)
    }

    /// Nothing tells users to run a command that does not exist.
    func testOutputsNameNoMissingCommand() throws {
        let b = Planner.plan(try load("""
        services:
          api:
            build: .
            ports: ["8000:8000"]
            environment: {DATABASE_URL: "postgres://u:p@db:5432/app", STRIPE_SECRET_KEY: "sk_live_abcdefghijklmnop"}
          db: {image: postgres:16, volumes: ["pg:/var/lib/postgresql/data"]}
          s3: {image: minio/minio, command: server /data}
        volumes: {pg: {}}
        """))
        let outputs = [PlanFormatter.table(b), GuideRenderer.render(b)] + CloudFormationRenderer.render(b).files.map(\.contents)
        // Every `ferry COMMAND` an output names (in code: after a backtick or at the start of a line) is a command.
        let commands: Set<String> = ["config", "plan", "generate", "cost", "check", "guide", "diagram", "deploy", "status",
                                     "verify", "logs", "rollback", "migrate", "destroy"]
        for o in outputs {
            for match in o.matches(of: /(?m)(?:`|^\s*)ferry ([a-z][a-z-]*)/) where !commands.contains(String(match.1)) {
                XCTFail("an output names `ferry \(match.1)`, which is not a command: \(String(o.prefix(120)))")
            }
        }
    }
}
