import Blueprint

/// Environment variable mapping: each variable's name and where its value lives on AWS.
/// Never a value: only names of secrets, parameters and the elements values are built from.
struct EnvironmentSection: GuideSection {
    func title(_ context: GuideContext) -> String { "Environment variables" }

    func body(_ context: GuideContext) -> String? {
        // name → location → services: one row per variable unless services disagree.
        struct Row { var location: String; var why: String; var services: [String] }
        var rows: [String: [String: Row]] = [:]
        for service in context.blueprint.services {
            for variable in context.environment(of: service) {
                let location = Self.location(of: variable, context)
                var byLocation = rows[variable.name] ?? [:]
                var row = byLocation[location] ?? Row(location: location, why: Markdown.escape(variable.reason), services: [])
                row.services.append(service.name)
                byLocation[location] = row
                rows[variable.name] = byLocation
            }
        }
        guard !rows.isEmpty else { return nil }

        var table = MarkdownTable(headers: ["Variable", "Services", "On AWS", "Why"])
        for name in rows.keys.sorted() {
            for location in (rows[name] ?? [:]).keys.sorted() {
                guard let row = rows[name]?[location] else { continue }
                let services = row.services.sorted().map { Markdown.code(context.shortName($0)) }.joined(separator: ", ")
                table.append([Markdown.code(name), services, row.location, row.why])
            }
        }
        let legend = """
            Values stay out of this guide on purpose. Secrets Manager values are read by each task's execution role \
            at start; SSM parameters hold plain configuration; "task definition" values are written into the \
            template; **Do not set** marks development-only variables that must be absent in production.
            """
        return table.render() + "\n\n" + legend
    }

    /// Where the value lives, in words; never the value itself.
    static func location(of variable: EnvVar, _ context: GuideContext) -> String {
        let b = context.blueprint
        switch variable.value {
        case .secret(let name, let key):
            let secretName = b.secret(named: name)?.secretName ?? name
            return "Secrets Manager " + Markdown.code(secretName) + (key.map { " (key " + Markdown.code($0) + ")" } ?? "")
        case .parameter(let name):
            return "SSM " + Markdown.code(b.parameter(named: name)?.parameterName ?? name)
        case .reference(let reference):
            return "Task definition: the " + context.describe(reference)
        case .template(_, let parts):
            let sources = parts.keys.sorted().compactMap { parts[$0] }.map { context.describe($0) }
            let unique = sources.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            return "Task definition, built from the " + unique.joined(separator: " and the ")
        case .literal:
            return variable.disposition == .rewritten ? "Task definition (rewritten for AWS)" : "Task definition"
        case .unset:
            switch variable.disposition {
            case .removed:
                return "**Do not set**"
            default:
                return "Not set"
            }
        }
    }
}
