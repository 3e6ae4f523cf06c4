import XCTest
import ComposeKit
import Blueprint
@testable import Planner

/// One test per secret rule, on small compose files: taint through interpolation, basic-auth
/// values, key names, public look-alikes, placeholders, and secrets in commands.
final class SecretTaintTests: XCTestCase {
    private func plan(_ yaml: String, _ env: [String: String]) throws -> (Blueprint, Project) {
        let p = try ComposeLoader.load(yaml: yaml, workingDirectory: "/project", environment: env)
        return (Fixture.plan(p), p)
    }

    private func disposition(_ b: Blueprint, _ service: String, _ name: String) -> EnvDisposition? { b.env(service, name)?.disposition }

    private func assertAbsent(_ values: [String], _ b: Blueprint, file: StaticString = #filePath, line: UInt = #line) {
        let json = Fixture.json(b)
        for (i, v) in values.enumerated() { XCTAssertFalse(json.contains(v), "value #\(i + 1) is in the Blueprint", file: file, line: line) }
    }

    func testAValueBuiltFromASecretVariableIsASecret() throws {
        let (b, p) = try plan("""
        services:
          api:
            image: myorg/api:1
            environment:
              ORACLE_CONN: ${DB_USER}/${DB_PASSWORD}
              SMTP_LOGIN: "mailer:${SMTP_PASS}"
              GREETING: hello ${DB_USER}
        """, ["DB_USER": "scott", "DB_PASSWORD": "Tiger-Pw-4411", "SMTP_PASS": "Mail-Pw-7788"])
        XCTAssertEqual(disposition(b, "api", "ORACLE_CONN"), .secret)
        XCTAssertEqual(disposition(b, "api", "SMTP_LOGIN"), .secret)
        XCTAssertEqual(disposition(b, "api", "GREETING"), .plain)
        // A random value could not keep `scott/`: the whole value is supplied.
        let conn = try XCTUnwrap(b.secrets.first { $0.name == "oracle-conn" })
        XCTAssertEqual(conn.generation, .provided)
        assertAbsent(["Tiger-Pw-4411", "Mail-Pw-7788"], b)
        XCTAssertTrue(SecretValues.of(p).isSuperset(of: ["Tiger-Pw-4411", "scott/Tiger-Pw-4411", "Mail-Pw-7788"]))
    }

    func testAConnectionStringBuiltFromASecretToAnUnmanagedHostIsASecret() throws {
        let (b, _) = try plan("""
        services:
          api:
            image: myorg/api:1
            environment:
              LEGACY_URL: postgres://u:${PASSWORD}@legacy.example.com/x
        """, ["PASSWORD": "Legacy-Pw-1234"])
        XCTAssertEqual(disposition(b, "api", "LEGACY_URL"), .secret)
        assertAbsent(["Legacy-Pw-1234"], b)
    }

    func testBasicAuthShapedValuesAreSecretsButTagsPortsAndPathsAreNot() {
        XCTAssertTrue(SecretSignals.looksLikeBasicAuth("admin:Passw0rd", credentialsName: false))
        XCTAssertTrue(SecretSignals.looksLikeBasicAuth("scott/tiger", credentialsName: true))
        for v in ["redis:6379", "nginx:latest", "postgres:16-alpine", "ghcr.io/org/app:v1.2", "Europe/Paris", "12:30", "a:b:c", "localhost:3000"] {
            XCTAssertFalse(SecretSignals.looksLikeBasicAuth(v, credentialsName: false), v)
        }
        XCTAssertFalse(SecretSignals.looksLikeBasicAuth("/run/secrets/db", credentialsName: true))
    }

    func testKeyMaterialByNameAndItsPublicLookAlikes() throws {
        let (b, _) = try plan("""
        services:
          api:
            image: myorg/api:1
            environment:
              ENCRYPTION_KEY: k3y-material-0001
              SIGNING_KEY: k3y-material-0002
              OPENSSL_KEY: k3y-material-0003
              JWT_KEY_V1: k3y-material-0004
              REDIS_AUTH: k3y-material-0005
              BASIC_AUTH: admin:admin-pw
              SERVICE_CREDENTIALS: k3y-material-0006
              JWT_PUBLIC_KEY: public-0001
              NEXT_PUBLIC_SITE_KEY: public-0002
              STRIPE_PUBLISHABLE_KEY: pk_test_public
              ENABLE_AUTH: "true"
              OIDC_AUTH: https://id.example.com/auth
              DB_PASSWORD_FILE: /run/secrets/db_password
              CACHE_TTL: "3600"
        """, [:])
        for name in ["ENCRYPTION_KEY", "SIGNING_KEY", "OPENSSL_KEY", "JWT_KEY_V1", "REDIS_AUTH", "BASIC_AUTH", "SERVICE_CREDENTIALS"] {
            XCTAssertEqual(disposition(b, "api", name), .secret, name)
        }
        for name in ["JWT_PUBLIC_KEY", "NEXT_PUBLIC_SITE_KEY", "STRIPE_PUBLISHABLE_KEY", "ENABLE_AUTH", "OIDC_AUTH", "DB_PASSWORD_FILE", "CACHE_TTL"] {
            XCTAssertNotEqual(disposition(b, "api", name), .secret, name)
        }
        assertAbsent((1...6).map { "k3y-material-000\($0)" } + ["admin-pw"], b)
    }

