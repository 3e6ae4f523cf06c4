import Foundation

/// One operation call before signing: the protocol layers build these, `AWSClient` sends them.
public struct AWSRequest: Sendable {
    public var service: AWSService
    /// The API operation, for error messages ("CloudFormation CreateChangeSet").
    public var operation: String
    public var method: String
    /// Decoded path; the client encodes it once (S3 keys keep `$`, spaces and the like intact).
    public var path: String
    public var query: [SigningRequest.QueryItem]
    public var headers: [SigningRequest.Header]
    public var body: Data
    /// Overrides the host (S3 virtual-hosted buckets); nil uses the endpoint's host.
    public var hostPrefix: String?
    /// Sent without a signature (STS AssumeRoleWithWebIdentity, whose token is the credential).
    public var unsigned = false

    public init(service: AWSService, operation: String, method: String = "POST", path: String = "/",
                query: [SigningRequest.QueryItem] = [], headers: [SigningRequest.Header] = [], body: Data = Data(),
                hostPrefix: String? = nil) {
        self.service = service
        self.operation = operation
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.hostPrefix = hostPrefix
    }
}
