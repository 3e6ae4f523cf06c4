import ArgumentParser
import Foundation

/// The root command. Project options come before the subcommand, as with `docker compose`:
/// `ferry -f compose.yaml --profile '*' plan`. Subcommands reach them through `@ParentCommand`.
public struct Ferry: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ferry",
        abstract: "Move a Docker Compose application to production on AWS.",
        version: "0.1.0",
        subcommands: FerryCommands.all
    )

    @OptionGroup public var project: ProjectOptions

    public init() {}
}

/// Every subcommand, one line each (keep sorted by the order a user meets them).
enum FerryCommands {
    static let all: [any ParsableCommand.Type] = [
        ConfigCommand.self,
        PlanCommand.self,
        GenerateCommand.self,
        CostCommand.self,
        CheckCommand.self,
        GuideCommand.self,
        DiagramCommand.self,
        DeployCommand.self,
        StatusCommand.self,
        VerifyCommand.self,
        LogsCommand.self,
        RollbackCommand.self,
        RunCommand.self,
        MigrateCommand.self,
        IoTCommand.self,
        DestroyCommand.self,
    ]
}

extension Ferry {
    /// The `ferry` executable's entry point. It runs the parsed command the way
    /// `AsyncParsableCommand.main()` does, called explicitly: from top-level code the
    /// compiler picks `ParsableCommand`'s synchronous `main()`, which refuses an async root.
    public static func start() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // ferry's convention: usage errors exit 2 (ArgumentParser uses 64).
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
