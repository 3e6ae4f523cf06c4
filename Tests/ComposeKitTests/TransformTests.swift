import XCTest
@testable import ComposeKit

/// Stage 6: every short and long syntax normalized.
final class TransformTests: XCTestCase {
    func testPorts() throws {
        XCTAssertEqual(PortSyntax.parse("3000"), [PortMapping(target: 3000)])
        XCTAssertEqual(PortSyntax.parse("8080:80"), [PortMapping(target: 80, published: "8080")])
        XCTAssertEqual(PortSyntax.parse("127.0.0.1:8080:80/udp"), [PortMapping(target: 80, published: "8080", hostIP: "127.0.0.1", proto: "udp")])
        XCTAssertEqual(PortSyntax.parse("[::1]:6001:6001"), [PortMapping(target: 6001, published: "6001", hostIP: "::1")])
        XCTAssertEqual(PortSyntax.parse("9000-9001:8000-8001"), [PortMapping(target: 8000, published: "9000"), PortMapping(target: 8001, published: "9001")])
        XCTAssertEqual(PortSyntax.parse("3000-3001"), [PortMapping(target: 3000), PortMapping(target: 3001)])
        XCTAssertEqual(PortSyntax.parse("8000-8010:80"), [PortMapping(target: 80, published: "8000-8010")])
        XCTAssertNil(PortSyntax.parse("80:abc"))
        XCTAssertNil(PortSyntax.parse("99999"))
        XCTAssertNil(PortSyntax.parse("1:2:3:4"))
        let p = try TestSupport.load("""
        services:
          web:
            image: nginx
            ports:
              - 80
              - target: 443
                published: 8443
                host_ip: 0.0.0.0
                protocol: tcp
                mode: host
        """)
        XCTAssertEqual(p.services[0].ports, [PortMapping(target: 80), PortMapping(target: 443, published: "8443", hostIP: "0.0.0.0", mode: "host")])
    }

    func testVolumes() throws {
        let p = try TestSupport.load("""
        services:
          web:
            image: nginx
            volumes:
              - data:/var/lib/data
              - ./src:/app/src:ro
              - /abs:/abs
              - ~/cfg:/cfg
              - /anonymous
              - type: tmpfs
                target: /tmp
              - type: bind
                source: ../shared
                target: /shared
                read_only: true
        volumes:
          data:
        """, env: ["HOME": "/home/me"])
        let v = p.services[0].volumes
        XCTAssertEqual(v.map(\.type), [.volume, .bind, .bind, .bind, .volume, .tmpfs, .bind])
        XCTAssertEqual(v.map(\.source), ["data", "/project/src", "/abs", "/home/me/cfg", nil, nil, "/shared"])
        XCTAssertEqual(v.map(\.readOnly), [false, true, false, false, false, false, true])
        XCTAssertEqual(v[1].location?.line, 6)
        XCTAssertEqual(p.volumes["data"]?.name, "project_data")
    }

    func testEnvironmentAndEnvFile() throws {
        let dir = try TestSupport.directory([
            "compose.yaml": """
            services:
              api:
                image: api
                env_file:
                  - common.env
                  - path: optional.env
                    required: false
                environment:
                  - OVERRIDDEN=from-compose
                  - FROM_SHELL
                  - NOT_ANYWHERE
            """,
            "common.env": "OVERRIDDEN=from-file\nONLY_FILE=${BASE:-b}/x\n",
        ])
        let p = try ComposeLoader.load(LoadOptions(environment: ["FROM_SHELL": "shell"], currentDirectory: dir))
        let api = try XCTUnwrap(p.service(named: "api"))
        XCTAssertEqual(api.environment.map(\.name), ["FROM_SHELL", "NOT_ANYWHERE", "ONLY_FILE", "OVERRIDDEN"])
        XCTAssertEqual(api.env("OVERRIDDEN"), "from-compose")
        XCTAssertEqual(api.env("FROM_SHELL"), "shell")
        XCTAssertNil(api.environment.first { $0.name == "NOT_ANYWHERE" }?.value)
        let onlyFile = try XCTUnwrap(api.environment.first { $0.name == "ONLY_FILE" })
        XCTAssertEqual(onlyFile.value, "b/x")
        XCTAssertEqual(onlyFile.source, .envFile(dir + "/common.env"))
        XCTAssertEqual(onlyFile.template, "${BASE:-b}/x")
        XCTAssertEqual(onlyFile.location?.line, 2)

        let missing = try TestSupport.directory(["compose.yaml": "services:\n  api:\n    image: api\n    env_file: missing.env\n"])
        XCTAssertThrowsError(try ComposeLoader.load(LoadOptions(environment: [:], currentDirectory: missing))) { error in
            let e = error as? ComposeError
            XCTAssertTrue(e?.message.contains("missing.env") ?? false)
            XCTAssertEqual(e?.location?.line, 4)
        }
    }

