import Foundation

/// `s3://BUCKET[/PREFIX]` or a directory, as written on the command line.
public enum ObjectLocation: Sendable, Equatable, CustomStringConvertible {
    case bucket(name: String, prefix: String)
    case directory(String)

    /// Parses `s3://bucket/prefix` (a prefix gets a trailing `/`) or a directory path.
    public static func parse(_ text: String) throws -> ObjectLocation {
        if text.hasPrefix("s3://") {
            let rest = text.dropFirst(5)
            let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let bucket = String(parts.first ?? "")
            guard bucket.count >= 3, bucket.count <= 63,
                  bucket.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }) else {
                throw MigrationError.usage("'\(text)' does not name an S3 bucket (s3://BUCKET[/PREFIX], 3–63 lowercase letters, digits, - or .)")
            }
            var prefix = parts.count > 1 ? String(parts[1]) : ""
            if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
            return .bucket(name: bucket, prefix: prefix)
        }
        guard !text.isEmpty else { throw MigrationError.usage("an empty location: pass a directory or s3://BUCKET[/PREFIX]") }
        return .directory(text)
    }

    public var description: String {
        switch self {
        case .bucket(let name, let prefix): return "s3://\(name)/\(prefix)"
        case .directory(let path): return path
        }
    }
}
