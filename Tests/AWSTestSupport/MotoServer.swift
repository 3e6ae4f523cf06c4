import AWSKit
import Foundation

/// A real `moto_server` on 127.0.0.1 and a free port, started for a test class and stopped after.
///
/// With `checkSignatures`, it creates an IAM user with an access key while moto still accepts
/// anonymous calls, then turns authentication on for everything (moto's `/moto-api/reset-auth` with
/// 0, the same switch as `INITIAL_NO_AUTH_ACTION_COUNT=0`): from then on a wrongly signed request,
/// or one with an unknown key, fails as it would on AWS.
public final class MotoServer: @unchecked Sendable {
    /// The access key every test signs with (nil without signature checking: any key works).
    public private(set) var credentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE",
                                                         secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                                         source: "moto")
    public let port: Int
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    private let logURL: URL

    /// Tools live at `$FERRY_TEST_VENV/bin/moto_server` or `<repo>/.venv-test/bin/moto_server`.
    public static func locate(repoRoot: URL) -> URL? {
        let venv = ProcessInfo.processInfo.environment["FERRY_TEST_VENV"].map { URL(fileURLWithPath: $0) }
            ?? repoRoot.appendingPathComponent(".venv-test")
        let tool = venv.appendingPathComponent("bin/moto_server")
        return FileManager.default.isExecutableFile(atPath: tool.path) ? tool : nil
    }

    /// `scripts/moto-server.py`: moto_server with fixes for emulator bugs ferry's templates hit.
    static let launcher = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/moto-server.py")

    /// `environment` adds moto settings (e.g. `MOTO_ECS_SERVICE_RUNNING`).
    public init(executable: URL, checkSignatures: Bool = true, environment extra: [String: String] = [:]) async throws {
        port = try Self.freePort()
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("moto-\(port)-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process = Process()
        let python = executable.deletingLastPathComponent().appendingPathComponent("python")
        if FileManager.default.isExecutableFile(atPath: python.path), FileManager.default.fileExists(atPath: Self.launcher.path) {
            process.executableURL = python
            process.arguments = [Self.launcher.path, "-H", "127.0.0.1", "-p", String(port)]
        } else {
            process.executableURL = executable
            process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "INITIAL_NO_AUTH_ACTION_COUNT")
        environment.merge(extra) { $1 }
        process.environment = environment
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try await waitUntilReady()
        if checkSignatures { try await enableAuthentication() }
    }

    /// A client for this server, signing with `credentials`.
    public func client(region: String = "us-east-1", retry: RetryStrategy = RetryStrategy(maxAttempts: 1),
                       endpoint: String? = nil) -> AWSClient {
        AWSClient(region: region, credentials: StaticCredentialProvider(credentials),
                  endpoints: EndpointResolver(explicitURL: endpoint ?? self.endpoint, environment: [:]), retry: retry)
    }

    private func enableAuthentication() async throws {
        let iam = AWSService(endpointEnvironmentID: "IAM", signingName: "iam", endpointPrefix: "iam", signingOptions: .standard)
        // Signed with moto's placeholder key: it routes requests by the signature's service, and does
        // not check signatures yet.
        let client = self.client()
        func call(_ action: String, _ parameters: [(String, String)]) async throws -> XMLTree {
            let response = try await client.send(QueryProtocol.request(service: iam, action: action, version: "2010-05-08",
                                                                       parameters: parameters))
            return try QueryProtocol.result(response, action: action)
        }
        _ = try await call("CreateUser", [("UserName", "ferry-test")])
        _ = try await call("PutUserPolicy", [("UserName", "ferry-test"), ("PolicyName", "all"),
                                             ("PolicyDocument", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)])
        let key = try await call("CreateAccessKey", [("UserName", "ferry-test")])
        guard let id = key.find("AccessKeyId")?.text, let secret = key.find("SecretAccessKey")?.text else {
            throw NSError(domain: "MotoServer", code: 5, userInfo: [NSLocalizedDescriptionKey: "CreateAccessKey answered without a key"])
        }
        credentials = AWSCredentials(accessKeyID: id, secretAccessKey: secret, source: "moto IAM user")
        _ = try await HTTPTransport().send(method: "POST", url: endpoint + "/moto-api/reset-auth", headers: [], body: Data("0".utf8))
    }

    /// Polls a TCP connect until moto listens (it takes a second or two to import).
    private func waitUntilReady() async throws {
        for _ in 0..<200 {
            if !process.isRunning {
                throw NSError(domain: "MotoServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "moto_server exited: \(log())"])
            }
            if Self.canConnect(port: port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw NSError(domain: "MotoServer", code: 2, userInfo: [NSLocalizedDescriptionKey: "moto_server did not start: \(log())"])
    }

    public func log() -> String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    public func stop() {
        if process.isRunning {
            process.terminate()
            // moto_server may not stop on SIGTERM while a request thread lingers: don't wait forever.
            for _ in 0..<20 where process.isRunning { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: logURL)
    }

    deinit { stop() }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw NSError(domain: "MotoServer", code: 3) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw NSError(domain: "MotoServer", code: 4) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0
    }
}

/// One moto_server for a test class: started by the first test that asks, stopped by the class's
/// `tearDown` (`override class func tearDown() { moto.stop(); super.tearDown() }`).
public final class SharedMotoServer: @unchecked Sendable {
    private let lock = NSLock()
    private var server: MotoServer?
    private let checkSignatures: Bool

    public init(checkSignatures: Bool = true) { self.checkSignatures = checkSignatures }

    /// The running server, started with the moto_server `executable` locates on first use.
    public func get(_ executable: () throws -> URL) async throws -> MotoServer {
        if let running = lock.withLock({ server }) { return running }
        let started = try await MotoServer(executable: try executable(), checkSignatures: checkSignatures)
        lock.withLock { server = started }
        return started
    }

    public func stop() {
        lock.withLock { server?.stop(); server = nil }
    }
}
