import AWSKit
import Foundation

/// Copies items from a table or a file into a DynamoDB table, then proves the copy.
///
/// - Before any write, the target's key schema is read (DescribeTable) and the source checked
///   against it: a source table must have the same keys; every record of a file must hold the key
///   attributes with their types.
/// - Each source partition (scan segment, file range) is read page by page; a page's items go out
///   in BatchWriteItem requests of 25, at most `concurrency` requests in flight across partitions.
/// - Only when every item of a page is acknowledged is the partition's position committed to the
///   checkpoint, together with the running count and digest of what it has read. A kill -9 at any
///   point redoes at most the pages not committed; their puts replace the same keys, so nothing is
///   duplicated, and nothing is counted that was not acknowledged.
/// - Verification reads back what was written: by default each page's keys right after its writes
///   (BatchGetItem, consistent reads), so the check runs alongside the copy and its result is
///   checkpointed with the page; `verify = .scan` scans the whole target instead (parallel segments),
///   which also finds items the source does not have. Either way the count and order-independent
///   digest (`ItemDigest`) of what was read back must equal those of the source as read.
public struct TableCopier: Sendable {
    public struct Options: Sendable {
        public var concurrency = 8
        /// Source pages being read at once, across partitions. A 1 MB page holds hundreds of items
        /// that take dozens of write requests, so a few readers keep the writers fed; more only make
        /// every partition's first page arrive at once (on a server that answers one request at a
        /// time, such as moto or dynamodb-local, all of them late) and the writers wait for it.
        public var readConcurrency = 2
        public var dryRun = false
        /// Scan segments used to read the target back with `.scan`.
        public var verifySegments = 4
        public var verify = Verification.readBack
        public init() {}
    }

    public enum Verification: String, Sendable, CaseIterable {
        /// Each page's items read back by key after it is written.
        case readBack = "readback"
        /// One Scan of the whole target at the end.
        case scan
        /// Nothing read back: every item acknowledged by BatchWriteItem, counted and digested as read
        /// from the source, and the run reported as not verified. For tables whose read-back costs
        /// more than the user wants to pay (read capacity), or to compare copy speed alone.
        case none
    }

    public var source: any ItemSource
    public var target: DynamoDBClient
    public var table: String
    /// For messages: where the target lives.
    public var targetEndpoint: String
    public var checkpoints: CheckpointStore
    public var options: Options

    public init(source: any ItemSource, target: DynamoDBClient, table: String, targetEndpoint: String,
                checkpoints: CheckpointStore, options: Options = Options()) {
        self.source = source
        self.target = target
        self.table = table
        self.targetEndpoint = targetEndpoint
        self.checkpoints = checkpoints
        self.options = options
    }

    /// What a partition has done, committed after each acknowledged page.
    struct PartitionProgress: Codable, Sendable {
        var cursor: String?
        var finished = false
        var digest = ItemDigest()
        /// What the read-back found of the pages committed so far (`.readBack`).
        var stored: ItemDigest?
    }

