import Foundation

/// One file of an AWS-native migration path: a CloudFormation template or a CLI input document.
public struct NativeArtifact: Sendable, Equatable, Codable {
    /// The file name the commands use, e.g. `dms-orders.template.json`.
    public var fileName: String
    /// Deterministic, byte-stable text ending with a newline. Never holds a secret value.
    public var contents: String

    public init(fileName: String, contents: String) {
        self.fileName = fileName
        self.contents = contents
    }
}

/// The AWS-native path for a migration too big for one machine: the artifacts to write to a
/// directory and the shell commands, run from that directory, that carry the migration out.
public struct NativePlan: Sendable, Equatable, Codable {
    /// `objects`, `dynamodb`, `postgres` or `mysql`.
    public var kind: String
    /// The AWS service doing the work, e.g. `AWS DMS (full load + CDC)`.
    public var service: String
    public var artifacts: [NativeArtifact]
    /// Shell commands in order; they name artifacts by `fileName` and read secrets from the
    /// environment or a hidden prompt, never from the command line.
    public var commands: [String]
    /// Prerequisites and trade-offs, one sentence each.
    public var notes: [String]

    public init(kind: String, service: String, artifacts: [NativeArtifact], commands: [String], notes: [String]) {
        self.kind = kind
        self.service = service
        self.artifacts = artifacts
        self.commands = commands
        self.notes = notes
    }
}

/// Generators of AWS-native migration paths; each path lives in its own file as an extension.
/// They are pure functions of their input: no I/O, no clock, no randomness.
public enum NativePath {}

// MARK: - Shared helpers

/// A JSON document built with literals and encoded with sorted keys, so artifacts are byte-stable.
indirect enum NativeJSON: Encodable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case array([NativeJSON])
    case object([String: NativeJSON])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: NativeJSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, NativeJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .string(s): try c.encode(s)
        case let .int(i): try c.encode(i)
        case let .bool(b): try c.encode(b)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }

    /// Pretty (2-space), sorted keys, slashes unescaped, newline-terminated.
    func rendered() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers, booleans, arrays and objects does not fail.
        guard let data = try? encoder.encode(self) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Compact with sorted keys: for JSON carried inside a string property (DMS table mappings).
    func compact() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self)
    }

    // CloudFormation intrinsics.
    static func ref(_ name: String) -> NativeJSON { ["Ref": .string(name)] }
    static func getAtt(_ resource: String, _ attribute: String) -> NativeJSON { ["Fn::GetAtt": [.string(resource), .string(attribute)]] }
    /// `Fn::Sub`, or the plain string when there is nothing to substitute (cfn-lint W1020).
    static func sub(_ text: String) -> NativeJSON { text.contains("${") ? ["Fn::Sub": .string(text)] : .string(text) }
}

enum NativeShell {
    /// Quotes `word` for a POSIX shell unless it is made only of characters that need no quoting.
    static func quote(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,@%+")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\"'\"'") + "'"
    }

    /// A command substitution reading one output of a deployed stack.
    static func stackOutput(_ stack: String, _ output: String) -> String {
        "\"$(aws cloudformation describe-stacks --stack-name \(quote(stack)) --query \"Stacks[0].Outputs[?OutputKey=='\(output)'].OutputValue\" --output text)\""
    }

    /// `aws cloudformation deploy` with one `Key=Value` override per line, in the given order.
    static func deploy(template: String, stack: String, capabilities: String?, overrides: [String]) -> String {
        var lines = ["aws cloudformation deploy --template-file \(quote(template)) --stack-name \(quote(stack))"]
        if let capabilities { lines.append("  --capabilities \(capabilities)") }
        if !overrides.isEmpty {
            lines.append("  --parameter-overrides")
            lines += overrides.map { "    \($0)" }
        }
        return lines.joined(separator: " \\\n")
    }

    /// A stack name fragment from a logical name: letters, digits and hyphens only.
    static func slug(_ name: String) -> String {
        let mapped = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(mapped).split(separator: "-").joined(separator: "-")
    }
}

extension NativeJSON {
    /// An IAM role that the AWS service `principal` assumes under `condition` (a confused-deputy
    /// guard), with one inline policy of `statements`.
    static func serviceRole(principal: String, condition: NativeJSON, policyName: String, statements: [NativeJSON]) -> NativeJSON {
        [
            "Type": "AWS::IAM::Role",
            "Properties": [
                "AssumeRolePolicyDocument": [
                    "Version": "2012-10-17",
                    "Statement": [["Effect": "Allow", "Principal": ["Service": .string(principal)], "Action": "sts:AssumeRole", "Condition": condition]],
                ],
                "Policies": [["PolicyName": .string(policyName), "PolicyDocument": ["Version": "2012-10-17", "Statement": .array(statements)]]],
            ],
        ]
    }
}
