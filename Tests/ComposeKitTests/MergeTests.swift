import XCTest
@testable import ComposeKit

/// Stage 4: several files merged by the Compose merge rules.
final class MergeTests: XCTestCase {
    func load(_ files: [String: String], order: [String], env: [String: String] = [:]) throws -> Project {
        let dir = try TestSupport.directory(files)
        return try ComposeLoader.load(LoadOptions(files: order, environment: env, currentDirectory: dir))
    }

    func testOverrideRules() throws {
        let p = try load([
            "compose.yaml": """
            services:
              web:
                image: web:1
                command: ["a", "b"]
                environment: [A=1, B=2]
                ports: ["8080:80", "9090:90"]
                volumes: ["data:/data", "./src:/src"]
                labels: {one: "1"}
                dns: [1.1.1.1]
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 10s
                x-ferry: {role: web}
            volumes:
              data: {}
            """,
            "compose.override.yaml": """
            services:
              web:
                image: web:2
                command: serve --fast
                environment:
                  B: two
                  C: "3"
                ports: ["8080:80", "7070:70"]
                volumes: ["other:/data"]
                labels: [two=2]
                dns: [1.1.1.1, 8.8.8.8]
                healthcheck:
                  test: curl -f http://localhost
                x-ferry: {public: true}
            volumes:
              other: {}
            """,
        ], order: ["compose.yaml", "compose.override.yaml"])
        let web = try XCTUnwrap(p.service(named: "web"))
        XCTAssertEqual(web.image, "web:2")
        XCTAssertEqual(web.command, ["serve", "--fast"])
        XCTAssertEqual(web.environment.map(\.name), ["A", "B", "C"])
        XCTAssertEqual(web.env("B"), "two")
        XCTAssertEqual(web.ports.map { "\($0.published ?? ""):\($0.target)" }, ["8080:80", "9090:90", "7070:70"])
        XCTAssertEqual(web.volumes.map { $0.source ?? "" }.first, "other", "same target: the override replaces")
        XCTAssertEqual(web.volumes.count, 2)
        XCTAssertEqual(web.labels, ["one": "1", "two": "2"])
        XCTAssertEqual(web.otherKeys["dns"], .sequence([.string("1.1.1.1"), .string("8.8.8.8")]))
        XCTAssertEqual(web.healthcheck?.test, ["CMD-SHELL", "curl -f http://localhost"])
        XCTAssertEqual(web.healthcheck?.interval, 10)
        XCTAssertEqual(web.extensions["x-ferry"], .mapping([("public", .bool(true))]), "x- keys are replaced, not merged")
        XCTAssertEqual(web.locations["image"]?.file.hasSuffix("compose.override.yaml"), true)
        XCTAssertEqual(web.locations["environment.A"]?.file.hasSuffix("/compose.yaml"), true)
    }

    func testResetAndOverrideTags() throws {
        let p = try load([
            "a.yaml": """
            services:
              app:
                image: app
                ports: ["8080:80"]
                environment: {FOO: bar, KEEP: k}
                depends_on: [db]
              db:
                image: postgres
            """,
            "b.yaml": """
            services:
              app:
                ports: !override ["8443:443"]
                environment:
                  FOO: !reset null
                depends_on: !reset []
            """,
        ], order: ["a.yaml", "b.yaml"])
        let app = try XCTUnwrap(p.service(named: "app"))
        XCTAssertEqual(app.ports.map(\.target), [443])
        XCTAssertEqual(app.environment.map(\.name), ["KEEP"])
        XCTAssertEqual(app.dependsOn, [])
    }

    func testDiscoveryOverrideAndDotEnv() throws {
        let dir = try TestSupport.directory([
            "compose.yaml": "services:\n  web:\n    image: \"nginx:${TAG}\"\n",
            "compose.override.yaml": "services:\n  web:\n    environment: [MODE=dev]\n",
            ".env": "TAG=from-dotenv\nCOMPOSE_PROJECT_NAME=fromenv\n",
        ])
        let p = try ComposeLoader.load(LoadOptions(environment: [:], currentDirectory: dir + "/"))
        XCTAssertEqual(p.composeFiles.map(Paths.base), ["compose.yaml", "compose.override.yaml"])
        XCTAssertEqual(p.services.first?.image, "nginx:from-dotenv")
        XCTAssertEqual(p.services.first?.env("MODE"), "dev")
        XCTAssertEqual(p.name, "fromenv")
        let shellWins = try ComposeLoader.load(LoadOptions(environment: ["TAG": "shell"], currentDirectory: dir))
        XCTAssertEqual(shellWins.services.first?.image, "nginx:shell")
        XCTAssertEqual(shellWins.variableOrigins["TAG"], .shell)
    }

    func testProjectNameRules() throws {
        let dir = try TestSupport.directory(["My_App.Dir/compose.yaml": "services:\n  web:\n    image: nginx\n"])
        let p = try ComposeLoader.load(LoadOptions(environment: [:], currentDirectory: dir + "/My_App.Dir"))
        XCTAssertEqual(p.name, "my_appdir")
        let named = try ComposeLoader.load(LoadOptions(projectName: "explicit", environment: [:], currentDirectory: dir + "/My_App.Dir"))
        XCTAssertEqual(named.name, "explicit")
        XCTAssertThrowsError(try ComposeLoader.load(LoadOptions(projectName: "Bad Name", environment: [:], currentDirectory: dir + "/My_App.Dir")))
    }

    func testMissingFileAndNoConfig() throws {
        let dir = try TestSupport.directory(["empty/.keep": ""])
        XCTAssertThrowsError(try ComposeLoader.load(LoadOptions(files: ["nope.yaml"], environment: [:], currentDirectory: dir))) { error in
            XCTAssertTrue("\(error)".contains("nope.yaml"))
        }
        XCTAssertThrowsError(try ComposeLoader.load(LoadOptions(environment: [:], currentDirectory: dir + "/empty"))) { error in
            XCTAssertTrue("\(error)".contains("no configuration file"))
        }
    }

    func testLegacyVersionNotice() throws {
        let p = try TestSupport.load("version: \"3.8\"\nservices:\n  web:\n    image: nginx\n")
        XCTAssertTrue(p.diagnostics.contains { $0.severity == .notice && $0.keyPath == "version" && $0.location?.line == 1 })
    }

    func testComposeFileVariableAndEnvFiles() throws {
        let dir = try TestSupport.directory([
            "base.yaml": "services:\n  web:\n    image: \"web:${TAG}\"\n    environment: [\"LEVEL=${LEVEL:-none}\"]\n",
            "extra.yaml": "services:\n  web:\n    ports: [\"80\"]\n",
            "one.env": "TAG=one\nLEVEL=low\n",
            "two.env": "TAG=two\n",
        ])
        let p = try ComposeLoader.load(LoadOptions(envFiles: ["one.env", "two.env"],
                                                   environment: ["COMPOSE_FILE": "base.yaml:extra.yaml"], currentDirectory: dir))
        let web = try XCTUnwrap(p.service(named: "web"))
        XCTAssertEqual(web.image, "web:two", "a later --env-file wins")
        XCTAssertEqual(web.env("LEVEL"), "low")
        XCTAssertEqual(web.ports.map(\.target), [80])
        XCTAssertEqual(p.variableOrigins["TAG"], .envFile)
        XCTAssertThrowsError(try ComposeLoader.load(LoadOptions(envFiles: ["missing.env"], environment: ["COMPOSE_FILE": "base.yaml"], currentDirectory: dir)))
    }
}
