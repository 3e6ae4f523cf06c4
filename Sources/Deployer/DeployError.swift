import AWSKit

/// What can stop a deploy, status or destroy, each with the message a user needs to act on it.
public enum DeployError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template, parameters or flags are wrong (exit 1).
    case badInput(String)
    /// ferry would not proceed without an explicit yes (exit 1).
    case refused(String)
    /// The stack is in a state a deploy cannot start from (exit 1).
    case stackBusy(String)
    case changeSetFailed(String)
    /// The deployment ran and failed; the stack is left as it is for inspection (exit 1).
    case deploymentFailed(String)
    /// Ctrl-C: we stopped watching; AWS goes on (exit 130).
    case interrupted(String)
    case stackNotFound(String)
    case timedOut(String)
    /// Parameters missing, malformed or unknown, found before anything was created (exit 2).
    case incompleteParameters(stack: String, [ParameterNeed])

    public var description: String {
        switch self {
        case .badInput(let m), .refused(let m), .stackBusy(let m), .changeSetFailed(let m), .deploymentFailed(let m),
             .interrupted(let m), .timedOut(let m):
            return m
        case .stackNotFound(let name):
            return "stack '\(name)' does not exist (check --stack-name and --region)"
        case .incompleteParameters(let stack, let needs):
            return ParameterCheck.message(stack: stack, needs)
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .interrupted: return 130
        case .incompleteParameters: return 2
        default: return 1
        }
    }
}
