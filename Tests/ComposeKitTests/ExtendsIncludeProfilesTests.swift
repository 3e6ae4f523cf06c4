import XCTest
@testable import ComposeKit

/// Stages 3 and 5: extends, include and profiles.
final class ExtendsIncludeProfilesTests: XCTestCase {
    func testExtendsSameAndOtherFile() throws {
        let dir = try TestSupport.directory([
            "compose.yaml": """
            services:
              base:
                image: app
                environment: {A: "1", B: "1"}
                volumes: ["./code:/code"]
              web:
                extends: base
                environment: {B: "2"}
                ports: ["80:80"]
              worker:
                extends:
                  file: common/services.yaml
                  service: job
                command: work
            """,
            "common/services.yaml": """
            services:
              job:
                build: ./job
                env_file: job.env
                volumes: ["./data:/data"]
            """,
            "common/job.env": "JOB=1\n",
        ])
        let p = try ComposeLoader.load(LoadOptions(environment: [:], currentDirectory: dir))
        let web = try XCTUnwrap(p.service(named: "web"))
        XCTAssertEqual(web.image, "app")
        XCTAssertEqual(web.env("A"), "1")
        XCTAssertEqual(web.env("B"), "2")
        XCTAssertEqual(web.volumes.first?.source, dir + "/code")
        XCTAssertEqual(web.location?.line, 6)
        let worker = try XCTUnwrap(p.service(named: "worker"))
        XCTAssertEqual(worker.build?.context, dir + "/common/job", "relative to the extended file")
        XCTAssertEqual(worker.volumes.first?.source, dir + "/common/data")
        XCTAssertEqual(worker.env("JOB"), "1")
        XCTAssertEqual(worker.command, ["work"])
    }

    func testExtendsErrors() {
        TestSupport.assertFails("""
        services:
          a:
            image: x
            extends: b
          b:
            image: y
            extends: a
        """, "extends cycle")
        TestSupport.assertFails("""
        services:
          a:
            image: x
            extends: missing
        """, "service \"missing\" not found", at: (4, 14))
    }

    func testInclude() throws {
        let dir = try TestSupport.directory([
            "compose.yaml": """
            include:
              - path: infra/compose.yaml
                env_file: infra/infra.env
            services:
              app:
                image: app
                depends_on: [db]
            """,
            "infra/compose.yaml": """
            services:
              db:
                image: "postgres:${PG_VERSION}"
                volumes: ["./init:/docker-entrypoint-initdb.d"]
            """,
            "infra/infra.env": "PG_VERSION=16\n",
        ])
        let p = try ComposeLoader.load(LoadOptions(environment: [:], currentDirectory: dir))
        XCTAssertEqual(p.services.map(\.name), ["app", "db"])
        XCTAssertEqual(p.service(named: "db")?.image, "postgres:16")
        XCTAssertEqual(p.service(named: "db")?.volumes.first?.source, dir + "/infra/init")
        XCTAssertTrue(p.composeFiles.contains(dir + "/infra/compose.yaml"))
    }

    func testIncludeCycleAndConflict() throws {
        let cycle = try TestSupport.directory([
            "compose.yaml": "include: [b.yaml]\nservices:\n  a:\n    image: a\n",
            "b.yaml": "include: [compose.yaml]\nservices:\n  b:\n    image: b\n",
        ])
        XCTAssertThrowsError(try ComposeLoader.load(LoadOptions(environment: [:], currentDirectory: cycle))) { error in
            XCTAssertTrue("\(error)".contains("include cycle"), "\(error)")
        }
        let conflict = try TestSupport.directory([
            "compose.yaml": "include: [b.yaml]\nservices:\n  a:\n    image: a\n",
            "b.yaml": "services:\n  a:\n    image: b\n",
        ])
        XCTAssertThrowsError(try ComposeLoader.load(LoadOptions(environment: [:], currentDirectory: conflict))) { error in
            XCTAssertTrue("\(error)".contains("defined both here and in included file"), "\(error)")
        }
    }

    func testProfiles() throws {
        let yaml = """
        services:
          web: {image: web}
          debug: {image: debug, profiles: [dev]}
          seed: {image: seed, profiles: [seed, dev]}
          tools: {image: tools, profiles: [tools]}
        """
        XCTAssertEqual(try TestSupport.load(yaml).services.map(\.name), ["web"])
        XCTAssertEqual(try TestSupport.load(yaml).disabledServices.map(\.name), ["debug", "seed", "tools"])
        XCTAssertEqual(try TestSupport.load(yaml, profiles: ["dev"]).services.map(\.name), ["debug", "seed", "web"])
        XCTAssertEqual(try TestSupport.load(yaml, profiles: ["*"]).services.count, 4)
        let dir = try TestSupport.directory(["compose.yaml": yaml])
        let viaEnv = try ComposeLoader.load(LoadOptions(environment: ["COMPOSE_PROFILES": "tools,seed"], currentDirectory: dir))
        XCTAssertEqual(viaEnv.services.map(\.name), ["seed", "tools", "web"])
    }
}
