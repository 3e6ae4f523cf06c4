// Substring search on UTF-8 bytes for every module that reads the Blueprint.
//
// On Linux, Foundation's `StringProtocol.contains(_:)` and `range(of:)` bridge each call through
// NSString and UTF-16; planning a 57-service project made tens of thousands of such calls and
// spent most of its time there (docs/BENCHMARKS.md). ferry compares names, keys, URLs and image
// references: exact byte comparison is the meaning it wants, so these overloads, being more
// specific than Foundation's generic ones, take over every `contains("…")` on a string.

extension StringProtocol {
    /// True when `other` occurs in this string, compared byte for byte. Like Foundation, an empty
    /// `other` is not contained.
    @inlinable
    public func contains(_ other: String) -> Bool {
        byteRange(of: other) != nil
    }

    /// The UTF-8 offsets of the first occurrence of `other`, compared byte for byte.
    @inlinable
    public func byteRange(of other: String) -> Range<Int>? {
        guard !other.isEmpty else { return nil }
        var needle = other
        return needle.withUTF8 { n in
            if let found = utf8.withContiguousStorageIfAvailable({ ByteSearch.find(n, in: $0) }) { return found }
            return Array(utf8).withUnsafeBufferPointer { ByteSearch.find(n, in: $0) }
        }
    }

    /// The first occurrence of `other` as a range of this string's indices, compared byte for byte.
    @inlinable
    public func firstByteRange(of other: String) -> Range<Index>? {
        guard let r = byteRange(of: other) else { return nil }
        let lower = utf8.index(startIndex, offsetBy: r.lowerBound)
        return lower..<utf8.index(lower, offsetBy: r.count)
    }
}

public enum ByteSearch {
    /// First occurrence of `needle` in `haystack` (both non-empty for a hit).
    @inlinable
    public static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let n = needle.count, h = haystack.count
        guard n > 0, n <= h else { return nil }
        let first = needle[0]
        var i = 0
        let last = h - n
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < n && haystack[i + j] == needle[j] { j += 1 }
                if j == n { return i..<(i + n) }
            }
            i += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// Foundation's `trimmingCharacters(in: .whitespaces)` (Unicode spaces and tab, not newlines),
    /// without the round trip through NSString.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        guard let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
