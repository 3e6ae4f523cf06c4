import ComposeKit
import Blueprint
@testable import Planner
import XCTest

/// Named volumes of deployed workloads on EFS, the `volumes: ephemeral` opt-out, and the findings for
/// bind mounts, on small compose files written here.
final class VolumePlanTests: XCTestCase {
    static let shop = """
    name: shop
    services:
      api:
        image: example/api:1.4
        ports: ["8000:8000"]
        volumes:
          - uploads:/app/uploads
      worker:
        image: example/worker:1.4
        command: ["python", "worker.py"]
        volumes:
          - uploads:/app/uploads:ro
      indexer:
        image: example/indexer:2.0
        user: "1001:1002"
        command: ["indexer", "--serve"]
        volumes:
          - index_data:/var/lib/index
      db:
        image: postgres:16
        volumes:
          - pgdata:/var/lib/postgresql/data
    volumes:
      uploads:
      index_data:
      pgdata:
    """

    func plan(_ yaml: String, tier: Tier = .mvp) throws -> Blueprint {
        let project = try ComposeLoader.load(yaml: yaml, workingDirectory: "/project")
        return Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
    }

    func testNamedVolumesOfWorkloadsShareOneFileSystemWithAnAccessPointEach() throws {
        let b = try plan(Self.shop)
        XCTAssertEqual(b.fileSystems.count, 1)
        let fs = try XCTUnwrap(b.fileSystems.first)
        XCTAssertTrue(fs.encrypted && fs.backups && fs.retainOnDelete)
        XCTAssertEqual(fs.throughputMode, "elastic")
        // pgdata belongs to the database, which RDS replaces: not mounted anywhere.
        XCTAssertEqual(fs.accessPoints.map(\.name), ["index_data", "uploads"])
        XCTAssertEqual(fs.accessPoints.map(\.rootDirectory), ["/index-data", "/uploads"])
        XCTAssertEqual(fs.accessPoints.map(\.localVolume), ["shop_index_data", "shop_uploads"])
        let uploads = try XCTUnwrap(fs.accessPoints.last)
        XCTAssertEqual(uploads.clients, ["api", "worker"])
        XCTAssertEqual([uploads.uid, uploads.gid], [1000, 1000])
        let index = try XCTUnwrap(fs.accessPoints.first)
        XCTAssertEqual([index.uid, index.gid], [1001, 1002], "the service's numeric user owns its volume")

        let api = try XCTUnwrap(b.workload(named: "api"))
        XCTAssertEqual(api.fileMounts, [FileMount(fileSystem: "volumes", accessPoint: "uploads", containerPath: "/app/uploads")])
        XCTAssertEqual(api.scratchVolumes, [], "the named volume is no longer task storage")
        XCTAssertEqual(b.workload(named: "worker")?.fileMounts.map(\.readOnly), [true])

        let decision = try XCTUnwrap(api.decisions.first { $0.topic == "volume" })
        XCTAssertEqual(decision.choice, "efs:uploads")
        XCTAssertEqual(decision.evidence.map(\.path), ["services.api.volumes[0]"])
        XCTAssertEqual(decision.evidence.first?.value, "uploads:/app/uploads")
        XCTAssertEqual(decision.alternatives.map(\.choice), ["ephemeral", "s3"])
        XCTAssertEqual(decision.overrideKey, "x-ferry.volumes")

        // The named volume carries over now: no "ephemeral" dropped key for it.
        XCTAssertFalse(b.servicePlan(named: "api")?.dropped.contains { $0.key == "volumes[0]" } ?? true)
        // The database's volume still says its data must be moved.
        XCTAssertTrue(b.servicePlan(named: "db")?.dropped.contains { $0.key == "volumes[0]" } ?? false)
    }

    func testMountTargetsAdmitNFSOnlyFromClientsAndRolesMountOnlyTheirAccessPoints() throws {
        let b = try plan(Self.shop)
        let group = try XCTUnwrap(b.network.securityGroups.first { $0.name == "efs-volumes" })
        XCTAssertEqual(group.ingress.map(\.sourceGroup), ["svc-api", "svc-indexer", "svc-worker"])
        XCTAssertEqual(Set(group.ingress.map(\.fromPort)), [2049])

        let api = try XCTUnwrap(b.role(named: "api-task"))
        XCTAssertEqual(api.statements.map(\.sid), ["MountVolumes", "WriteVolumes"])
        XCTAssertEqual(api.statements.first?.resources, [ResourceReference(kind: .fileSystem, name: "volumes")])
        XCTAssertEqual(api.statements.first?.condition,
                       PolicyCondition(key: "elasticfilesystem:AccessPointArn", values: [ResourceReference(kind: .accessPoint, name: "uploads")]))
        // Read-only everywhere: mount, never write.
        XCTAssertEqual(b.role(named: "worker-task")?.statements.map(\.sid), ["MountVolumes"])

        let counts = ResourceCounter.count(b)
        XCTAssertEqual(counts["AWS::EFS::FileSystem"], 1)
        XCTAssertEqual(counts["AWS::EFS::MountTarget"], 2)
        XCTAssertEqual(counts["AWS::EFS::AccessPoint"], 2)
    }

