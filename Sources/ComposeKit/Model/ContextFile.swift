/// A file read from a service's local build context: a dependency manifest (`requirements.txt`,
/// `pyproject.toml`, `package.json`, `go.mod`) or a source file (`.py`, `.js`, `.ts`, `.go`). Not part of
/// the Compose model: evidence of what the code uses (cloud SDKs), read by `BuildContextFiles`.
public struct ContextFile: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case manifest, source }
    /// Path relative to the build context (`src/app/db.py`), `/`-separated.
    public var path: String
    public var kind: Kind
    public var text: String

    public init(path: String, kind: Kind, text: String) {
        self.path = path
        self.kind = kind
        self.text = text
    }
}
