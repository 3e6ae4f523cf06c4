import AWSKit
import Foundation

/// Items from a file: JSON lines (one record a line, blank lines ignored), or one JSON document that
/// is an array of records or a Firestore-style `{"documents": [...]}`. Records are plain JSON,
/// DynamoDB JSON or Firestore documents (`ItemFileFormat`). The file is read into memory once;
/// partitions are equal ranges of records, and a cursor is the index of the next record.
public struct ItemFileSource: ItemSource {
    public let path: String
    public let format: ItemFileFormat
    public let partitionCount: Int
    let pageSize: Int
    let bytes: [UInt8]
    let layout: Layout

    enum Layout: Sendable {
        /// Byte ranges and line numbers of the non-blank lines.
        case lines(starts: [Int], ends: [Int], numbers: [Int])
        case documents([JSONText])
    }

    public init(path: String, format: ItemFileFormat?, partitions: Int, pageSize: Int) throws {
        self.path = path
        self.pageSize = max(1, pageSize)
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw MigrationError.source("cannot read \(path): \(FileManager.default.fileExists(atPath: path) ? "\(error.localizedDescription)" : "no such file")")
        }
        var first = 0
        while first < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains(bytes[first]) { first += 1 }
        var layout = Layout.lines(starts: [], ends: [], numbers: [])
        if first < bytes.count {
            // One value followed by nothing but whitespace is a whole document; more after it: JSON lines.
            var parser = JSONTextParser(bytes: bytes, start: first, end: bytes.count, firstLine: 1)
            parser.line = 1 + bytes[0..<first].filter { $0 == 0x0A }.count
            parser.lineStart = (bytes[0..<first].lastIndex(of: 0x0A) ?? -1) + 1
            let isArray = bytes[first] == UInt8(ascii: "[")
            var whole: JSONText?
            if isArray {
                whole = try Self.parseWhole(bytes, path: path)
            } else if let value = try? parser.value() {
                parser.skipWhitespace()
                if parser.index >= bytes.count { whole = value }
            }
            if let whole {
                if case .array(let records) = whole { layout = .documents(records) } else if case .array(let documents)? = whole["documents"] {
                    layout = .documents(documents)
                } else {
                    layout = .documents([whole])
                }
            } else {
                layout = Self.lines(bytes)
            }
        }
        self.layout = layout
        let count: Int
        switch layout {
        case .lines(let starts, _, _): count = starts.count
        case .documents(let records): count = records.count
        }
        partitionCount = max(1, min(partitions, count))
        if let format {
            self.format = format
        } else {
            switch layout {
            case .lines(let starts, let ends, let numbers) where !starts.isEmpty:
                self.format = ItemFileFormat.detect(try Self.parseLine(bytes, start: starts[0], end: ends[0], line: numbers[0], path: path))
            case .documents(let records) where !records.isEmpty:
                self.format = ItemFileFormat.detect(records[0])
            default:
                self.format = .json
            }
        }
    }

    public var description: String { path }
    public var recordCount: Int {
        switch layout {
        case .lines(let starts, _, _): return starts.count
        case .documents(let records): return records.count
        }
    }

    static func parseWhole(_ bytes: [UInt8], path: String) throws -> JSONText {
        do { return try JSONTextParser.parse(bytes) } catch let error as JSONSyntaxError {
            throw MigrationError.source("\(path):\(error.line):\(error.column): \(error.reason)")
        }
    }

    static func lines(_ bytes: [UInt8]) -> Layout {
        var starts: [Int] = [], ends: [Int] = [], numbers: [Int] = []
        var start = 0
        var line = 1
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            if bytes[start..<end].contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) {
                starts.append(start); ends.append(end); numbers.append(line)
            }
            start = end + 1
            line += 1
        }
        return .lines(starts: starts, ends: ends, numbers: numbers)
    }

    static func parseLine(_ bytes: [UInt8], start: Int, end: Int, line: Int, path: String) throws -> JSONText {
        var parser = JSONTextParser(bytes: bytes, start: start, end: end, firstLine: line)
        do {
            let value = try parser.value()
            parser.skipWhitespace()
            if parser.index < end { throw parser.error("unexpected text after the record (one JSON value a line)") }
            return value
        } catch let error as JSONSyntaxError {
            throw MigrationError.source("\(path):\(error.line):\(error.column): \(error.reason)")
        }
    }

    public func fingerprint() async throws -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(bytes.count)@\(modified)"
    }

    /// Records `[lower, upper)` of the partition.
    func bounds(_ partition: Int) -> Range<Int> {
        let n = recordCount
        return (partition * n / partitionCount)..<((partition + 1) * n / partitionCount)
    }

    /// Reads every record once, so a bad record or a missing key stops the migration before any write.
    public func prepare(keys: [DynamoDBClient.KeyAttribute]) async throws -> Int? {
        for partition in 0..<partitionCount {
            var cursor: String?
            repeat {
                try Task.checkCancellation()
                cursor = try await page(partition: partition, after: cursor, keys: keys).next
            } while cursor != nil
        }
        return recordCount
    }

    public func page(partition: Int, after cursor: String?, keys: [DynamoDBClient.KeyAttribute]) async throws -> ItemPage {
        let range = bounds(partition)
        let from = cursor.flatMap(Int.init) ?? range.lowerBound
        let to = min(range.upperBound, from + pageSize)
        var items: [DynamoDBItem] = []
        items.reserveCapacity(max(0, to - from))
        let partitionKey = keys.first?.name ?? "id"
        for index in from..<max(from, to) {
            let record: JSONText
            let place: String
            switch layout {
            case .lines(let starts, let ends, let numbers):
                place = "\(path):\(numbers[index])"
                record = try Self.parseLine(bytes, start: starts[index], end: ends[index], line: numbers[index], path: path)
            case .documents(let records):
                place = "\(path): record \(index + 1)"
                record = records[index]
            }
            let item: DynamoDBItem
            do { item = try ItemConversion.item(record, format: format, partitionKey: partitionKey) } catch let error as ItemFormatError {
                throw MigrationError.source("\(place): \(error.reason) (read as \(format.rawValue))")
            }
            if let problem = ItemConversion.keyProblem(item, keys: keys) {
                throw MigrationError.source("\(place): \(problem); the target's key is \(TableSource.describe(keys))")
            }
            items.append(item)
        }
        return ItemPage(items: items, next: to < range.upperBound ? String(to) : nil)
    }
}
