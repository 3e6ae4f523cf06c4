/// Where a piece of evidence was written: file, 1-based line and column. Mirrors
/// ComposeKit's `SourceLocation` so the Blueprint does not depend on the loader.
public struct SourcePosition: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One fact a decision rests on: a compose key path (`services.web.environment.PORT`),
/// the value found there and where it was written. `value` is nil or redacted when the
/// value is secret: evidence never carries a secret.
public struct Evidence: Sendable, Codable, Equatable, Hashable {
    /// Compose key path, e.g. `services.api.image` or `x-ferry.tier`.
    public var path: String
    /// The value seen (redacted for secrets), or nil when the key's presence is the evidence.
    public var value: String?
    public var position: SourcePosition?

    public init(path: String, value: String? = nil, position: SourcePosition? = nil) {
        self.path = path
        self.value = value
        self.position = position
    }
}

/// How a decision was reached, from weakest to strongest.
public enum DecisionSource: String, Sendable, Codable, Equatable, CaseIterable {
    /// Nothing pointed anywhere: ferry's default for the tier.
    case `default`
    /// The tier (`dev`, `mvp`, `prod`) chose it.
    case tier
    /// Inferred from the compose files (image, env, ports, healthchecks, who calls whom).
    case inferred
    /// An explicit `x-ferry` or `x-aws-*` key, or a command-line option.
    case override
}

/// A choice considered and not taken, with why not.
public struct Alternative: Sendable, Codable, Equatable {
    public var choice: String
    public var whyNot: String
    public init(choice: String, whyNot: String) {
        self.choice = choice
        self.whyNot = whyNot
    }
}

/// One explained choice about an element: what was decided (`topic`, `choice`), why
/// (`reason`, `evidence`), what else was possible, and the override key that changes it.
/// Every Blueprint element carries its decisions so `plan`, the guide and reviews can show them.
public struct Decision: Sendable, Codable, Equatable {
    /// What the decision is about: `role`, `target`, `size`, `engine`, `public`, `scaling`, ...
    public var topic: String
    /// The value chosen, in plan vocabulary (`web`, `aurora-postgresql`, `512/1024`).
    public var choice: String
    /// One sentence a person can read.
    public var reason: String
    public var source: DecisionSource
    public var evidence: [Evidence]
    public var alternatives: [Alternative]
    /// The key that overrides this decision, e.g. `x-ferry.role` or `x-ferry.database.engine`.
    public var overrideKey: String?
    /// The planner rule that made the decision (`PostgresToRDS`, `PublicWebRole`, ...).
    public var rule: String?

    public init(topic: String, choice: String, reason: String, source: DecisionSource = .inferred,
                evidence: [Evidence] = [], alternatives: [Alternative] = [], overrideKey: String? = nil,
                rule: String? = nil) {
        self.topic = topic
        self.choice = choice
        self.reason = reason
        self.source = source
        self.evidence = evidence
        self.alternatives = alternatives
        self.overrideKey = overrideKey
        self.rule = rule
    }
}
