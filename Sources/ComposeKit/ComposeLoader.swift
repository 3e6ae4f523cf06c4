/// Options of a load: Docker Compose's CLI flags plus the process environment.
public struct LoadOptions: Sendable {
    /// `-f` files in order; empty: discover compose.yaml & co. in `projectDirectory` or the working directory.
    public var files: [String]
    public var projectDirectory: String?
    public var projectName: String?
    /// `--env-file` files; empty: `.env` in the project directory when present.
    public var envFiles: [String]
    /// `--profile` values (plus `COMPOSE_PROFILES`); `*` enables all.
    public var profiles: [String]
    /// The shell environment (wins over env files). Defaults to the process environment.
    public var environment: [String: String]
    /// The directory relative paths in `files` are resolved against.
    public var currentDirectory: String?
    /// What `-f -` reads; nil: the process's standard input.
    public var standardInput: String?

    public init(files: [String] = [], projectDirectory: String? = nil, projectName: String? = nil,
                envFiles: [String] = [], profiles: [String] = [], environment: [String: String]? = nil,
                currentDirectory: String? = nil) {
        self.files = files; self.projectDirectory = projectDirectory; self.projectName = projectName
        self.envFiles = envFiles; self.profiles = profiles
        self.environment = environment ?? [:]
        self.currentDirectory = currentDirectory
    }
}

/// A load failure: a message and, when known, where. `description` is `file:line:column: message`.
public struct ComposeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?
    public init(_ message: String, at location: SourceLocation? = nil) { self.message = message; self.location = location }
    public var description: String { location.map { "\($0): \(message)" } ?? message }
}
