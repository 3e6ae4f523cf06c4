import Foundation

/// Something that yields credentials, refreshing them when needed.
public protocol AWSCredentialProvider: Sendable {
    func credentials() async throws -> AWSCredentials
}

/// Fixed credentials (tests, and callers that resolved them elsewhere).
public struct StaticCredentialProvider: AWSCredentialProvider {
    public let value: AWSCredentials
    public init(_ value: AWSCredentials) { self.value = value }
    public func credentials() async throws -> AWSCredentials { value }
}

/// One source of the chain. `nil` means "not configured here, try the next source"; a thrown error
/// means the source is configured but broken, which stops the chain as the AWS CLI does (silently
/// falling through to another identity would deploy with the wrong account).
protocol CredentialSource: Sendable {
    var name: String { get }
    func load() async throws -> AWSCredentials?
}

/// Caches what a provider returns until five minutes before it expires; concurrent callers share one
/// refresh.
public actor CachingCredentialProvider: AWSCredentialProvider {
    private let load: @Sendable () async throws -> AWSCredentials
    private var cached: AWSCredentials?
    private var inFlight: Task<AWSCredentials, any Error>?

    public init(_ load: @escaping @Sendable () async throws -> AWSCredentials) { self.load = load }

    public func credentials() async throws -> AWSCredentials {
        if let cached, !cached.isExpiring() { return cached }
        if let inFlight { return try await inFlight.value }
        let task = Task { try await load() }
        inFlight = task
        defer { inFlight = nil }
        let value = try await task.value
        cached = value
        return value
    }
}
