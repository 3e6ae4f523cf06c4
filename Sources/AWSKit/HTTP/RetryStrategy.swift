import Foundation

/// The AWS SDKs' "standard" retry mode: up to `maxAttempts` tries (3 unless `AWS_MAX_ATTEMPTS` or the
/// profile's `max_attempts` says otherwise) for throttling, transient errors, 5xx and dropped
/// connections, with exponential backoff and full jitter, drawn from a shared retry quota so a failing
/// service is not hammered by every caller at once.
public struct RetryStrategy: Sendable {
    public var maxAttempts: Int
    /// Delay before retry number `attempt` (1 = the first retry). Tests inject a tiny one.
    public var backoff: @Sendable (_ attempt: Int) -> Duration
    let quota: RetryQuota

    public init(maxAttempts: Int = 3, backoff: @escaping @Sendable (Int) -> Duration = RetryStrategy.fullJitter) {
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        self.quota = RetryQuota()
    }

    /// `random(0, 1) × 2^(attempt-1)` seconds, capped at 20 s (the standard mode's numbers).
    public static func fullJitter(_ attempt: Int) -> Duration {
        let ceiling = min(20.0, pow(2.0, Double(max(0, attempt - 1))))
        return .milliseconds(Int(Double.random(in: 0...1) * ceiling * 1000))
    }

    public enum Kind: Sendable, Equatable { case throttling, transient, timeout }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
        "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalError", "ServiceUnavailable"]
    static let transientStatus: Set<Int> = [500, 502, 503, 504]

    /// Why a failed attempt may be retried, or nil when retrying cannot help.
    public static func classify(_ error: AWSServiceError) -> Kind? {
        if throttlingCodes.contains(error.code) || error.statusCode == 429 { return .throttling }
        if transientCodes.contains(error.code) || transientStatus.contains(error.statusCode) { return .transient }
        return nil
    }
}

/// The token bucket behind standard-mode retries: 500 tokens; a retry costs 5 (10 after a timeout);
/// a success gives back what its retry cost, or 1 when it needed none.
actor RetryQuota {
    private var tokens = 500
    static let capacity = 500
    static let retryCost = 5
    static let timeoutCost = 10

    func acquire(kind: RetryStrategy.Kind) -> Int? {
        let cost = kind == .timeout ? Self.timeoutCost : Self.retryCost
        guard tokens >= cost else { return nil }
        tokens -= cost
        return cost
    }

    func succeeded(refund: Int?) {
        tokens = min(Self.capacity, tokens + (refund ?? 1))
    }

    var available: Int { tokens }
}
