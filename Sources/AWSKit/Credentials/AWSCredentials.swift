import Foundation

/// An access key pair with an optional session token. Its `description` never shows the secret or
/// the token, so printing a value (in an error, a log line or a debugger) cannot leak them.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?
    /// Where the chain found them (e.g. "environment", "profile default"), for `--debug`-style messages.
    public var source: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil,
                expiration: Date? = nil, source: String = "static") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    /// True when the credentials expire within `margin` seconds of `now`.
    public func isExpiring(within margin: TimeInterval = 300, now: Date = Date()) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) < margin
    }

    public var description: String {
        "AWSCredentials(accessKeyID: \(Self.redactedKeyID(accessKeyID)), secret: <redacted>, source: \(source))"
    }
    public var debugDescription: String { description }

    /// The first four characters of a key id, enough to tell keys apart, never enough to use one.
    public static func redactedKeyID(_ id: String) -> String {
        id.count <= 4 ? "****" : String(id.prefix(4)) + "****"
    }
}
