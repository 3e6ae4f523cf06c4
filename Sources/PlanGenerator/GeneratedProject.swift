import Foundation

/// One generated Compose project: `compose.yaml` and the files beside it (`.env`, proxy configs,
/// Dockerfiles), with what the checks need to know about it.
public struct GeneratedProject: Sendable {
    public var seed: UInt64
    public var index: Int
    public var name: String
    public var compose: String
    /// Relative path → contents, written next to `compose.yaml`.
    public var files: [String: String]
    /// Profiles to load with (`["*"]` enables every one).
    public var profiles: [String]
    /// Literal secret values written in the compose or `.env` file; none may appear in any output.
    public var secretValues: [String]

    /// The prefix every generated secret literal starts with: fixtures reduced from a generated project
    /// keep it, so `secretLiterals(in:)` finds their secrets again.
    public static let secretPrefix = "s3cr3t-"

    /// Every `s3cr3t-…` token in `text`.
    public static func secretLiterals(in text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: secretPrefix) {
            let token = rest[range.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if token.count > secretPrefix.count + 3 { out.append(String(token)) }
            rest = rest[range.upperBound...]
        }
        return Array(Set(out)).sorted()
    }

    /// Writes the project under `directory` (created if missing).
    public func write(to directory: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(compose.utf8).write(to: directory.appendingPathComponent("compose.yaml"))
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }
    }

    /// Everything needed to reproduce a failure by hand: the seed, the index and every file.
    public var reproduction: String {
        var out = "generated project seed=\(seed) index=\(index) profiles=\(profiles)\n--- compose.yaml\n\(compose)"
        for (path, contents) in files.sorted(by: { $0.key < $1.key }) where !path.hasSuffix("Dockerfile") {
            out += "--- \(path)\n\(contents)"
            if !contents.hasSuffix("\n") { out += "\n" }
        }
        return out
    }
}
