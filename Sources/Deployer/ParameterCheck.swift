import AWSKit
import Foundation

/// What a template needs from `--parameters` that the deploy was not given, checked before anything is
/// created: a change set with a missing or malformed parameter fails only after CloudFormation has
/// made an empty stack record, and says less about what to give.
public struct ParameterNeed: Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        /// No value, no default, and no previous value on the stack.
        case missing
        /// The value does not match the parameter's AllowedPattern (the value itself is not kept).
        case malformed(constraint: String)
        /// The template declares no such parameter.
        case unknown
    }
    public var name: String
    public var problem: Problem
    /// The parameter's Description, to say what it is.
    public var description: String
}

public enum ParameterCheck {
    /// Problems with `given` against `template`; `previousKeys` are parameters the existing stack
    /// already has a value for (kept with UsePreviousValue).
    public static func problems(given: [CloudFormation.Parameter], template: TemplateDocument,
                                previousKeys: Set<String>) -> [ParameterNeed] {
        var out: [ParameterNeed] = []
        let declared = Set(template.parameterNames)
        let givenKeys = Set(given.map(\.key))
        for name in template.parameterNames where !givenKeys.contains(name) && !previousKeys.contains(name)
            && !template.parametersWithDefault.contains(name) {
            out.append(ParameterNeed(name: name, problem: .missing, description: template.parameterDescriptions[name] ?? ""))
        }
        for parameter in given where !declared.contains(parameter.key) {
            out.append(ParameterNeed(name: parameter.key, problem: .unknown, description: ""))
        }
        for parameter in given where declared.contains(parameter.key) {
            guard let value = parameter.value, let pattern = template.parameterPatterns[parameter.key] else { continue }
            // CloudFormation anchors AllowedPattern at both ends.
            guard let regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else { continue }
            let range = NSRange(value.startIndex..., in: value)
            if regex.firstMatch(in: value, range: range) == nil {
                out.append(ParameterNeed(name: parameter.key,
                                         problem: .malformed(constraint: template.parameterConstraints[parameter.key] ?? "AllowedPattern \(pattern)"),
                                         description: template.parameterDescriptions[parameter.key] ?? ""))
            }
        }
        return out.sorted { $0.name < $1.name }
    }

    /// The message for `problems`, with the generic way to give a value; callers add their own hints.
    public static func message(stack: String, _ problems: [ParameterNeed], hints: [String: [String]] = [:]) -> String {
        var lines = ["stack \(stack): the template's parameters are not complete; nothing was created or changed."]
        for need in problems {
            switch need.problem {
            case .missing:
                lines.append("  \(need.name) is required\(need.description.isEmpty ? "" : ": \(need.description)")")
            case .malformed(let constraint):
                lines.append("  \(need.name) is not valid: it must be \(constraint)")
            case .unknown:
                lines.append("  \(need.name) is not a parameter of this template")
            }
            for hint in hints[need.name] ?? [] { lines.append("      \(hint)") }
        }
        let missing = problems.filter { $0.problem != .unknown }.map(\.name)
        if !missing.isEmpty {
            let example = missing.map { "\"\($0)\": \"…\"" }.joined(separator: ", ")
            lines.append("Give values with --parameters '{\(example)}' (or a JSON file in either the object or the AWS CLI list form).")
        }
        return lines.joined(separator: "\n")
    }
}
