import XCTest
import Blueprint
@testable import Planner

/// The failure classes real projects showed, each on a small project written here. Assertions
/// state what a person would conclude ("the app is deployed and reachable"), not role tables.
final class RoleGeneralizationTests: XCTestCase {
    /// A restart policy is weak evidence: servers with `restart: on-failure` keep running.
    func testRestartOnFailureDoesNotMakeServersJobs() throws {
        let b = try ComposeText.planConsistently("""
        services:
          api:
            build: .
            restart: on-failure
            ports: ["8000:8000"]
            healthcheck: {test: ["CMD", "curl", "-f", "http://localhost:8000/health"]}
            environment: {DATABASE_URL: "postgres://app:pw@db:5432/app"}
          db:
            image: postgres:16
            restart: on-failure
          search:
            image: getmeili/meilisearch:v1.7
            restart: on-failure
            expose: ["7700"]
          worker:
            build: .
            command: celery -A app worker
            restart: on-failure
        """)
        XCTAssertEqual(b.role("db"), .datastore, "no datastore image becomes a job")
        XCTAssertEqual(b.role("api"), .web)
        XCTAssertNotNil(b.workload(named: "api"))
        XCTAssertNotEqual(b.role("search"), .job)
        XCTAssertEqual(b.role("worker"), .worker)
        // The evidence that lost is shown.
        XCTAssertTrue(b.servicePlan(named: "api")?.reasons.contains { $0.contains("weaker evidence for job") } ?? false)
    }

    /// One-shots that create buckets are init whatever their restart policy; migrations are jobs.
    func testBucketCreatorsAreInitAndMigrationsAreJobs() throws {
        let b = try ComposeText.planConsistently("""
        services:
          minio:
            image: minio/minio
            command: server /data
          createbuckets:
            image: minio/mc
            restart: always
            depends_on: [minio]
            entrypoint: ["/bin/sh", "-c", "mc alias set local http://minio:9000 a b && mc mb local/uploads"]
          awsinit:
            image: amazon/aws-cli
            entrypoint: ["sh", "-c", "aws --endpoint-url http://minio:9000 s3 mb s3://media"]
          migrate:
            build: .
            command: alembic upgrade head
            depends_on: [db]
          db:
            image: postgres:16
          web:
            build: .
            command: sh -c "alembic upgrade head && gunicorn app:app -b 0.0.0.0:8000"
            ports: ["8000:8000"]
            depends_on:
              migrate: {condition: service_completed_successfully}
        """)
        XCTAssertEqual(b.role("createbuckets"), .`init`)
        XCTAssertEqual(b.role("awsinit"), .`init`)
        XCTAssertEqual(b.role("migrate"), .job)
        XCTAssertEqual(b.role("web"), .web, "migrating before serving is still a server")
    }

    /// A framework's name for its main app (`laravel.test`) is not a test runner when it builds,
    /// publishes HTTP and others depend on it.
    func testNamesOnlyBreakTies() throws {
        let b = try ComposeText.planConsistently("""
        services:
          laravel.test:
            build: {context: ./vendor/laravel/sail/runtimes/8.3}
            ports: ["${APP_PORT:-80}:80"]
            depends_on: [mysql, redis]
          mysql:
            image: mysql/mysql-server:8.0
          redis:
            image: redis:alpine
          e2e:
            image: mcr.microsoft.com/playwright:v1.44.0
            command: npx playwright test
        """)
        XCTAssertEqual(b.role("laravel.test"), .web)
        XCTAssertNotNil(b.workload(named: "laravel.test"))
        XCTAssertEqual(b.role("e2e"), .devtool)
    }

    /// Services reached only through a proxy the load balancer replaces are public through it,
    /// including on ports only the proxy's configuration names.
    func testProxyTargetsAreServedThroughTheLoadBalancer() throws {
        let nginx = """
        server {
          listen 80;
          location /api/ { proxy_pass http://backend:4000; }
          location / { proxy_pass http://frontend:3000; }
        }
        """
        let b = try ComposeText.planConsistently("""
        services:
          proxy:
            image: nginx:1.27
            ports: ["80:80"]
            volumes: ["./nginx.conf:/etc/nginx/conf.d/default.conf:ro"]
            depends_on: [frontend, backend]
          frontend:
            build: ./frontend
          backend:
            build: ./backend
            environment: {REDIS_URL: "redis://cache:6379"}
          cache:
            image: redis:7
        """, files: ["nginx.conf": nginx])
        XCTAssertEqual(b.role("proxy"), .proxy)
        let lb = try XCTUnwrap(b.loadBalancer, "a load balancer exists")
        XCTAssertEqual(Set(lb.targetGroups.map(\.workload)), ["frontend", "backend"])
        XCTAssertEqual(b.workload(named: "backend")?.ports.first?.port, 4000, "the port comes from proxy_pass")
    }

    /// When the proxy's routes cannot be read, the proxy stays in front of its upstreams.
    func testUnreadableProxyIsKeptInFrontOfItsApps() throws {
        let b = try ComposeText.planConsistently("""
        services:
          haproxy:
            image: haproxy:2.9
            ports: ["80:80", "443:443"]
            volumes: ["./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro"]
            depends_on: [app, admin]
          app:
            build: .
            expose: ["3000"]
          admin:
            build: ./admin
            expose: ["4000"]
        """, files: ["haproxy.cfg": "frontend web\n  bind :80\n  use_backend admin if { path_beg /admin }\n  default_backend app\nbackend app\n  server a app:3000\nbackend admin\n  server b admin:4000\n"])
        XCTAssertEqual(b.role("haproxy"), .web)
        XCTAssertEqual(b.loadBalancer?.defaultTargetGroup.flatMap { n in b.loadBalancer?.targetGroups.first { $0.name == n }?.workload }, "haproxy")
        XCTAssertEqual(b.role("app"), .internal)
        XCTAssertEqual(b.role("admin"), .internal)
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-PROXY-KEPT" })
    }

