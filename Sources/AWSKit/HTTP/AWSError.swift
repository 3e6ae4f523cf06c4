import Foundation

/// An error AWS returned: its code, message and request id, printed the way the AWS CLI does:
/// `AccessDenied: User … is not authorized … (request id 1234, HTTP 403)`.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var requestID: String?
    public var statusCode: Int
    public var service: String
    public var operation: String

    public init(code: String, message: String, requestID: String?, statusCode: Int, service: String, operation: String) {
        self.code = code
        self.message = message
        self.requestID = requestID
        self.statusCode = statusCode
        self.service = service
        self.operation = operation
    }

    public var description: String {
        var text = "\(code): \(message.isEmpty ? "(no message)" : message)"
        var details = ["\(service) \(operation)", "HTTP \(statusCode)"]
        if let requestID, !requestID.isEmpty { details.append("request id \(requestID)") }
        text += " (" + details.joined(separator: ", ") + ")"
        return text
    }
}

/// Errors of the client itself, before or after AWS answered.
public enum AWSClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No credential source in the chain produced credentials.
    case noCredentials(String)
    /// A credential source is configured but broken (bad file, failed process, STS refused).
    case credentialSource(String)
    case noRegion
    case invalidEndpoint(String)
    case malformedResponse(String)
    /// The connection failed or dropped, after every retry.
    case connection(String)
    /// Retries ran out; `last` says what the final attempt saw.
    case retriesExhausted(attempts: Int, last: String)
    case timedOut(String)

    public var description: String {
        switch self {
        case .noCredentials(let detail):
            return "no AWS credentials found (\(detail)). Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, use --profile, or run inside AWS with a role."
        case .credentialSource(let detail): return "credentials: \(detail)"
        case .noRegion: return "no AWS region: pass --region, set AWS_REGION, or add `region` to your profile in ~/.aws/config"
        case .invalidEndpoint(let url): return "invalid endpoint URL '\(url)'"
        case .malformedResponse(let detail): return "unexpected response from AWS: \(detail)"
        case .connection(let detail): return "could not reach AWS: \(detail)"
        case .retriesExhausted(let attempts, let last): return "gave up after \(attempts) attempts: \(last)"
        case .timedOut(let detail): return "timed out: \(detail)"
        }
    }
}
