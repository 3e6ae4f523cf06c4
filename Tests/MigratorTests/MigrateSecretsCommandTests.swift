import AWSKit
import AWSTestSupport
import ComposeKit
import Foundation
import Planner
import XCTest
@testable import FerryCLI
@testable import Migrator

/// `ferry migrate secrets` end to end: a Compose project with a .env value and a compose `secrets:`
/// file, a stack in moto created through CloudFormation, the real executable.
final class MigrateSecretsCommandTests: XCTestCase {
    static let moto = SharedMotoServer()
    override class func tearDown() { moto.stop(); super.tearDown() }

    static let stripeValue = "sk_live_51HqLyjWDarjtT1zdp7dcXpKJ0tLuYk3mQ9bVx"
    static let dbPassword = "Tr0ub4dor&3-horse-battery"

    func makeProject() throws -> URL {
        let dir = try TestEnvironment.temporaryDirectory().appendingPathComponent("shop")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
        name: shop
        services:
          api:
            image: node:20
            ports: ["3000:3000"]
            environment:
              STRIPE_SECRET_KEY: ${STRIPE_SECRET_KEY}
              NODE_ENV: development
            secrets:
              - db_password
        secrets:
          db_password:
            file: ./db_password.txt
        """.write(to: dir.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        try "STRIPE_SECRET_KEY=\(Self.stripeValue)\n".write(to: dir.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        try Self.dbPassword.write(to: dir.appendingPathComponent("db_password.txt"), atomically: true, encoding: .utf8)
        return dir
    }

    func items(_ dir: URL) throws -> [SecretItem] {
        let project = try ComposeLoader.load(LoadOptions(files: [dir.appendingPathComponent("compose.yaml").path], environment: [:],
                                                         currentDirectory: dir.path))
        return SecretSources.items(project: project, blueprint: Planner.plan(project), environment: [:])
    }

    func testSourcesAreFoundWithoutBeingPrinted() throws {
        let dir = try makeProject()
        let items = try items(dir)
        let stripe = try XCTUnwrap(items.first { $0.target.hasSuffix("stripe-secret-key") }, "\(items.map(\.target))")
        XCTAssertEqual(stripe.value, Self.stripeValue)
        XCTAssertEqual(stripe.source, "the project's .env (STRIPE_SECRET_KEY)")
        let password = try XCTUnwrap(items.first { $0.target.hasSuffix("db-password") }, "\(items.map(\.target))")
        XCTAssertEqual(password.value, Self.dbPassword)
        XCTAssertEqual(password.source, "secrets.db_password file db_password.txt")
        XCTAssertTrue(items.contains { $0.store == .parameterStore && $0.value == "production" })
    }

    func testMigrateSecretsIntoTheDeployedStack() async throws {
        let binary = try TestEnvironment.ferryBinary()
        let moto = try await Self.moto.get { try TestEnvironment.motoServer() }
        let dir = try makeProject()
        let items = try items(dir)
        // The stack holds what the template would create: placeholders for secrets, the parameter.
        // moto's CloudFormation skips AWS::SecretsManager::Secret silently, so the placeholders are made
        // directly (with no ARN in the stack, ferry addresses a secret by the name the plan gave it).
        var resources = ""
        for (index, item) in items.enumerated() {
            switch item.store {
            case .secretsManager:
                try await SecretsManagerClient(client: moto.client()).createSecret(name: item.target, value: "placeholder-\(index)")
            case .parameterStore:
                resources += "  Parameter\(index):\n    Type: AWS::SSM::Parameter\n    Properties:\n      Name: \(item.target)\n      Type: String\n      Value: production\n"
            }
        }
        let cloudFormation = CloudFormationClient(client: moto.client())
        let stackName = "shop-\(UUID().uuidString.prefix(6).lowercased())"
        let changeSet = try await cloudFormation.createChangeSet(stackName: stackName, changeSetName: "create", type: "CREATE",
            template: .body("Resources:\n" + resources), parameters: [], capabilities: [], tags: [], clientToken: UUID().uuidString)
        try await cloudFormation.executeChangeSet(changeSet.id, stackName: stackName, clientToken: UUID().uuidString)

        let ferry = FerryProcess(binary: binary, moto: moto, directory: dir)
        let base = ["migrate", "secrets", "--endpoint-url", moto.endpoint, "--stack-name", stackName, "--checkpoint-dir", dir.appendingPathComponent(".ferry/migrations").path]
        let dry = try ferry.run(base + ["--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.err)
        XCTAssertTrue(dry.out.contains("the project's .env (STRIPE_SECRET_KEY)"), dry.out)

        let run = try ferry.run(base + ["--yes", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.err + run.out)
        let summary = try JSONDecoder().decode(MigrationSummary.self, from: Data(run.out.utf8))
        XCTAssertEqual(summary.copied, 3, "\(summary.notes)")
        XCTAssertTrue(summary.verified)
        let manager = SecretsManagerClient(client: moto.client())
        let stripe = try await manager.getSecretValue(secretID: try XCTUnwrap(items.first { $0.target.hasSuffix("stripe-secret-key") }).target)
        XCTAssertEqual(stripe, Self.stripeValue)
        let password = try await manager.getSecretValue(secretID: try XCTUnwrap(items.first { $0.target.hasSuffix("db-password") }).target)
        XCTAssertEqual(password, Self.dbPassword)

        let again = try ferry.run(base + ["--yes", "--format", "json"])
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertEqual(try JSONDecoder().decode(MigrationSummary.self, from: Data(again.out.utf8)).copied, 0)

        // No value in any output or checkpoint.
        var texts = [dry.out, dry.err, run.out, run.err, again.out, again.err]
        let checkpointDir = dir.appendingPathComponent(".ferry/migrations")
        for file in try FileManager.default.contentsOfDirectory(atPath: checkpointDir.path) {
            texts.append(String(decoding: try Data(contentsOf: checkpointDir.appendingPathComponent(file)), as: UTF8.self))
        }
        for text in texts {
            XCTAssertFalse(text.contains(Self.stripeValue))
            XCTAssertFalse(text.contains(Self.dbPassword))
        }

        // A stack that does not exist is named, exit 1.
        let missing = try ferry.run(["migrate", "secrets", "--endpoint-url", moto.endpoint, "--stack-name", "no-such-stack", "--yes"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("no-such-stack"), missing.err)
    }
}
