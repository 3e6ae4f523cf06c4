import ArgumentParser
import ComposeKit
import Foundation

extension ProjectOptions {
    /// The load options these flags mean, with the process environment and working
    /// directory, as `docker compose` reads them.
    public var loadOptions: LoadOptions {
        LoadOptions(files: files, projectDirectory: projectDirectory, projectName: projectName, envFiles: envFiles,
                    profiles: profiles, environment: ProcessInfo.processInfo.environment,
                    currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// These flags with any given after the subcommand taking precedence, so both
    /// `ferry -f x.yaml plan` and `ferry plan -f x.yaml` work.
    public func overridden(by local: ProjectOptions) -> ProjectOptions {
        var o = self
        if !local.files.isEmpty { o.files = local.files }
        if let d = local.projectDirectory { o.projectDirectory = d }
        if let n = local.projectName { o.projectName = n }
        if !local.envFiles.isEmpty { o.envFiles = local.envFiles }
        if !local.profiles.isEmpty { o.profiles = local.profiles }
        return o
    }

    /// Loads the project the flags describe. Prints nothing; a load failure is thrown as
    /// a `CLIError` (exit 1, `file:line:column: message`).
    public func loadProject() throws -> Project {
        do {
            return try ComposeLoader.load(loadOptions)
        } catch let error as ComposeError {
            throw CLIError.input(error.description)
        }
    }
}

/// ferry's exit-code convention, shared by every command: bad input or failing findings
/// exit 1 with the message on stderr (`file:line:column: message` when a place is known);
/// usage errors exit 2.
public enum CLIError: Error, CustomStringConvertible, Equatable {
    /// The input (compose files, env files, overrides) is wrong, or findings fail: exit 1.
    case input(String)
    /// The command line is wrong: exit 2.
    case usage(String)

    public var description: String {
        switch self {
        case .input(let m), .usage(let m): return m
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .input: return 1
        case .usage: return 2
        }
    }

    /// Runs `body`, turning errors into ferry's convention: message to stderr (prefixed
    /// `ferry: ` when it carries no position) and `ExitCode(1 or 2)`.
    public static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CLIError {
            CLIError.printError(error.description)
            throw ExitCode(error.exitCode)
        } catch let error as ComposeError {
            CLIError.printError(error.description)
            throw ExitCode(1)
        }
    }

    /// Async variant of `reporting`.
    public static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CLIError {
            CLIError.printError(error.description)
            throw ExitCode(error.exitCode)
        } catch let error as ComposeError {
            CLIError.printError(error.description)
            throw ExitCode(1)
        }
    }

    public static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Prints the loader's warnings and notices to stderr (`file:line:column: warning: ...`).
    public static func printDiagnostics(_ project: Project, includeNotices: Bool = false) {
        for d in project.diagnostics where d.severity != .notice || includeNotices {
            printError(d.description)
        }
    }
}
