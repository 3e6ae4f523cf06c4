import Foundation
import Logging

/// Sends `AWSRequest`s: resolves the endpoint, signs with fresh credentials, retries in the standard
/// mode, and turns error responses into `AWSServiceError` (code, message, request id). Every service
/// client and credential fetch shares one `HTTPTransport` (one connection pool).
public struct AWSClient: Sendable {
    public var region: String
    public var credentials: any AWSCredentialProvider
    public var endpoints: EndpointResolver
    public var retry: RetryStrategy
    public var transport: HTTPTransport
    public var logger: Logger
    /// The clock used to sign; tests of expired signatures move it.
    public var now: @Sendable () -> Date = { Date() }

    public init(region: String, credentials: any AWSCredentialProvider, endpoints: EndpointResolver = EndpointResolver(),
                retry: RetryStrategy = RetryStrategy(), transport: HTTPTransport = HTTPTransport(),
                logger: Logger = Logger(label: "ferry.aws")) {
        self.region = region
        self.credentials = credentials
        self.endpoints = endpoints
        self.retry = retry
        self.transport = transport
        self.logger = logger
    }

    /// Sends the request, retrying what the standard mode retries. Non-2xx answers throw
    /// `AWSServiceError`; retries that run out throw `AWSClientError.retriesExhausted`.
    public func send(_ request: AWSRequest) async throws -> HTTPExchangeResponse {
        let endpoint = try endpoints.resolve(request.service, region: region)
        var refund: Int?
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let failure: (kind: RetryStrategy.Kind?, error: any Error)
            do {
                let response = try await sendOnce(request, endpoint: endpoint)
                if (200..<300).contains(response.status) {
                    await retry.quota.succeeded(refund: refund)
                    return response
                }
                let error = Self.serviceError(response, request: request)
                failure = (RetryStrategy.classify(error), error)
            } catch let error as AWSServiceError {
                failure = (RetryStrategy.classify(error), error)
            } catch let error as AWSClientError {
                throw error
            } catch {
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                // Resets, refused or dropped connections and timeouts: the standard mode retries them.
                let isTimeout = "\(error)".lowercased().contains("timeout") || "\(error)".lowercased().contains("deadline")
                failure = (isTimeout ? .timeout : .transient, AWSClientError.connection(Self.describe(error)))
            }
            guard let kind = failure.kind else { throw failure.error }
            guard attempt < retry.maxAttempts, let cost = await retry.quota.acquire(kind: kind) else {
                if attempt == 1, retry.maxAttempts == 1 { throw failure.error }
                throw AWSClientError.retriesExhausted(attempts: attempt, last: "\(failure.error)")
            }
            refund = cost
            let delay = retry.backoff(attempt)
            logger.debug("retrying \(request.service.signingName) \(request.operation) after \(failure.error) in \(delay)")
            try await Task.sleep(for: delay)
        }
    }

    func sendOnce(_ request: AWSRequest, endpoint: EndpointResolver.Endpoint) async throws -> HTTPExchangeResponse {
        var creds: AWSCredentials?
        if !request.unsigned { creds = try await credentials.credentials() }
        guard let base = URL(string: endpoint.baseURL), let host = base.host else {
            throw AWSClientError.invalidEndpoint(endpoint.baseURL)
        }
        var hostHeader = host
        if let prefix = request.hostPrefix, !endpoint.isCustom { hostHeader = prefix + host }
        if let port = base.port { hostHeader += ":\(port)" }
        let basePath = base.path == "/" ? "" : base.path
        let path = basePath + (request.path.hasPrefix("/") ? request.path : "/" + request.path)

        var headers = request.headers
        headers.append(.init("Host", hostHeader))
        let signingRequest = SigningRequest(method: request.method, path: path, query: request.query, headers: headers,
                                            body: request.body)
        var signed = signingRequest
        if let creds {
            let signer = SigV4(credentials: creds, region: region, service: request.service.signingName,
                               options: request.service.signingOptions)
            signed = signer.signHeaders(signingRequest, date: now()).request
        }

        var url = "\(base.scheme ?? "https")://\(hostHeader)\(URIEncoding.encode(path, keepSlash: true))"
        if !request.query.isEmpty { url += "?" + SigV4.canonicalQuery(request.query) }
        let sendHeaders = signed.headers.filter { $0.name.lowercased() != "host" }.map { ($0.name, $0.value) }
            + [("User-Agent", "ferry/0.1")]
        let body: Data? = request.method == "GET" || request.method == "HEAD" || request.method == "DELETE" ? nil : request.body
        return try await transport.send(method: request.method, url: url, headers: sendHeaders, body: body)
    }

    /// Reads the error from any protocol's error body: query and REST-XML (`<Code>`, `<Message>`),
    /// JSON (`__type`, `message`), or nothing at all (HEAD): then the status stands in for the code.
    static func serviceError(_ response: HTTPExchangeResponse, request: AWSRequest) -> AWSServiceError {
        var code = ""
        var message = ""
        var requestID = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
        let trimmed = response.body.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        if trimmed.first == UInt8(ascii: "{"),
           let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] {
            code = (object["__type"] as? String) ?? (object["code"] as? String) ?? ""
            message = (object["message"] as? String) ?? (object["Message"] as? String) ?? ""
        } else if trimmed.first == UInt8(ascii: "<"), let root = try? XMLTree.parse(response.body) {
            code = root.find("Code")?.text ?? ""
            message = root.find("Message")?.text ?? ""
            requestID = requestID ?? root.find("RequestId")?.text ?? root.find("RequestID")?.text
        }
        if code.isEmpty, let header = response.header("x-amzn-ErrorType") { code = header }
        // JSON codes may read "aws.protocoljson#ThrottlingException:http://…".
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        if code.isEmpty { code = Self.statusName(response.status) }
        if message.isEmpty, !trimmed.isEmpty, trimmed.first != UInt8(ascii: "<"), trimmed.first != UInt8(ascii: "{") {
            message = String(decoding: trimmed.prefix(300), as: UTF8.self)
        }
        return AWSServiceError(code: code, message: message.trimmingCharacters(in: .whitespacesAndNewlines),
                               requestID: requestID, statusCode: response.status,
                               service: request.service.signingName, operation: request.operation)
    }

    static func statusName(_ status: Int) -> String {
        switch status {
        case 301: return "PermanentRedirect"
        case 400: return "BadRequest"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 429: return "TooManyRequests"
        case 500: return "InternalError"
        case 502: return "BadGateway"
        case 503: return "ServiceUnavailable"
        case 504: return "GatewayTimeout"
        default: return "HTTP\(status)"
        }
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
