import AWSKit
import Foundation

/// Puts items into a table with BatchWriteItem, 25 a request. Items DynamoDB leaves unprocessed and
/// requests refused for throttling are sent again after an exponential backoff with full jitter; a
/// PutRequest of the same key replaces the item, so sending one twice never duplicates it.
struct BatchWriter: Sendable {
    var client: DynamoDBClient
    var table: String
    /// Retries of one batch before giving up (throttling that does not clear).
    var maxRetries = 12
    var baseDelay = 0.05
    var maxDelay = 5.0

    static let batchSize = 25

    /// Returns how many retries were needed.
    @discardableResult
    func put(_ items: [DynamoDBItem], keys: [DynamoDBClient.KeyAttribute]) async throws -> Int {
        var pending = Self.lastOfEachKey(items, keys: keys)
        var retries = 0
        while true {
            try Task.checkCancellation()
            do {
                pending = try await client.batchPut(table: table, items: pending)
                if pending.isEmpty { return retries }
            } catch {
                guard Self.isRetryable(error) else { throw MigrationError.wrap(error, source: false, "writing items to \(table)") }
            }
            retries += 1
            guard retries <= maxRetries else {
                throw MigrationError.target("writing items to \(table): \(pending.count) item(s) still unprocessed or throttled after \(maxRetries) retries; run the same command again to resume")
            }
            let ceiling = min(maxDelay, baseDelay * pow(2, Double(retries - 1)))
            try await Task.sleep(for: .milliseconds(Int(Double.random(in: 0...ceiling) * 1000)))
        }
    }

    static let readBatchSize = 100

    /// Reads the items of `keys` back (consistent reads, 100 a request), retrying unprocessed keys and
    /// throttling as `put` does; the items found, in no particular order.
    func readBack(_ items: [DynamoDBItem], keys: [DynamoDBClient.KeyAttribute]) async throws -> [DynamoDBItem] {
        var pending = Self.lastOfEachKey(items, keys: keys).map { item in item.filter { entry in keys.contains { $0.name == entry.key } } }
        var found: [DynamoDBItem] = []
        var retries = 0
        while !pending.isEmpty {
            try Task.checkCancellation()
            do {
                let answer = try await client.batchGet(table: table, keys: pending, consistentRead: true)
                found += answer.items
                if answer.unprocessed.isEmpty { return found }
                pending = answer.unprocessed
            } catch {
                guard Self.isRetryable(error) else { throw MigrationError.wrap(error, source: false, "reading items back from \(table)") }
            }
            retries += 1
            guard retries <= maxRetries else {
                throw MigrationError.target("reading items back from \(table): \(pending.count) key(s) still unprocessed or throttled after \(maxRetries) retries; run the same command again to resume")
            }
            let ceiling = min(maxDelay, baseDelay * pow(2, Double(retries - 1)))
            try await Task.sleep(for: .milliseconds(Int(Double.random(in: 0...ceiling) * 1000)))
        }
        return found
    }

    /// One request may not name a key twice; the later record wins, as a sequence of puts would.
    static func lastOfEachKey(_ items: [DynamoDBItem], keys: [DynamoDBClient.KeyAttribute]) -> [DynamoDBItem] {
        var seen = Set<[UInt8]>()
        var out: [DynamoDBItem] = []
        for item in items.reversed() where seen.insert(ItemDigest.key(item, keys: keys)).inserted { out.append(item) }
        return out.count == items.count ? items : out.reversed()
    }

    static func isRetryable(_ error: any Error) -> Bool {
        if let error = error as? AWSServiceError { return RetryStrategy.classify(error) != nil }
        if let error = error as? AWSClientError {
            switch error {
            case .retriesExhausted, .connection, .timedOut: return true
            default: return false
            }
        }
        return false
    }
}
