/// Stage 2: substitutes variables in every scalar value of a parsed file (keys are left
/// alone, as Compose does). Each changed scalar keeps its template and references so
/// the planner can tell a value typed in `.env` from a default written in the file.
struct InterpolationStage {
    let environment: InterpolationEnvironment
    var diagnostics: [Diagnostic] = []
    private var warned: Set<String> = []

    init(environment: InterpolationEnvironment) { self.environment = environment }

    mutating func apply(_ node: inout YAMLNode) throws {
        switch node.kind {
        case .scalar(var s):
            guard s.resolved == .string, s.text.utf8.contains(UInt8(ascii: "$")) else { return }
            let env = environment
            let template = Template(lookup: { env.value($0) })
            let result: Template.Result
            do { result = try template.substitute(s.text) } catch {
                throw ComposeError(error.message, at: node.location)
            }
            for name in result.unset where !warned.contains(name) {
                warned.insert(name)
                diagnostics.append(Diagnostic(.warning, "the \"\(name)\" variable is not set; defaulting to a blank string", at: node.location))
            }
            s.template = s.text
            s.references = result.references
            s.substitutions = result.substitutions
            s.text = result.value
            node.kind = .scalar(s)
        case .sequence(var items):
            for i in items.indices { try apply(&items[i]) }
            node.kind = .sequence(items)
        case .mapping(var entries):
            for i in entries.indices { try apply(&entries[i].value) }
            node.kind = .mapping(entries)
        }
    }
}

/// The variables interpolation sees: env files first, the shell environment winning.
struct InterpolationEnvironment: Sendable {
    var shell: [String: String]
    var fromFiles: [String: String]

    func value(_ name: String) -> String? { shell[name] ?? fromFiles[name] }

    func origin(_ name: String) -> VariableOrigin {
        if shell[name] != nil { return .shell }
        if fromFiles[name] != nil { return .envFile }
        return .unset
    }

    /// All variables, shell winning (for `env_file` lookups and bare `- KEY` entries).
    var merged: [String: String] { fromFiles.merging(shell) { _, s in s } }
}
