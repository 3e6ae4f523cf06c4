import Blueprint
import Foundation

/// An image reference split into registry, repository path and tag, normalized so that
/// `docker.io/library/postgres:16-alpine`, `postgres:16-alpine` and `postgres` name the same
/// repository (`postgres`).
struct ImageReference: Equatable {
    var registry: String?
    /// Lowercased repository path without registry and without `library/` (`bitnami/postgresql`).
    var repository: String
    var tag: String?
    var digest: String?
    /// The last path component (`postgresql` for `bitnami/postgresql`).
    var name: String

    init?(_ raw: String) {
        var text = raw.trimmingWhitespace.lowercased()
        guard !text.isEmpty, !text.hasPrefix("$") else { return nil }
        if let at = text.firstIndex(of: "@") {
            digest = String(text[text.index(after: at)...])
            text = String(text[..<at])
        }
        var parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, let first = parts.first, first.contains(".") || first.contains(":") || first == "localhost" {
            registry = first
            parts.removeFirst()
        }
        // The tag is after the last colon of the last component (a registry port was removed above).
        if let last = parts.last, let colon = last.lastIndex(of: ":") {
            tag = String(last[last.index(after: colon)...])
            parts[parts.count - 1] = String(last[..<colon])
        }
        if parts.first == "library", parts.count > 1 { parts.removeFirst() }
        repository = parts.joined(separator: "/")
        if repository.isEmpty { return nil }
        name = repository.split(separator: "/").last.map(String.init) ?? repository
    }

    /// Whether `pattern` names this repository: an exact path (`postgis/postgis`), a last
    /// component (`postgres`), a path suffix, or a prefix ending in `*` (`timescale/timescaledb*`).
    func matches(_ pattern: String) -> Bool {
        if pattern.hasPrefix("*"), pattern.hasSuffix("*"), pattern.count > 2 {
            return repository.contains(String(pattern.dropFirst().dropLast()))
        }
        if pattern.hasSuffix("*") {
            let prefix = String(pattern.dropLast())
            return repository.hasPrefix(prefix) || name.hasPrefix(prefix)
        }
        return repository == pattern || name == pattern || repository.hasSuffix("/" + pattern)
    }

    /// The major version from the tag (`16` from `16.2-alpine`), nil for `latest` or no tag.
    var majorVersion: String? { versionComponents.first }

    /// `major.minor` when the tag has it.
    var majorMinorVersion: String? {
        let c = versionComponents
        return c.count >= 2 ? "\(c[0]).\(c[1])" : c.first
    }

    private var versionComponents: [String] {
        guard let tag else { return [] }
        let numeric = tag.drop { !$0.isNumber }
        let head = numeric.prefix { $0.isNumber || $0 == "." }
        return head.split(separator: ".").map(String.init).filter { !$0.isEmpty }
    }
}
