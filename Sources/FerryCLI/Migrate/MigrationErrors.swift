import ArgumentParser
import Foundation
import Migrator

extension CommandErrors {
    /// Migration errors print as `error: …` with exit 1 (2 for usage); an interruption says how to resume.
    static func migration(_ error: any Error, checkpoint: String?) -> any Error {
        switch error {
        case let error as MigrationError:
            printError(error.description)
            return ExitCode(error.exitCode)
        case is CancellationError:
            printError("interrupted: run the same command again to resume" + (checkpoint.map { " (checkpoint \($0))" } ?? ""))
            return ExitCode(130)
        default:
            return exit(for: error)
        }
    }
}