    public func run(progress: any MigrationProgress) async throws -> MigrationSummary {
        let started = Date()
        var summary = MigrationSummary(kind: "dynamodb", source: source.description, target: "dynamodb://\(table)")
        summary.dryRun = options.dryRun
        summary.checkpoint = checkpoints.path

        let keys = try await targetKeys()
        let fingerprint = try await source.fingerprint()
        let expected = try await source.prepare(keys: keys)
        var states = try loadProgress(fingerprint: fingerprint)
        let earlier = states.reduce(0) { $0 + $1.digest.count }
        progress.begin(kind: "dynamodb", items: expected ?? 0, bytes: 0)
        if options.dryRun {
            summary.items = expected ?? 0
            summary.skipped = earlier
            summary.notes = ["would copy \(expected.map(String.init) ?? "the") item(s) of \(source.description) into \(table) "
                + "(key: \(TableSource.describe(keys)))" + (earlier > 0 ? "; \(earlier) already copied by an earlier run" : "")]
            summary.durationSeconds = Date().timeIntervalSince(started)
            return summary
        }
        if earlier > 0 { progress.note("resuming: \(earlier) item(s) already copied by an earlier run") }

        let permits = RequestPermits(options.concurrency)
        let readers = RequestPermits(options.readConcurrency)
        let writer = BatchWriter(client: target, table: table)
        let tally = Tally(expected: expected)
        try await withThrowingTaskGroup(of: (Int, PartitionProgress).self) { group in
            for partition in states.indices where !states[partition].finished {
                let start = states[partition]
                group.addTask {
                    (partition, try await copyPartition(partition, from: start, keys: keys, fingerprint: fingerprint,
                                                        writer: writer, permits: permits, readers: readers, tally: tally, progress: progress))
                }
            }
            for try await (partition, state) in group { states[partition] = state }
        }
        try Task.checkCancellation()

        var read = ItemDigest()
        for state in states { read.merge(state.digest) }
        summary.items = read.count
        summary.copied = read.count - earlier
        summary.skipped = earlier
        summary.bytes = tally.bytes

        if options.verify == .none {
            summary.checksum = read.checksum
            summary.notes.append("not verified (--verify none): \(read.count) item(s) acknowledged by \(table), source digest \(read.checksum)")
            summary.durationSeconds = Date().timeIntervalSince(started)
            return summary
        }
        let stored: ItemDigest
        // A partition committed without a read-back (an earlier run with `.scan`) needs the Scan.
        if options.verify == .scan || states.contains(where: { $0.digest.count > 0 && $0.stored == nil }) {
            progress.note("verifying: scanning \(table) and comparing counts and digests")
            stored = try await scanTarget()
        } else {
            var found = ItemDigest()
            for state in states { found.merge(state.stored ?? ItemDigest()) }
            stored = found
        }
        summary.checksum = stored.checksum
        if stored == read {
            summary.verified = true
        } else {
            summary.failed = max(1, abs(stored.count - read.count))
            var why = "dynamodb://\(table) holds \(stored.count) item(s) (\(stored.checksum)); the source gave \(read.count) (\(read.checksum))"
            if stored.count > read.count { why += ": the table held other items, or the source names a key twice" } else if stored.count < read.count {
                why += ": items are missing, or the source names a key twice (the later record wins)"
            } else {
                why += ": some items differ"
            }
            summary.notes.append(why)
        }
        summary.durationSeconds = Date().timeIntervalSince(started)
        return summary
    }

    func targetKeys() async throws -> [DynamoDBClient.KeyAttribute] {
        let found: DynamoDBClient.TableDescription?
        do { found = try await target.describeTable(table) } catch {
            throw MigrationError.target("reading the table \(table) at \(targetEndpoint): \(error)")
        }
        guard let found else {
            throw MigrationError.target("the table \(table) does not exist at \(targetEndpoint) (deploy the stack first, or check --to and the region)")
        }
        return found.keySchema
    }

    static func partitionKey(_ partition: Int) -> String { "segment-\(partition)" }

    /// Each partition's committed progress; a partition recorded for another state of the source starts over.
    func loadProgress(fingerprint: String) throws -> [PartitionProgress] {
        let records = try checkpoints.allItems()
        return (0..<source.partitionCount).map { partition in
            guard let record = records[Self.partitionKey(partition)], record.sourceFingerprint == fingerprint,
                  let text = record.expected, var state = try? JSONDecoder().decode(PartitionProgress.self, from: Data(text.utf8)) else {
                return PartitionProgress()
            }
            state.finished = state.finished && record.state == .done
            return state
        }
    }

