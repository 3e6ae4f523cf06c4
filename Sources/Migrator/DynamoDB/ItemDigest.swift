import AWSKit
import Crypto
import Foundation

/// An order-independent fingerprint of a set of items: the count, and the sum modulo 2^256 of the
/// SHA-256 of each item's canonical encoding. A Scan returns items in any order, so source and target
/// are compared as sums; a sum (unlike XOR) does not cancel an item that appears twice.
public struct ItemDigest: Sendable, Equatable, Codable {
    public var count: Int = 0
    public var bytes: Int64 = 0
    /// Four 64-bit limbs, least significant first.
    var limbs: [UInt64] = [0, 0, 0, 0]

    public init() {}

    public mutating func add(_ item: DynamoDBItem) {
        let encoded = ItemDigest.canonical(item)
        add(digestOf: encoded)
        bytes += Int64(encoded.count)
    }

    mutating func add(digestOf encoded: [UInt8]) {
        let digest = Array(SHA256.hash(data: encoded))
        var carry: UInt64 = 0
        for limb in 0..<4 {
            var word: UInt64 = 0
            for byte in 0..<8 { word = word << 8 | UInt64(digest[31 - limb * 8 - (7 - byte)]) }
            let (partial, overflow1) = limbs[limb].addingReportingOverflow(word)
            let (sum, overflow2) = partial.addingReportingOverflow(carry)
            limbs[limb] = sum
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
        count += 1
    }

    public mutating func merge(_ other: ItemDigest) {
        var carry: UInt64 = 0
        for limb in 0..<4 {
            let (partial, overflow1) = limbs[limb].addingReportingOverflow(other.limbs[limb])
            let (sum, overflow2) = partial.addingReportingOverflow(carry)
            limbs[limb] = sum
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
        count += other.count
        bytes += other.bytes
    }

    /// `sha256-sum:<64 hex digits>`, most significant first.
    public var checksum: String {
        "sha256-sum:" + limbs.reversed().map { String(format: "%016llx", $0) }.joined()
    }

    /// A byte encoding in which equal items (as DynamoDB compares them) are equal: map keys sorted
    /// by their UTF-8 bytes, set members sorted and numbers normalized (`1.50`, `15e-1` → one form).
    public static func canonical(_ item: DynamoDBItem) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        encode(.m(item), into: &out)
        return out
    }

    static func encode(_ value: AttributeValue, into out: inout [UInt8]) {
        func text(_ s: String) {
            let utf8 = Array(s.utf8)
            out.append(contentsOf: Array(String(utf8.count).utf8)); out.append(0x3A); out.append(contentsOf: utf8)
        }
        func data(_ d: Data) {
            out.append(contentsOf: Array(String(d.count).utf8)); out.append(0x3A); out.append(contentsOf: d)
        }
        func tag(_ t: String, count: Int? = nil) {
            out.append(contentsOf: Array(t.utf8))
            if let count { out.append(contentsOf: Array(String(count).utf8)); out.append(0x3A) }
        }
        switch value {
        case .s(let s): tag("S"); text(s)
        case .n(let n): tag("N"); text(canonicalNumber(n))
        case .b(let b): tag("B"); data(b)
        case .bool(let b): tag(b ? "T" : "F")
        case .null: tag("0")
        case .m(let map):
            tag("M", count: map.count)
            for key in map.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                text(key)
                encode(map[key]!, into: &out)
            }
        case .l(let list):
            tag("L", count: list.count)
            for element in list { encode(element, into: &out) }
        case .ss(let set):
            let sorted = Set(set).map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
            tag("SS", count: sorted.count)
            for member in sorted { out.append(contentsOf: Array(String(member.count).utf8)); out.append(0x3A); out.append(contentsOf: member) }
        case .ns(let set):
            let sorted = Set(set.map(canonicalNumber)).sorted()
            tag("NS", count: sorted.count)
            for member in sorted { text(member) }
        case .bs(let set):
            let sorted = Set(set).map { Array($0) }.sorted { $0.lexicographicallyPrecedes($1) }
            tag("BS", count: sorted.count)
            for member in sorted { data(Data(member)) }
        }
    }

    /// `[-]DIGITS e EXPONENT` with no leading or trailing zeros in DIGITS; the text itself when it is
    /// not a decimal number (DynamoDB would refuse it anyway).
    static func canonicalNumber(_ text: String) -> String {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() } else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var exponent = 0
        var seenPoint = false
        var seenDigit = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let c = bytes[index]
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) {
                digits.append(c); seenDigit = true
                if seenPoint { exponent -= 1 }
            } else if c == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                guard seenDigit, let e = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)) else { return text }
                exponent += e
                break
            } else {
                return text
            }
            index += 1
        }
        guard seenDigit else { return text }
        while digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        if digits.isEmpty { return "0" }
        while digits.last == UInt8(ascii: "0") { digits.removeLast(); exponent += 1 }
        return (negative ? "-" : "") + String(decoding: digits, as: UTF8.self) + "e" + String(exponent)
    }

    /// The key attributes alone, encoded: equal for two items with the same primary key.
    static func key(_ item: DynamoDBItem, keys: [DynamoDBClient.KeyAttribute]) -> [UInt8] {
        var out: [UInt8] = []
        for key in keys { if let value = item[key.name] { encode(value, into: &out) } else { out.append(0x2D) } }
        return out
    }
}
