import AWSKit
import Foundation

/// What went wrong, naming what and where. A value is never part of the message.
public enum MigrationError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The source cannot be read (unreachable, wrong credentials, missing bucket or file).
    case source(String)
    /// The destination refused or is missing.
    case target(String)
    /// The checkpoint under `.ferry/migrations/` cannot be read or written.
    case checkpoint(path: String, detail: String)
    /// The copy does not match its source.
    case verification(String)
    /// The command line or project does not say enough.
    case usage(String)

    public var description: String {
        switch self {
        case .source(let m): return "source: \(m)"
        case .target(let m): return "destination: \(m)"
        case .checkpoint(let path, let detail): return "checkpoint \(path): \(detail)"
        case .verification(let m): return "verification failed: \(m)"
        case .usage(let m): return m
        }
    }

    public var exitCode: Int32 { if case .usage = self { return 2 }; return 1 }

    /// The error's message for a note: a MigrationError without its side prefix, anything else as it says.
    public static func brief(_ error: any Error) -> String {
        guard let error = error as? MigrationError else { return "\(error)" }
        switch error {
        case .source(let m), .target(let m), .verification(let m), .usage(let m): return m
        case .checkpoint: return error.description
        }
    }

    /// Wraps an AWS error with the side and the thing it concerned.
    static func wrap(_ error: any Error, source: Bool, _ what: String) -> any Error {
        if error is MigrationError || error is CancellationError { return error }
        let text = "\(what): \(error)"
        return source ? MigrationError.source(text) : MigrationError.target(text)
    }
}
