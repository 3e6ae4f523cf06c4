/// The normalized Compose project: what `docker compose config` prints, plus source
/// positions and the diagnostics the loader produced. Plain values, no I/O.
public struct Project: Sendable, Equatable {
    /// Project name (from `--project-name`, `COMPOSE_PROJECT_NAME`, `name:` or the directory).
    public var name: String
    /// Absolute project directory: relative paths in the model were resolved against it.
    public var workingDirectory: String
    /// Files loaded, in merge order (absolute paths), including included files.
    public var composeFiles: [String]
    /// Enabled services, sorted by name.
    public var services: [Service]
    /// Services defined but not enabled by the active profiles, sorted by name.
    public var disabledServices: [Service]
    public var networks: [String: Network]
    public var volumes: [String: Volume]
    public var secrets: [String: FileObject]
    public var configs: [String: FileObject]
    /// Top-level `x-` fields (interpolated), e.g. `x-ferry`, `x-aws-vpc`.
    public var extensions: [String: ComposeValue]
    /// Every notice, warning and dropped key the loader produced, in a stable order.
    public var diagnostics: [Diagnostic]
    /// The resolved interpolation environment: variable name → whether it came from the
    /// shell, `.env`/`--env-file`, or was unset. Values are deliberately not kept here.
    public var variableOrigins: [String: VariableOrigin]

    public init(name: String, workingDirectory: String, composeFiles: [String] = [], services: [Service] = [],
                disabledServices: [Service] = [], networks: [String: Network] = [:], volumes: [String: Volume] = [:],
                secrets: [String: FileObject] = [:], configs: [String: FileObject] = [:],
                extensions: [String: ComposeValue] = [:], diagnostics: [Diagnostic] = [],
                variableOrigins: [String: VariableOrigin] = [:]) {
        self.name = name
        self.workingDirectory = workingDirectory
        self.composeFiles = composeFiles
        self.services = services
        self.disabledServices = disabledServices
        self.networks = networks
        self.volumes = volumes
        self.secrets = secrets
        self.configs = configs
        self.extensions = extensions
        self.diagnostics = diagnostics
        self.variableOrigins = variableOrigins
    }

    public func service(named name: String) -> Service? { services.first { $0.name == name } }
}

public enum VariableOrigin: String, Sendable, Codable, Equatable {
    case shell, envFile, unset
}

public struct Network: Sendable, Equatable {
    public var name: String?
    public var driver: String?
    public var external: Bool
    public var isInternal: Bool
    public var location: SourceLocation?
    public init(name: String? = nil, driver: String? = nil, external: Bool = false, isInternal: Bool = false, location: SourceLocation? = nil) {
        self.name = name; self.driver = driver; self.external = external; self.isInternal = isInternal; self.location = location
    }
}

public struct Volume: Sendable, Equatable {
    public var name: String?
    public var driver: String?
    public var external: Bool
    public var location: SourceLocation?
    public init(name: String? = nil, driver: String? = nil, external: Bool = false, location: SourceLocation? = nil) {
        self.name = name; self.driver = driver; self.external = external; self.location = location
    }
}

/// A top-level `secrets:` or `configs:` entry.
public struct FileObject: Sendable, Equatable {
    public var file: String?          // absolute path
    public var environment: String?   // variable name
    public var content: Bool          // `content:` given inline (its text is not kept)
    public var external: Bool
    public var name: String?
    public var location: SourceLocation?
    public init(file: String? = nil, environment: String? = nil, content: Bool = false, external: Bool = false, name: String? = nil, location: SourceLocation? = nil) {
        self.file = file; self.environment = environment; self.content = content; self.external = external; self.name = name; self.location = location
    }
}

/// A loader message. `severity` `.error` never appears in a loaded Project (errors throw).
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case notice, warning, error }
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// For keys ComposeKit reads but that will not carry over, the key path (`services.web.tty`).
    public var keyPath: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil, keyPath: String? = nil) {
        self.severity = severity; self.message = message; self.location = location; self.keyPath = keyPath
    }

    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(severity.rawValue): \(message)"
    }
}
