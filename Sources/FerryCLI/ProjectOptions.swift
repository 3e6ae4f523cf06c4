import ArgumentParser

/// Docker Compose's project flags, with the same names and meanings.
public struct ProjectOptions: ParsableArguments, Sendable {
    @Option(name: [.customShort("f"), .customLong("file")], help: "Compose configuration file (repeatable).")
    public var files: [String] = []

    @Option(name: .customLong("project-directory"), help: "Alternate working directory (default: the first file's directory).")
    public var projectDirectory: String?

    @Option(name: [.customShort("p"), .customLong("project-name")], help: "Project name.")
    public var projectName: String?

    @Option(name: .customLong("env-file"), help: "Alternate environment file (repeatable).")
    public var envFiles: [String] = []

    @Option(name: .customLong("profile"), help: "Enable a profile (repeatable; '*' enables all).")
    public var profiles: [String] = []

    public init() {}
}
