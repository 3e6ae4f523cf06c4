import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A fault-injecting HTTP proxy on loopback, in front of a real moto_server.
///
/// It exists because no emulator produces these faults: moto and LocalStack never answer 503,
/// never throttle and never drop a connection, yet AWS does all three, and ferry's retries must be
/// tested against them. Requests it does not fault are forwarded unchanged (Host header included,
/// so moto still verifies the SigV4 signature).
public final class FaultProxy: @unchecked Sendable {
    public enum Fault: Sendable, Equatable {
        /// HTTP 503 with an empty body, as a load balancer in trouble answers.
        case serviceUnavailable
        /// HTTP 400 `Throttling: Rate exceeded`, the query protocol's throttling error.
        case throttling
        /// Closes the connection without a response.
        case dropConnection
        /// A documented AWS answer moto never gives (unhealthy targets, tasks stopped with a reason):
        /// the response body as the service would send it.
        case answer(status: Int, body: String, contentType: String)
    }

    /// Decides per request (numbered from 0 in arrival order) whether to inject a fault.
    public typealias Plan = @Sendable (_ index: Int, _ request: LoopbackHTTPServer.Request) -> Fault?

    private let server: LoopbackHTTPServer
    private let counter: Counter
    public var endpoint: String { server.baseURL }
    public var requestCount: Int { counter.value }
    public var faultCount: Int { counter.faults }

    public init(upstream: String, plan: @escaping Plan) async throws {
        let counter = Counter()
        self.counter = counter
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        self.client = client
        server = try await LoopbackHTTPServer { request in
            let index = counter.next()
            if let fault = plan(index, request) {
                counter.recordFault()
                switch fault {
                case .serviceUnavailable:
                    return .init(status: 503)
                case .throttling:
                    return .text(400, """
                    <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>fault-\(index)</RequestId></ErrorResponse>
                    """, contentType: "text/xml")
                case .dropConnection:
                    return nil
                case let .answer(status, body, contentType):
                    return .text(status, body, contentType: contentType)
                }
            }
            return await Self.forward(request, to: upstream, client: client)
        }
    }

    private let client: HTTPClient

    static func forward(_ request: LoopbackHTTPServer.Request, to upstream: String, client: HTTPClient) async -> LoopbackHTTPServer.Response {
        var outbound = HTTPClientRequest(url: upstream + request.uri)
        outbound.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers where name.lowercased() != "content-length" && name.lowercased() != "connection" {
            outbound.headers.add(name: name, value: value)
        }
        if !request.body.isEmpty || request.method == "PUT" || request.method == "POST" {
            outbound.body = .bytes(ByteBuffer(bytes: request.body))
        }
        do {
            let response = try await client.execute(outbound, timeout: .seconds(60))
            var body = try await response.body.collect(upTo: 64 << 20)
            let bytes = body.readBytes(length: body.readableBytes) ?? []
            // Bodies are re-framed, so their length goes; a HEAD answer's Content-Length is the object's size and stays.
            let headers = response.headers.filter {
                let name = $0.name.lowercased()
                return !["transfer-encoding", "connection"].contains(name) && (name != "content-length" || request.method == "HEAD")
            }.map { ($0.name, $0.value) }
            return .init(status: Int(response.status.code), headers: headers, body: Data(bytes))
        } catch {
            return .text(502, "proxy: upstream failed: \(error)")
        }
    }

    public func stop() async {
        await server.stop()
        try? await client.shutdown()
    }

    /// Counts the attempts at each distinct request (method and URI), so a plan can fault the first
    /// tries of a request and let a retry through: a schedule keyed only on arrival order can, under
    /// concurrency, land every retry of one request on a faulting slot.
    public final class AttemptCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var attempts: [String: Int] = [:]
        public init() {}
        /// The attempt number (from 0) of this request.
        public func attempt(_ request: LoopbackHTTPServer.Request) -> Int {
            lock.lock(); defer { lock.unlock() }
            let key = request.method + " " + request.uri
            let n = attempts[key, default: 0]
            attempts[key] = n + 1
            return n
        }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        private var faultTotal = 0
        func next() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count - 1 }
        func recordFault() { lock.lock(); faultTotal += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
        var faults: Int { lock.lock(); defer { lock.unlock() }; return faultTotal }
    }
}
