import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A tiny HTTP/1.1 server on 127.0.0.1 and a free port, for tests that need an endpoint no emulator
/// provides (container and instance metadata) or that must misbehave (the fault proxy).
/// The handler returns the response, or nil to drop the connection without answering.
public final class LoopbackHTTPServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var uri: String
        public var headers: [(String, String)]
        public var body: Data
        public func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: Data
        public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
            self.status = status
            self.headers = headers
            self.body = body
        }
        public static func text(_ status: Int, _ text: String, contentType: String = "text/plain") -> Response {
            Response(status: status, headers: [("Content-Type", contentType)], body: Data(text.utf8))
        }
    }

    public typealias Handler = @Sendable (Request) async -> Response?

    private let channel: any Channel
    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public init(handler: @escaping Handler) async throws {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Connection(handler: handler))
                }
            }
        channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    public func stop() async {
        try? await channel.close().get()
    }

    private final class Connection: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let handler: Handler
        var head: HTTPRequestHead?
        var body = Data()

        init(handler: @escaping Handler) { self.handler = handler }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = Data()
            case .body(var buffer):
                body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
            case .end:
                guard let head else { return }
                let request = Request(method: head.method.rawValue, uri: head.uri,
                                      headers: head.headers.map { ($0.name, $0.value) }, body: body)
                let keepAlive = head.isKeepAlive
                let loop = context.eventLoop
                let promise = loop.makePromise(of: Response?.self)
                let handler = self.handler
                promise.completeWithTask { await handler(request) }
                let boxed = NIOLoopBound(context, eventLoop: loop)
                promise.futureResult.whenSuccess { response in
                    let context = boxed.value
                    guard let response else {
                        context.close(promise: nil) // a dropped connection, on purpose
                        return
                    }
                    var headers = HTTPHeaders(response.headers)
                    // A HEAD answer keeps the Content-Length its handler gave (the size of what a GET would return).
                    if head.method != .HEAD || !headers.contains(name: "Content-Length") {
                        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
                    }
                    if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
                    let status = HTTPResponseStatus(statusCode: response.status)
                    context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
                    if !response.body.isEmpty, head.method != .HEAD {
                        context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
                    }
                    context.writeAndFlush(self.wrapOutboundOut(.end(nil))).whenComplete { _ in
                        if !keepAlive { boxed.value.close(promise: nil) }
                    }
                }
            }
        }
    }
}
