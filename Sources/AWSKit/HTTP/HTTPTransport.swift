import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP exchange as the AWS layer sees it.
public struct HTTPExchangeResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// Sends requests on one process-wide AsyncHTTPClient, so connections are pooled and reused across
/// every service client and credential fetch. Cancelling the calling task cancels the request.
public struct HTTPTransport: Sendable {
    /// Created once and never shut down: it lives as long as the process, like `HTTPClient.shared`,
    /// but with timeouts suited to AWS APIs (a dead endpoint fails in seconds, not minutes).
    public static let sharedClient: HTTPClient = {
        var config = HTTPClient.Configuration()
        config.timeout = .init(connect: .seconds(10), read: .seconds(60))
        config.connectionPool = .init(idleTimeout: .seconds(30))
        config.httpVersion = .http1Only
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }()

    let client: HTTPClient
    /// The whole-request deadline (connect, send, wait, read).
    public var timeout: Duration
    /// Larger responses are refused rather than buffered without bound.
    public var maxResponseBytes: Int

    public init(client: HTTPClient = HTTPTransport.sharedClient, timeout: Duration = .seconds(90), maxResponseBytes: Int = 64 << 20) {
        self.client = client
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    public func send(method: String, url: String, headers: [(String, String)], body: Data?) async throws -> HTTPExchangeResponse {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body, !body.isEmpty || method == "PUT" || method == "POST" {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let seconds = Int64(timeout.components.seconds)
        let response = try await client.execute(request, timeout: .seconds(max(1, seconds)))
        var buffer = try await response.body.collect(upTo: maxResponseBytes)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        return HTTPExchangeResponse(status: Int(response.status.code),
                                    headers: response.headers.map { ($0.name, $0.value) },
                                    body: Data(bytes))
    }
}
