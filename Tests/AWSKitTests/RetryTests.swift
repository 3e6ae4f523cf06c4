import AWSTestSupport
import Foundation
import XCTest
@testable import AWSKit

/// The standard retry mode against a loopback endpoint that misbehaves on cue. (A fake endpoint:
/// no emulator answers 503, throttles, or drops connections.)
final class RetryTests: XCTestCase {
    private let creds = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")

    /// Answers request n with `script[n]` (the last entry repeats); nil drops the connection.
    private func server(_ script: [LoopbackHTTPServer.Response?]) async throws -> (LoopbackHTTPServer, Counter) {
        let counter = Counter()
        let server = try await LoopbackHTTPServer { _ in
            let index = counter.next()
            return script[min(index, script.count - 1)]
        }
        return (server, counter)
    }

    private func client(_ server: LoopbackHTTPServer, attempts: Int = 3) -> AWSClient {
        AWSClient(region: "us-east-1", credentials: StaticCredentialProvider(creds),
                  endpoints: EndpointResolver(explicitURL: server.baseURL, environment: [:]),
                  retry: RetryStrategy(maxAttempts: attempts, backoff: { _ in .milliseconds(1) }))
    }

    private let ok = LoopbackHTTPServer.Response.text(200, "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/x</Arn><UserId>X</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>", contentType: "text/xml")
    private let throttled = LoopbackHTTPServer.Response.text(400, "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-1</RequestId></ErrorResponse>", contentType: "text/xml")

    func testRetriesThrottling503AndDroppedConnectionsThenSucceeds() async throws {
        let (server, counter) = try await server([throttled, .init(status: 503), nil, ok])
        defer { Task { await server.stop() } }
        let identity = try await STSClient(client: client(server, attempts: 4)).getCallerIdentity()
        XCTAssertEqual(identity.account, "123456789012")
        XCTAssertEqual(counter.value, 4)
    }

    func testGivesUpCleanlyPastMaxAttempts() async throws {
        let (server, counter) = try await server([.init(status: 503)])
        defer { Task { await server.stop() } }
        do {
            _ = try await STSClient(client: client(server)).getCallerIdentity()
            XCTFail("should give up")
        } catch let error as AWSClientError {
            guard case .retriesExhausted(let attempts, let last) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(attempts, 3)
            XCTAssertTrue(last.contains("ServiceUnavailable"), last)
        }
        XCTAssertEqual(counter.value, 3)
    }

    func testNonRetryableErrorsSurfaceCodeMessageAndRequestID() async throws {
        let denied = LoopbackHTTPServer.Response(status: 403, headers: [("Content-Type", "text/xml"), ("x-amzn-RequestId", "abc-123")], body: Data("""
        <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::1:user/dev is not authorized to perform: cloudformation:CreateChangeSet</Message></Error><RequestId>abc-123</RequestId></ErrorResponse>
        """.utf8))
        let (server, counter) = try await server([denied])
        defer { Task { await server.stop() } }
        do {
            _ = try await STSClient(client: client(server)).getCallerIdentity()
            XCTFail("should fail")
        } catch let error as AWSServiceError {
            XCTAssertEqual(error.code, "AccessDenied")
            XCTAssertEqual(error.requestID, "abc-123")
            XCTAssertEqual("\(error)", "AccessDenied: User: arn:aws:iam::1:user/dev is not authorized to perform: cloudformation:CreateChangeSet (sts GetCallerIdentity, HTTP 403, request id abc-123)")
            XCTAssertFalse("\(error)".contains("secret"))
        }
        XCTAssertEqual(counter.value, 1, "a 403 is not retried")
    }

    func testJSONProtocolErrors() {
        let response = HTTPExchangeResponse(status: 400, headers: [("x-amzn-RequestId", "r-9")],
                                            body: Data(#"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"slow down"}"#.utf8))
        let error = AWSClient.serviceError(response, request: AWSRequest(service: .ecs, operation: "ListTasks"))
        XCTAssertEqual(error.code, "ProvisionedThroughputExceededException")
        XCTAssertEqual(RetryStrategy.classify(error), .throttling)
    }

    func testFullJitterStaysWithinTheCap() {
        for attempt in 1...10 {
            let delay = RetryStrategy.fullJitter(attempt)
            XCTAssertLessThanOrEqual(delay, .seconds(20))
            XCTAssertGreaterThanOrEqual(delay, .zero)
        }
    }

    func testRetryQuotaRunsOut() async {
        let quota = RetryQuota()
        var granted = 0
        while await quota.acquire(kind: .transient) != nil { granted += 1 }
        XCTAssertEqual(granted, 100, "500 tokens at 5 per retry")
        await quota.succeeded(refund: 5)
        let again = await quota.acquire(kind: .transient)
        XCTAssertNotNil(again)
    }

    func testCancellationStopsTheRequest() async throws {
        let server = try await LoopbackHTTPServer { _ in
            try? await Task.sleep(for: .seconds(30))
            return .text(200, "late")
        }
        defer { Task { await server.stop() } }
        let awsClient = self.client(server)
        let task = Task { try await STSClient(client: awsClient).getCallerIdentity() }
        try await Task.sleep(for: .milliseconds(200))
        let started = Date()
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("should be cancelled")
        } catch {
            XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count - 1 }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