    func testPlaceholdersBecomeGeneratedSecretsWithAFinding() throws {
        let (b, _) = try plan("""
        services:
          api:
            image: myorg/api:1
            environment:
              SECRET_KEY: your-secret-key
              SESSION_SECRET: <your-session-secret>
              APP_PASSWORD: please-change
              WEBHOOK_TOKEN: xxx
        """, [:])
        for name in ["SECRET_KEY", "SESSION_SECRET", "APP_PASSWORD"] {
            let env = try XCTUnwrap(b.env("api", name))
            guard case .secret(let secret, _) = env.value, let spec = b.secrets.first(where: { $0.name == secret }) else { return XCTFail(name) }
            guard case .generated = spec.generation else { return XCTFail("\(name) is not generated") }
        }
        let flagged = Set(b.findings.filter { $0.id == "FERRY-PLAN-SECRET-PLACEHOLDER" }.map(\.subject))
        XCTAssertEqual(flagged, Set(["SECRET_KEY", "SESSION_SECRET", "APP_PASSWORD", "WEBHOOK_TOKEN"].map { "services.api.environment.\($0)" }))
        assertAbsent(["your-secret-key", "<your-session-secret>", "please-change"], b)
    }

    func testSecretsInCommandsAreReadFromTheEnvironment() throws {
        let (b, _) = try plan("""
        services:
          api:
            image: myorg/api:1
            command: sh -c "exec ./server --token=${API_TOKEN} --name '${API_TOKEN}'"
            healthcheck:
              test: ["CMD", "curl", "-u", "admin:${ADMIN_PASS}", "http://localhost:8080/health"]
          worker:
            image: myorg/worker:1
            entrypoint: ["/app/worker", "--secret", "${WORKER_SECRET}"]
            command: ["--verbose"]
        """, ["API_TOKEN": "tok-7788-abcdef", "ADMIN_PASS": "AdminPw-9921", "WORKER_SECRET": "wsecret-5512-xyz"])
        let api = try XCTUnwrap(b.workload(named: "api"))
        XCTAssertEqual(api.command, ["sh", "-c", #"exec ./server --token="${API_TOKEN}" --name "${API_TOKEN}""#])
        XCTAssertEqual(api.healthCheck?.command, ["CMD-SHELL", #"curl -u admin:"${ADMIN_PASS}" http://localhost:8080/health"#])
        XCTAssertEqual(disposition(b, "api", "API_TOKEN"), .secret)
        XCTAssertEqual(disposition(b, "api", "ADMIN_PASS"), .secret)
        let worker = try XCTUnwrap(b.workload(named: "worker"))
        // The command is the entrypoint's arguments: one line runs both.
        XCTAssertEqual(worker.entrypoint, ["sh", "-c", #"exec /app/worker --secret "${WORKER_SECRET}" --verbose"#])
        XCTAssertNil(worker.command)
        XCTAssertEqual(disposition(b, "worker", "WORKER_SECRET"), .secret)
        assertAbsent(["tok-7788-abcdef", "AdminPw-9921", "wsecret-5512-xyz"], b)
        XCTAssertFalse(b.findings.contains { $0.id == "FERRY-PLAN-SECRET-IN-COMMAND" })
    }

    func testConnectionStringsInCommandsPointAtTheManagedDatabase() throws {
        let (b, _) = try plan("""
        services:
          migrate:
            image: migrate/migrate:v4
            command: ["-path", "/m", "-database", "postgres://app:${DB_PASSWORD}@db:5432/app?sslmode=disable", "up"]
            restart: "no"
          api:
            image: myorg/api:1
            environment:
              DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app
            command: sh -c "wait-for postgres://app:${DB_PASSWORD}@db:5432/app && ./server"
          db:
            image: postgres:16
            environment:
              POSTGRES_USER: app
              POSTGRES_PASSWORD: ${DB_PASSWORD}
              POSTGRES_DB: app
        """, ["DB_PASSWORD": "Db-Pw-5566-abc"])
        let api = try XCTUnwrap(b.workload(named: "api"))
        // The same URL as an env variable: the command reads that variable, rebuilt for RDS.
        XCTAssertEqual(api.command, ["sh", "-c", #"wait-for "${DATABASE_URL}" && ./server"#])
        do {
            let migrate = try XCTUnwrap(b.workload(named: "migrate"))
            XCTAssertEqual(migrate.command, ["sh", "-c", #"exec -path /m -database "${COMMAND_URL}" up"#])
            guard case .secret(let s, _) = b.env("migrate", "COMMAND_URL")?.value, let spec = b.secrets.first(where: { $0.name == s }),
                  case .composed = spec.generation else { return XCTFail("COMMAND_URL is not composed from the managed credentials") }
        }
        assertAbsent(["Db-Pw-5566-abc"], b)
    }

    func testShellQuotingOfReplacedStretches() {
        let span = { (r: Range<Int>) in [CommandSecrets.Span(range: r, variable: "X")] }
        XCTAssertEqual(ShellWords.inScript("echo abc", span(5..<8)), #"echo "${X}""#)
        XCTAssertEqual(ShellWords.inScript(#"echo "a abc""#, span(8..<11)), #"echo "a ${X}""#)
        XCTAssertEqual(ShellWords.inScript("echo 'a abc b'", span(8..<11)), #"echo 'a '"${X}"' b'"#)
        XCTAssertEqual(ShellWords.line(["run", "it's", "k=abc"], [[], [], span(2..<5)]), #"run 'it'\''s' k="${X}""#)
    }
}
