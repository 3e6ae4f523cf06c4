import Crypto
import Foundation

/// AWS Signature Version 4: Authorization-header and presigned-query signing, plus the chunk
/// signatures of S3's streaming uploads.
///
/// Two service families differ: most services normalize the path (dot segments, repeated slashes);
/// S3 never does, encodes each path segment exactly once, and signs `x-amz-content-sha256`.
public struct SigV4: Sendable {
    public struct Options: Sendable, Equatable {
        /// Remove dot segments and collapse slashes before signing (false for S3).
        public var normalizePath = true
        /// Add `x-amz-content-sha256` with the payload hash and sign it (S3 requires it).
        public var signPayloadHeader = false
        /// Add the session token after signing instead of signing it (a few services want that).
        public var omitSessionToken = false
        /// Encode the already-encoded path a second time, as every service except S3 expects.
        /// Off by default: ferry's non-S3 calls all go to `/`, and the conformance vectors encode once.
        public var doubleEncodePath = false

        public init(normalizePath: Bool = true, signPayloadHeader: Bool = false,
                    omitSessionToken: Bool = false, doubleEncodePath: Bool = false) {
            self.normalizePath = normalizePath
            self.signPayloadHeader = signPayloadHeader
            self.omitSessionToken = omitSessionToken
            self.doubleEncodePath = doubleEncodePath
        }

        public static let standard = Options()
        public static let s3 = Options(normalizePath: false, signPayloadHeader: true)
    }

    /// What signing produced; the intermediate strings are kept for tests and `--debug` output.
    public struct Result: Sendable {
        public var request: SigningRequest
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
    }

    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    public static let streamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
    static let algorithm = "AWS4-HMAC-SHA256"

    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    public var options: Options

    public init(credentials: AWSCredentials, region: String, service: String, options: Options = .standard) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    // MARK: Authorization header

    /// Adds `X-Amz-Date`, the session token, `x-amz-content-sha256` (when asked) and `Authorization`.
    public func signHeaders(_ request: SigningRequest, date: Date) -> Result {
        var request = request
        let amzDate = Self.amzDate(date)
        // A request that already carries X-Amz-Date (the legacy vectors do) keeps it.
        if request.header("x-amz-date") == nil {
            request.headers.append(.init("X-Amz-Date", amzDate))
        }
        let stamp = request.header("x-amz-date") ?? amzDate
        if options.signPayloadHeader, request.header("x-amz-content-sha256") == nil {
            request.headers.append(.init("X-Amz-Content-Sha256", request.payloadHash))
        }
        if let token = credentials.sessionToken, !options.omitSessionToken, request.header("x-amz-security-token") == nil {
            request.headers.append(.init("X-Amz-Security-Token", token))
        }
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers)
        let canonical = canonicalRequest(request, query: request.query, canonicalHeaders: canonicalHeaders,
                                         signedHeaders: signedHeaders)
        let scope = credentialScope(stamp)
        let toSign = Self.stringToSign(stamp: stamp, scope: scope, canonicalRequest: canonical)
        let signature = sign(toSign, day: String(stamp.prefix(8)))
        request.headers.append(.init("Authorization",
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"))
        if let token = credentials.sessionToken, options.omitSessionToken, request.header("x-amz-security-token") == nil {
            request.headers.append(.init("X-Amz-Security-Token", token))
        }
        return Result(request: request, canonicalRequest: canonical, stringToSign: toSign, signature: signature)
    }

    // MARK: Presigned query

    /// Moves the signature into the query string (`X-Amz-Signature`), valid for `expires` seconds.
    public func presign(_ request: SigningRequest, date: Date, expires: Int) -> Result {
        var request = request
        let stamp = Self.amzDate(date)
        let scope = credentialScope(stamp)
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers)
        var query = request.query
        query.append(.init("X-Amz-Algorithm", Self.algorithm))
        query.append(.init("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"))
        query.append(.init("X-Amz-Date", stamp))
        query.append(.init("X-Amz-SignedHeaders", signedHeaders))
        query.append(.init("X-Amz-Expires", String(expires)))
        if let token = credentials.sessionToken, !options.omitSessionToken {
            query.append(.init("X-Amz-Security-Token", token))
        }
        let canonical = canonicalRequest(request, query: query, canonicalHeaders: canonicalHeaders,
                                         signedHeaders: signedHeaders)
        let toSign = Self.stringToSign(stamp: stamp, scope: scope, canonicalRequest: canonical)
        let signature = sign(toSign, day: String(stamp.prefix(8)))
        if let token = credentials.sessionToken, options.omitSessionToken {
            query.append(.init("X-Amz-Security-Token", token))
        }
        query.append(.init("X-Amz-Signature", signature))
        request.query = query
        return Result(request: request, canonicalRequest: canonical, stringToSign: toSign, signature: signature)
    }