    func testServicesThatScaleWhileWritingAVolumeAreFlagged() throws {
        let b = try plan(Self.shop, tier: .prod)
        let shared = b.findings.filter { $0.id == "FERRY-PLAN-SHARED-VOLUME" }
        // api scales and writes uploads; worker only reads; indexer is a single worker task.
        XCTAssertEqual(shared.map(\.subject), ["workloads.api"])
        XCTAssertTrue(shared.first?.fix.contains("replicas: 1") ?? false)
    }

    func testEphemeralOverrideKeepsTaskStorage() throws {
        let b = try plan("""
        name: cachey
        services:
          api:
            image: example/api:1.0
            ports: ["8080:8080"]
            x-ferry:
              volumes: ephemeral
            volumes:
              - scratch:/cache
        volumes:
          scratch:
        """)
        XCTAssertEqual(b.fileSystems, [])
        let api = try XCTUnwrap(b.workload(named: "api"))
        XCTAssertEqual(api.fileMounts, [])
        XCTAssertEqual(api.scratchVolumes.map(\.containerPath), ["/cache"])
        let decision = try XCTUnwrap(api.decisions.first { $0.topic == "volumes" })
        XCTAssertEqual(decision.choice, "ephemeral")
        XCTAssertEqual(decision.source, .override)
        XCTAssertEqual(decision.evidence.map(\.path), ["services.api.x-ferry.volumes"])
        XCTAssertTrue(b.servicePlan(named: "api")?.dropped.contains { $0.reason.contains("ephemeral") } ?? false)
        XCTAssertFalse(b.network.securityGroups.contains { $0.name == "efs-volumes" })
        XCTAssertNil(ResourceCounter.count(b)["AWS::EFS::FileSystem"])
    }

    func testUnknownVolumesValueIsReported() throws {
        let b = try plan("""
        name: odd
        services:
          api:
            image: example/api:1.0
            ports: ["8080:8080"]
            x-ferry: {volumes: forever}
            volumes: ["data:/data"]
        volumes:
          data:
        """)
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-UNKNOWN-OVERRIDE" && $0.subject.hasSuffix("x-ferry.volumes") })
        XCTAssertEqual(b.fileSystems.first?.accessPoints.map(\.name), ["data"], "an unknown value keeps the default")
    }

    func testBindMountsOfDataAndConfigurationGetFindingsThatSayWhereTheyGo() throws {
        let b = try plan("""
        name: binds
        services:
          web:
            image: example/web:3.1
            ports: ["8080:8080"]
            volumes:
              - ./nginx.conf:/etc/nginx/nginx.conf
              - ./certs:/etc/certs:ro
              - ./state:/var/lib/web
              - ./src:/app/src
              - /var/run/docker.sock:/var/run/docker.sock
        """)
        let bind = b.findings.filter { $0.id.hasPrefix("FERRY-PLAN-BIND-") }
        XCTAssertEqual(bind.map(\.id), ["FERRY-PLAN-BIND-CONFIG", "FERRY-PLAN-BIND-CONFIG", "FERRY-PLAN-BIND-DATA"])
        XCTAssertEqual(bind.map(\.subject), ["services.web.volumes[0]", "services.web.volumes[1]", "services.web.volumes[2]"])
        XCTAssertTrue(bind[0].message.contains("./nginx.conf"), bind[0].message)
        XCTAssertTrue(bind[0].fix.contains("COPY ./nginx.conf /etc/nginx/nginx.conf") && bind[0].fix.contains("SSM"), bind[0].fix)
        XCTAssertTrue(bind[2].fix.contains("S3") && bind[2].fix.contains("EFS") && bind[2].fix.contains("DataSync"), bind[2].fix)
        XCTAssertEqual(bind.map(\.severity), [.warning, .warning, .warning])
        XCTAssertEqual(b.fileSystems, [], "bind mounts never become EFS volumes by themselves")
        XCTAssertEqual(b.buckets, [], "./state says nothing of what it holds: advice only")
    }