    func testDependsOnHealthcheckDeployBuildCommand() throws {
        let p = try TestSupport.load("""
        services:
          api:
            build:
              context: ./api
              dockerfile: Dockerfile.prod
              args: [VERSION=1, FLAG]
              target: runtime
            command: sh -c 'echo "hi there" && run'
            entrypoint: ["/entry.sh"]
            depends_on:
              db:
                condition: service_healthy
              cache:
                condition: service_started
                required: false
            healthcheck:
              test: curl -f http://localhost/health || exit 1
              interval: 1m30s
              timeout: 500ms
              start_period: 20s
              retries: 3
            deploy:
              replicas: 3
              resources:
                limits: {cpus: "0.5", memory: 512M}
                reservations: {memory: 1g}
              restart_policy: {condition: on-failure, max_attempts: 3, delay: 5s}
              placement: {constraints: [node.role == manager]}
            restart: unless-stopped
            stop_grace_period: 1m
            sysctls: [net.core.somaxconn=1024]
          worker:
            build: ./worker
            depends_on: [db]
            healthcheck:
              disable: true
          db:
            image: postgres
            healthcheck:
              test: ["CMD-SHELL", "pg_isready"]
          cache:
            image: redis
        """)
        let api = try XCTUnwrap(p.service(named: "api"))
        XCTAssertEqual(api.build, Build(context: "/project/api", dockerfile: "Dockerfile.prod", args: ["VERSION": "1", "FLAG": String?.none], target: "runtime"))
        XCTAssertEqual(api.command, ["sh", "-c", "echo \"hi there\" && run"])
        XCTAssertEqual(api.entrypoint, ["/entry.sh"])
        XCTAssertEqual(api.dependsOn, [Dependency(service: "cache", required: false), Dependency(service: "db", condition: "service_healthy")])
        XCTAssertEqual(api.healthcheck, Healthcheck(test: ["CMD-SHELL", "curl -f http://localhost/health || exit 1"], interval: 90, timeout: 0.5, retries: 3, startPeriod: 20))
        XCTAssertEqual(api.deploy?.replicas, 3)
        XCTAssertEqual(api.deploy?.limits, Resources(cpus: 0.5, memoryBytes: 512 * 1024 * 1024))
        XCTAssertEqual(api.deploy?.reservations?.memoryBytes, 1 << 30)
        XCTAssertEqual(api.deploy?.restartPolicy, RestartPolicy(condition: "on-failure", delay: 5, maxAttempts: 3))
        XCTAssertEqual(api.restart, "unless-stopped")
        XCTAssertEqual(api.stopGracePeriod, 60)
        XCTAssertNotNil(api.otherKeys["sysctls"])
        XCTAssertTrue(p.diagnostics.contains { $0.keyPath == "services.api.deploy.placement" })
        XCTAssertTrue(p.diagnostics.contains { $0.keyPath == "services.api.sysctls" })
        let worker = try XCTUnwrap(p.service(named: "worker"))
        XCTAssertEqual(worker.build?.context, "/project/worker")
        XCTAssertEqual(worker.dependsOn, [Dependency(service: "db")])
        XCTAssertEqual(worker.healthcheck?.disable, true)
        XCTAssertEqual(worker.healthcheck?.test, ["NONE"])
    }

    func testSecretsConfigsNetworksMisc() throws {
        let p = try TestSupport.load("""
        services:
          app:
            image: app
            secrets:
              - db_password
              - source: api_key
                target: /run/keys/api
                mode: 0440
            configs: [app_config]
            networks:
              front:
                aliases: [web]
              back:
            labels: {a: "1"}
            user: "1000:1000"
            privileged: true
            cap_add: [NET_ADMIN]
            devices: ["/dev/fuse:/dev/fuse"]
            extra_hosts: ["host.docker.internal:host-gateway"]
            tmpfs: /run
            container_name: my-app
            network_mode: null
            expose: ["8080", "9000-9001/udp"]
        secrets:
          db_password: {file: ./secrets/db.txt}
          api_key: {environment: API_KEY}
        configs:
          app_config: {external: true}
        networks:
          front: {}
          back: {internal: true}
        """)
        let app = p.services[0]
        XCTAssertEqual(app.secrets, [FileReference(source: "db_password"), FileReference(source: "api_key", target: "/run/keys/api", mode: 0o440)])
        XCTAssertEqual(app.configs, [FileReference(source: "app_config")])
        XCTAssertEqual(app.networks["front"]?.aliases, ["web"])
        XCTAssertNotNil(app.networks["back"])
        XCTAssertEqual(app.user, "1000:1000")
        XCTAssertTrue(app.privileged)
        XCTAssertEqual(app.capAdd, ["NET_ADMIN"])
        XCTAssertEqual(app.devices, ["/dev/fuse:/dev/fuse"])
        XCTAssertEqual(app.extraHosts, ["host.docker.internal=host-gateway"])
        XCTAssertEqual(app.tmpfs, ["/run"])
        XCTAssertEqual(app.containerName, "my-app")
        XCTAssertEqual(app.expose, ["8080", "9000-9001/udp"])
        XCTAssertEqual(p.secrets["db_password"]?.file, "/project/secrets/db.txt")
        XCTAssertEqual(p.secrets["api_key"]?.environment, "API_KEY")
        XCTAssertEqual(p.configs["app_config"]?.external, true)
        XCTAssertEqual(p.networks["back"]?.isInternal, true)
        XCTAssertNil(p.networks["default"], "no service uses the default network")
    }

    func testShellSplit() {
        XCTAssertEqual(CommandSyntax.split("a 'b c' \"d \\\"e\\\"\" f\\ g"), ["a", "b c", "d \"e\"", "f g"])
        XCTAssertEqual(CommandSyntax.split("  "), [])
        XCTAssertNil(CommandSyntax.split("a 'b"))
    }

    func testDurationsAndSizes() {
        XCTAssertEqual(Durations.parse("1h2m3s"), 3723)
        XCTAssertEqual(Durations.parse("250ms"), 0.25)
        XCTAssertEqual(Durations.parse("10"), 10)
        XCTAssertNil(Durations.parse("10 parsecs"))
        XCTAssertEqual(ByteSize.parse("1.5g"), 1_610_612_736)
        XCTAssertEqual(ByteSize.parse("512MB"), 536_870_912)
        XCTAssertEqual(ByteSize.parse("2048"), 2048)
        XCTAssertNil(ByteSize.parse("lots"))
    }
}
