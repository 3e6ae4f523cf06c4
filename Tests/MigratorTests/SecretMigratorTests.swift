import AWSKit
import AWSTestSupport
import Foundation
import XCTest
@testable import Migrator

/// `SecretMigrator` against a real moto_server that checks signatures: values set and read back
/// by hash, a second run writes nothing, generated secrets kept, no value in the checkpoint.
final class SecretMigratorTests: XCTestCase {
    static let moto = SharedMotoServer()
    override class func tearDown() { moto.stop(); super.tearDown() }
    private func server() async throws -> MotoServer { try await Self.moto.get { try TestEnvironment.motoServer() } }

    func testSetsVerifiesAndResumesWithoutStoringValues() async throws {
        let moto = try await server()
        let client = moto.client()
        let prefix = "app-\(UUID().uuidString.prefix(6).lowercased())"
        let manager = SecretsManagerClient(client: client)
        try await manager.createSecret(name: "\(prefix)/mvp/api-key", value: "placeholder-1")
        try await manager.createSecret(name: "\(prefix)/mvp/jwt-secret", value: "generated-by-template")
        try await SSMClient(client: client).putParameter(name: "/\(prefix)/mvp/node-env", value: "-", type: "String")

        let secretValue = "sk_live_Zq8\(UUID().uuidString)"
        let items = [
            SecretItem(name: "api-key", target: "\(prefix)/mvp/api-key", store: .secretsManager, source: ".env (API_KEY)", value: secretValue),
            SecretItem(name: "jwt-secret", target: "\(prefix)/mvp/jwt-secret", store: .secretsManager, source: ".env (JWT_SECRET)",
                       value: "change-me", generated: true),
            SecretItem(name: "node-env", target: "/\(prefix)/mvp/node-env", store: .parameterStore, source: "plan", value: "production"),
            SecretItem(name: "stripe", target: "\(prefix)/mvp/stripe", store: .secretsManager, source: "no value", value: nil),
        ]
        let dir = try TestEnvironment.temporaryDirectory()
        let path = dir.appendingPathComponent("secrets.sqlite").path
        let store = try CheckpointStore(path: path, identity: "secrets|test")
        let migrator = SecretMigrator(client: client, checkpoints: store)

        let first = try await migrator.run(items, target: "test", options: .init(), progress: SilentProgress())
        XCTAssertEqual(first.copied, 2)
        XCTAssertEqual(first.skipped, 1, "the generated secret is kept")
        XCTAssertEqual(first.failed, 1, "the secret with no local value is reported")
        XCTAssertTrue(first.notes.contains { $0.contains("\(prefix)/mvp/stripe") && $0.contains("no value") })
        let stored = try await manager.getSecretValue(secretID: "\(prefix)/mvp/api-key")
        XCTAssertEqual(stored, secretValue)
        let kept = try await manager.getSecretValue(secretID: "\(prefix)/mvp/jwt-secret")
        XCTAssertEqual(kept, "generated-by-template")
        let parameter = try await SSMClient(client: client).getParameter(name: "/\(prefix)/mvp/node-env")
        XCTAssertEqual(parameter, "production")

        // Rerun: everything verified in place, nothing written again.
        let second = try await migrator.run(items, target: "test", options: .init(), progress: SilentProgress())
        XCTAssertEqual(second.copied, 0)
        XCTAssertEqual(second.skipped, 3)
        XCTAssertEqual(first.checksum, second.checksum)

        // Overwriting generated ones only when asked.
        let third = try await migrator.run(items, target: "test", options: .init(overwriteGenerated: true), progress: SilentProgress())
        XCTAssertEqual(third.copied, 1)
        let overwritten = try await manager.getSecretValue(secretID: "\(prefix)/mvp/jwt-secret")
        XCTAssertEqual(overwritten, "change-me")

        // Neither the checkpoint nor the summary holds a value.
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            let bytes = try Data(contentsOf: dir.appendingPathComponent(file))
            XCTAssertNil(bytes.range(of: Data(secretValue.utf8)), "\(file) holds a secret value")
            XCTAssertNil(bytes.range(of: Data("change-me".utf8)), "\(file) holds a secret value")
        }
        XCTAssertFalse(first.json().contains(secretValue))
        XCTAssertFalse(third.json().contains("change-me"))
    }

    func testDryRunListsSourcesAndChangesNothing() async throws {
        let moto = try await server()
        let client = moto.client()
        let name = "dry-\(UUID().uuidString.prefix(6).lowercased())/mvp/token"
        try await SecretsManagerClient(client: client).createSecret(name: name, value: "before")
        let dir = try TestEnvironment.temporaryDirectory()
        let store = try CheckpointStore(path: dir.appendingPathComponent("s.sqlite").path, identity: "secrets|dry")
        let items = [SecretItem(name: "token", target: name, store: .secretsManager, source: ".env (TOKEN)", value: "after-value")]
        let summary = try await SecretMigrator(client: client, checkpoints: store)
            .run(items, target: "test", options: .init(dryRun: true), progress: SilentProgress())
        XCTAssertEqual(summary.notes, ["secretsmanager \(name): would be set from .env (TOKEN)"])
        XCTAssertFalse(summary.json().contains("after-value"))
        let value = try await SecretsManagerClient(client: client).getSecretValue(secretID: name)
        XCTAssertEqual(value, "before")
    }

    func testMissingSecretNamesItAndFails() async throws {
        let moto = try await server()
        let dir = try TestEnvironment.temporaryDirectory()
        let store = try CheckpointStore(path: dir.appendingPathComponent("m.sqlite").path, identity: "secrets|missing")
        let items = [SecretItem(name: "gone", target: "no-such/secret", store: .secretsManager, source: ".env (GONE)", value: "v4lue-not-shown")]
        do {
            _ = try await SecretMigrator(client: moto.client(), checkpoints: store).run(items, target: "test", options: .init(), progress: SilentProgress())
            XCTFail("a missing secret must fail")
        } catch let error as MigrationError {
            XCTAssertTrue(error.description.contains("no-such/secret"), error.description)
            XCTAssertFalse(error.description.contains("v4lue-not-shown"))
        }
    }
}
