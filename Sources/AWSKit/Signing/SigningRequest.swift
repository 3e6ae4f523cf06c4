import Crypto
import Foundation

/// The parts of an HTTP request that SigV4 reads. `path` and query items are *decoded* text: the signer
/// encodes them (once; S3 keys with `$` or spaces stay what the caller wrote).
public struct SigningRequest: Sendable, Equatable {
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) { self.name = name; self.value = value }
    }
    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) { self.name = name; self.value = value }
    }

    public var method: String
    public var path: String
    public var query: [QueryItem]
    public var headers: [Header]
    /// Hex SHA-256 of the body, or a literal such as `UNSIGNED-PAYLOAD`.
    public var payloadHash: String

    public init(method: String, path: String, query: [QueryItem] = [], headers: [Header] = [], body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = SigV4.hexSHA256(body)
    }

    public init(method: String, path: String, query: [QueryItem], headers: [Header], payloadHash: String) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