    /// Caddy's routes are read from its Caddyfile: the load balancer takes them over.
    func testCaddyfileRoutesBecomeRules() throws {
        let caddyfile = """
        {
        	email ops@example.com
        }
        shop.example.com {
        	handle /api/* {
        		reverse_proxy api:8080
        	}
        	handle_path /files/* {
        		reverse_proxy files:9000
        	}
        	reverse_proxy web:3000
        }
        """
        let b = try ComposeText.planConsistently("""
        services:
          caddy:
            image: caddy:2.8
            ports: ["80:80", "443:443"]
            volumes: ["./Caddyfile:/etc/caddy/Caddyfile:ro"]
          web: {build: ./web}
          api: {build: ./api}
          files: {build: ./files}
        """, files: ["Caddyfile": caddyfile])
        XCTAssertEqual(b.role("caddy"), .proxy)
        XCTAssertEqual(b.workload(named: "api")?.ports.first?.port, 8080)
        XCTAssertEqual(b.workload(named: "web")?.ports.first?.port, 3000)
        let lb = try XCTUnwrap(b.loadBalancer)
        XCTAssertEqual(lb.targetGroups.first { $0.name == lb.defaultTargetGroup }?.workload, "web")
        XCTAssertTrue(lb.rules.contains { $0.pathPatterns.contains("/api/*") })
        XCTAssertTrue(b.findings.contains { $0.id == "FERRY-PLAN-PROXY-STRIP" }, "handle_path strips /files")
    }

    /// Traefik routes come from the labels of the containers it discovers.
    func testTraefikLabelsBecomeRoutes() throws {
        let b = try ComposeText.planConsistently("""
        services:
          traefik:
            image: traefik:v3.0
            command: ["--providers.docker=true"]
            ports: ["80:80"]
            volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]
          web:
            build: ./web
            labels:
              - traefik.enable=true
              - traefik.http.routers.web.rule=Host(`shop.example.com`)
              - traefik.http.services.web.loadbalancer.server.port=3000
          api:
            build: ./api
            labels:
              traefik.enable: "true"
              traefik.http.routers.api.rule: Host(`shop.example.com`) && PathPrefix(`/api`)
              traefik.http.services.api.loadbalancer.server.port: "8080"
        """)
        XCTAssertEqual(b.role("traefik"), .proxy)
        XCTAssertEqual(b.role("web"), .web)
        XCTAssertEqual(b.role("api"), .web)
        XCTAssertEqual(b.workload(named: "api")?.ports.first?.port, 8080)
        XCTAssertTrue(b.loadBalancer?.rules.contains { $0.pathPatterns.contains("/api") } ?? false)
    }

    /// A browser URL to a proxy that routes nowhere never points at a load balancer that does not exist.
    func testPublicURLRewriteNeedsARoutedService() throws {
        try ComposeText.planConsistently("""
        services:
          traefik:
            image: traefik:v3.0
            ports: ["8081:80"]
            volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
          job:
            build: .
            restart: "no"
            environment: {CALLBACK_URL: "http://localhost:8081/hook"}
        """)
    }

    /// ZooKeeper beside Kafka folds into MSK; nothing points at it afterwards.
    func testZooKeeperFoldsIntoMSK() throws {
        let b = try ComposeText.planConsistently("""
        services:
          zookeeper:
            image: confluentinc/cp-zookeeper:7.6.0
          kafka:
            image: confluentinc/cp-kafka:7.6.0
            depends_on: [zookeeper]
            environment: {KAFKA_ZOOKEEPER_CONNECT: "zookeeper:2181"}
          ui:
            image: provectuslabs/kafka-ui
            ports: ["8080:8080"]
            environment:
              KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: "kafka:9092"
              KAFKA_CLUSTERS_0_ZOOKEEPER: "zookeeper:2181"
          app:
            build: .
            environment: {ZK_HOSTS: "zookeeper:2181", BROKERS: "kafka:9092"}
        """)
        XCTAssertEqual(b.target("zookeeper"), .msk)
        XCTAssertNil(b.dataStore(named: "zookeeper"))
        XCTAssertEqual(b.workload(named: "app")?.environment.first { $0.name == "ZK_HOSTS" }?.disposition, .removed)
    }

    /// ZooKeeper that coordinates something other than Kafka stays a container.
    func testZooKeeperWithoutKafkaStays() throws {
        let b = try ComposeText.planConsistently("""
        services:
          zookeeper:
            image: bitnami/zookeeper:3.9
            expose: ["2181"]
          clickhouse:
            build: ./clickhouse
            environment: {ZOOKEEPER_HOST: "zookeeper:2181"}
        """)
        XCTAssertNotEqual(b.target("zookeeper"), .msk)
    }

    /// A debugger's usual port is the app's when nothing says a debugger runs there.
    func testWellKnownDebugPortIsKeptWithoutCorroboration() throws {
        let b = try ComposeText.planConsistently("""
        services:
          n8n:
            image: n8nio/n8n
            ports: ["5678:5678"]
            environment: {WEBHOOK_URL: "https://n8n.example.com/"}
        """)
        XCTAssertEqual(b.workload(named: "n8n")?.ports.first?.port, 5678)
    }
}
