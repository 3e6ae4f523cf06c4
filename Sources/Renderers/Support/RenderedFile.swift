/// One file a renderer produces, with its path relative to the output directory. Renderers return
/// files and never write them: `ferry generate` does the I/O.
public struct RenderedFile: Sendable, Equatable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