    // MARK: S3 streaming chunks

    /// The signature of one `aws-chunked` chunk, chained from the previous one (the seed is the
    /// header signature of the request).
    public func chunkSignature(chunk: Data, previousSignature: String, date: Date) -> String {
        let stamp = Self.amzDate(date)
        let toSign = [
            "AWS4-HMAC-SHA256-PAYLOAD", stamp, credentialScope(stamp), previousSignature,
            Self.hexSHA256(Data()), Self.hexSHA256(chunk),
        ].joined(separator: "\n")
        return sign(toSign, day: String(stamp.prefix(8)))
    }

    // MARK: Pieces

    func canonicalRequest(_ request: SigningRequest, query: [SigningRequest.QueryItem],
                          canonicalHeaders: String, signedHeaders: String) -> String {
        [
            request.method.uppercased(),
            canonicalPath(request.path),
            Self.canonicalQuery(query),
            canonicalHeaders,
            signedHeaders,
            request.payloadHash,
        ].joined(separator: "\n")
    }

    func canonicalPath(_ path: String) -> String {
        let raw = path.isEmpty ? "/" : path
        let normalized = options.normalizePath ? URIEncoding.normalizePath(raw) : raw
        let once = URIEncoding.encode(normalized, keepSlash: true)
        return options.doubleEncodePath ? URIEncoding.encode(once, keepSlash: true) : once
    }

    static func canonicalQuery(_ items: [SigningRequest.QueryItem]) -> String {
        var encoded: [(name: String, value: String)] = []
        for item in items { encoded.append((URIEncoding.encode(item.name), URIEncoding.encode(item.value))) }
        let sorted = encoded.sorted { (a, b) -> Bool in
            a.name == b.name ? a.value < b.value : a.name < b.name
        }
        return sorted.map { pair -> String in pair.name + "=" + pair.value }.joined(separator: "&")
    }

    /// Headers a proxy or the HTTP stack may change in flight; signing them breaks requests.
    static let unsignedHeaders: Set<String> = [
        "authorization", "user-agent", "x-amzn-trace-id", "expect", "connection", "transfer-encoding",
    ]

    /// Lower-cased names, sorted; values trimmed with inner whitespace runs collapsed; repeated
    /// headers joined with commas in the order they appear.
    static func canonicalHeaders(_ headers: [SigningRequest.Header]) -> (String, String) {
        var merged: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if unsignedHeaders.contains(name) { continue }
            merged[name, default: []].append(collapseWhitespace(header.value))
        }
        let names = merged.keys.sorted()
        let lines = names.map { "\($0):\((merged[$0] ?? []).joined(separator: ","))\n" }.joined()
        return (lines, names.joined(separator: ";"))
    }

    static func collapseWhitespace(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
    }

    func credentialScope(_ stamp: String) -> String {
        "\(stamp.prefix(8))/\(region)/\(service)/aws4_request"
    }

    static func stringToSign(stamp: String, scope: String, canonicalRequest: String) -> String {
        [algorithm, stamp, scope, hexSHA256(Data(canonicalRequest.utf8))].joined(separator: "\n")
    }

    func sign(_ stringToSign: String, day: String) -> String {
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    public static func hexSHA256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC, computed without a formatter (not thread-safe on all platforms).
    public static func amzDate(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(parts.tm_year + 1900, 4) + pad(parts.tm_mon + 1, 2) + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + pad(parts.tm_min, 2) + pad(parts.tm_sec, 2) + "Z"
    }
}
