import Blueprint

/// What the guide says about where it came from; the CLI fills it in. Paths are as the user
/// typed them (relative), so the guide reads the same on every machine.
public struct GuideOptions: Sendable, Equatable {
    /// Compose files the plan was made from, shown in the introduction.
    public var composeFiles: [String]
    /// Directory the CloudFormation template is written to by `ferry generate` (for commands).
    public var templateDirectory: String
    /// Overrides the title (default: "Migrating <project> to AWS").
    public var title: String?

    public init(composeFiles: [String] = [], templateDirectory: String = "infra/aws", title: String? = nil) {
        self.composeFiles = composeFiles
        self.templateDirectory = templateDirectory
        self.title = title
    }
}

/// Writes the migration guide: the document the seed projects' authors wrote by hand, from the
/// Blueprint alone (plus an optional cost estimate and policy findings computed by the caller).
/// A pure function: the same inputs give the same bytes.
public enum GuideRenderer {
    public static func render(_ blueprint: Blueprint, cost: CostReport? = nil, findings: [Finding] = [],
                              options: GuideOptions = GuideOptions()) -> String {
        let context = GuideContext(blueprint: blueprint, cost: cost, extraFindings: findings, options: options)
        let sections: [GuideSection] = [
            OverviewSection(),
            MappingSection(),
            NotCarriedOverSection(),
            EnvironmentSection(),
            CodeChangesSection(),
            ChecklistSection(),
            CostSection(),
            FindingsSection(),
            TestingSection(),
            RollbackSection(),
            SavingsSection(),
            TerraformSection(),
        ]
        let rendered = sections.compactMap { section -> (String, String)? in
            guard let body = section.body(context) else { return nil }
            return (section.title(context), body)
        }

        var out: [String] = []
        out.append("# " + Markdown.escape(options.title ?? "Migrating \(blueprint.project) to AWS"))
        out.append("")
        out.append(context.introduction)
        out.append("")
        out.append("## Contents")
        out.append("")
        for (index, (title, _)) in rendered.enumerated() {
            out.append("\(index + 1). [\(Markdown.escape(title))](#\(Markdown.anchor(title)))")
        }
        for (title, body) in rendered {
            out.append("")
            out.append("## " + Markdown.escape(title))
            out.append("")
            out.append(body.hasSuffix("\n") ? String(body.dropLast()) : body)
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// One `##` section of the guide. `body` returns nil when the section has nothing to say.
protocol GuideSection {
    func title(_ context: GuideContext) -> String
    func body(_ context: GuideContext) -> String?
}
