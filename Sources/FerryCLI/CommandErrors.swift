import ArgumentParser
import AWSKit
import Deployer
import Foundation
import Verifier

/// Prints an AWS or deploy error plainly on stderr and maps it to the documented exit status.
enum CommandErrors {
    static func exit(for error: any Error) -> any Error {
        switch error {
        case let error as DeployError:
            printError(error.description)
            return ExitCode(error.exitCode)
        case let error as AWSServiceError:
            printError(error.description)
            return ExitCode(1)
        case let error as AWSClientError:
            printError(error.description)
            return ExitCode(1)
        case let error as VerifyError:
            printError(error.description)
            return ExitCode(1)
        case let error as CLIError:
            printError(error.description)
            if case .usage = error { return ExitCode(2) }
            return ExitCode(1)
        case is CancellationError:
            printError("interrupted")
            return ExitCode(130)
        default:
            return error
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}

/// Ctrl-C cancels the running task (which stops watching, never the deployment); a second Ctrl-C
/// exits at once.
enum Interrupts {
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await operation() }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let count = Counter()
        source.setEventHandler {
            if count.increment() > 1 { Foundation.exit(130) }
            task.cancel()
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try await task.value
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    }
}