    func testDataModelAndLogDirectoriesBecomeBucketsScopedToTheirServices() throws {
        let b = try plan("""
        name: lab
        services:
          app:
            build: .
            ports: ["8501:8501"]
            volumes:
              - ./data:/home/app/data
              - ./models:/home/app/models
              - ./logs:/home/app/logs
              - ./notebooks:/home/app/notebooks
            x-ferry: {training: false}
          scorer:
            image: example/scorer:1.0
            volumes:
              - ./models:/models:ro
            x-ferry:
              directories: {./logs: skip}
          other:
            image: example/other:1.0
            volumes: ["./logs:/var/log/other"]
            x-ferry: {directories: skip}
        """)
        XCTAssertEqual(b.buckets.map(\.name), ["data", "logs", "models"])
        let models = try XCTUnwrap(b.bucket(named: "models"))
        XCTAssertEqual(models.readers, ["app", "scorer"])
        XCTAssertEqual(models.writers, ["app"], "a read-only mount reads only")
        XCTAssertEqual(models.sourceDirectory, "./models")
        XCTAssertTrue(models.versioning)
        XCTAssertEqual(b.bucket(named: "logs")?.lifecycle.first?.expirationDays, 90)
        XCTAssertEqual(b.bucket(named: "logs")?.readers, ["app"], "x-ferry.directories: skip keeps other out")
        XCTAssertEqual(b.bucket(named: "data")?.lifecycle.first?.transitionStorageClass, "STANDARD_IA")
        let app = try XCTUnwrap(b.workload(named: "app"))
        XCTAssertEqual(app.environment.first { $0.name == "MODELS_BUCKET" }?.value,
                       .reference(ResourceReference(kind: .bucket, name: "models", attribute: "name")))
        XCTAssertTrue(b.roles.first { $0.name == app.taskRole }?.statements.contains { $0.resources.contains { $0.kind == .bucket && $0.name == "models" } } ?? false,
                      "the task role reaches the bucket")
        let ids = b.findings.filter { $0.subject.hasPrefix("services.app.volumes") }.map(\.id)
        XCTAssertEqual(ids.filter { $0 == "FERRY-PLAN-BIND-S3" }.count, 3)
        XCTAssertEqual(ids.filter { $0 == "FERRY-PLAN-BIND-DATA" }.count, 1, "./notebooks keeps the advice")
        XCTAssertTrue(b.servicePlan(named: "app")?.dropped.contains { $0.key == "volumes[0]" && $0.instead.contains("bucket data") } ?? false)
    }

    func testBindMountKinds() {
        func kind(_ source: String, _ target: String, readOnly: Bool = false) -> BindMountKind {
            BindMountKind(VolumeMount(type: .bind, source: source, target: target, readOnly: readOnly))
        }
        XCTAssertEqual(kind("/p/nginx.conf", "/etc/nginx/nginx.conf"), .configuration)
        XCTAssertEqual(kind("/p/conf.d", "/etc/nginx/conf.d"), .configuration)
        XCTAssertEqual(kind("/p/certs", "/certs", readOnly: true), .configuration)
        XCTAssertEqual(kind("/p/n8n", "/home/node/.n8n"), .dataDirectory, "a hidden directory is not a file")
        XCTAssertEqual(kind("/p/data", "/var/lib/app"), .dataDirectory)
        XCTAssertEqual(kind("/p", "/app"), .sourceCode)
        XCTAssertEqual(kind("/var/run/docker.sock", "/var/run/docker.sock"), .dockerSocket)
    }

    func testVolumeNamesThatMeetInOneDirectoryStayApart() {
        XCTAssertEqual(FileSystemBuilder.uniqueDirectory("my_data", taken: ["/my-data"]), "/my-data-2")
        XCTAssertEqual(FileSystemBuilder.uniqueDirectory("my_data", taken: []), "/my-data")
        XCTAssertEqual([FileSystemBuilder.owner("1001").0, FileSystemBuilder.owner("1001").1], [1001, 1001])
        XCTAssertEqual([FileSystemBuilder.owner("node").0, FileSystemBuilder.owner(nil).1], [1000, 1000])
    }

    func testPlanIsDeterministic() throws {
        XCTAssertEqual(Fixture.json(try plan(Self.shop, tier: .prod)), Fixture.json(try plan(Self.shop, tier: .prod)))
    }
}