    func save(_ partition: Int, _ state: PartitionProgress, fingerprint: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: (try? encoder.encode(state)) ?? Data(), as: UTF8.self)
        let key = Self.partitionKey(partition)
        try checkpoints.recordIntent(key, sourceFingerprint: fingerprint, size: Int64(state.digest.count), expected: text)
        if state.finished { try checkpoints.markDone(key, expected: text) }
    }

    func copyPartition(_ partition: Int, from start: PartitionProgress, keys: [DynamoDBClient.KeyAttribute], fingerprint: String,
                       writer: BatchWriter, permits: RequestPermits, readers: RequestPermits, tally: Tally,
                       progress: any MigrationProgress) async throws -> PartitionProgress {
        var state = start
        guard !state.finished else { return state }
        let cursor = state.cursor
        var page = try await readers.withPermit { try await source.page(partition: partition, after: cursor, keys: keys) }
        while true {
            try Task.checkCancellation()
            // The next page is read while this one is written, so reads and writes overlap.
            let items = page.items
            let upcoming = page.next
            async let prefetched = nextPage(partition, after: upcoming, keys: keys, readers: readers)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for offset in stride(from: 0, to: items.count, by: BatchWriter.batchSize) {
                    let batch = Array(items[offset..<min(items.count, offset + BatchWriter.batchSize)])
                    group.addTask { _ = try await permits.withPermit { try await writer.put(batch, keys: keys) } }
                }
                try await group.waitForAll()
            }
            if options.verify == .readBack {
                let found = FoundItems()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for offset in stride(from: 0, to: items.count, by: BatchWriter.readBatchSize) {
                        let batch = Array(items[offset..<min(items.count, offset + BatchWriter.readBatchSize)])
                        group.addTask { found.add(try await permits.withPermit { try await writer.readBack(batch, keys: keys) }) }
                    }
                    try await group.waitForAll()
                }
                var storedDigest = state.stored ?? ItemDigest()
                for item in found.items { storedDigest.add(item) }
                state.stored = storedDigest
            }
            var pageDigest = ItemDigest()
            for item in items { pageDigest.add(item) }
            state.digest.merge(pageDigest)
            state.cursor = upcoming
            state.finished = upcoming == nil
            // Committed only now that DynamoDB acknowledged every item of the page.
            try save(partition, state, fingerprint: fingerprint)
            let total = tally.add(items: items.count, bytes: pageDigest.bytes)
            if !items.isEmpty {
                progress.note("copied \(items.count) item(s) from segment \(partition) (\(total) this run" + (tally.expected.map { " of \($0)" } ?? "") + ")")
            }
            guard let next = try await prefetched else { return state }
            page = next
        }
    }

    func nextPage(_ partition: Int, after cursor: String?, keys: [DynamoDBClient.KeyAttribute], readers: RequestPermits) async throws -> ItemPage? {
        guard let cursor else { return nil }
        return try await readers.withPermit { try await source.page(partition: partition, after: cursor, keys: keys) }
    }

    /// Reads the target back in parallel segments: its count and digest.
    func scanTarget() async throws -> ItemDigest {
        let segments = max(1, options.verifySegments)
        let client = target
        let table = table
        do {
            return try await withThrowingTaskGroup(of: ItemDigest.self) { group in
                for segment in 0..<segments {
                    group.addTask {
                        var digest = ItemDigest()
                        var start: DynamoDBItem?
                        repeat {
                            try Task.checkCancellation()
                            let page = try await client.scan(table: table, segment: segment, totalSegments: segments, startKey: start,
                                                             consistentRead: true)
                            for item in page.items { digest.add(item) }
                            start = page.lastEvaluatedKey
                        } while start != nil
                        return digest
                    }
                }
                var total = ItemDigest()
                for try await digest in group { total.merge(digest) }
                return total
            }
        } catch {
            throw MigrationError.wrap(error, source: false, "scanning \(table) at \(targetEndpoint) to verify")
        }
    }

    /// Items and bytes written in this run, shared by the partitions for progress lines.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var items = 0
        private var byteCount: Int64 = 0
        let expected: Int?
        init(expected: Int?) { self.expected = expected }
        func add(items count: Int, bytes: Int64) -> Int {
            lock.withLock { items += count; byteCount += bytes; return items }
        }
        var bytes: Int64 { lock.withLock { byteCount } }
    }
}

/// The items the concurrent read-back requests of one page found.
private final class FoundItems: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [DynamoDBItem] = []
    func add(_ items: [DynamoDBItem]) { lock.withLock { found += items } }
    var items: [DynamoDBItem] { lock.withLock { found } }
}
