import Blueprint

/// The monthly estimate per resource, the decisions that move it most and the assumptions.
struct CostSection: GuideSection {
    func title(_ context: GuideContext) -> String { "Cost" }

    func body(_ context: GuideContext) -> String? {
        guard let cost = context.cost else {
            return "Run `ferry guide` without `--no-cost`, or `ferry cost --tier \(context.blueprint.tier.rawValue) "
                + "--region \(context.blueprint.region)`, for the monthly estimate."
        }
        var out: [String] = []
        out.append("Estimated monthly cost for the **\(cost.tier.rawValue)** tier in **\(Markdown.escape(cost.region))**, "
                   + "from ferry's offline price catalog (\(Markdown.escape(cost.currency)), 730-hour month). "
                   + "`ferry cost` shows each line's arithmetic.")
        out.append("")
        var table = MarkdownTable(headers: ["Resource", "What is priced", "Monthly"], alignments: [.left, .left, .right])
        var services: [String: [String]] = [:]
        for line in cost.lines {
            var list = services[line.resource] ?? []
            let label = line.service + " " + line.usageKey
            if !list.contains(label) { list.append(label) }
            services[line.resource] = list
        }
        for (resource, monthly) in cost.totalsByResource {
            table.append([Markdown.code(resource),
                          (services[resource] ?? []).map { Markdown.escape($0) }.joined(separator: ", "),
                          GuideContext.dollars(monthly)])
        }
        table.append(["**Total**", "", "**" + GuideContext.dollars(cost.totalMonthly) + "**"])
        out.append(table.render())
        if !cost.deltas.isEmpty {
            out.append("")
            out.append("Decisions that move the total most:")
            out.append("")
            var deltas = MarkdownTable(headers: ["Decision", "Monthly change", "Change it with"],
                                       alignments: [.left, .right, .left])
            for delta in cost.deltas {
                deltas.append([Markdown.escape(delta.decision), GuideContext.signedDollars(delta.monthlyChange),
                               delta.overrideKey.map(Markdown.code) ?? ""])
            }
            out.append(deltas.render())
        }
        if !cost.assumptions.isEmpty {
            out.append("")
            out.append("<details><summary>Usage assumptions</summary>")
            out.append("")
            var assumptions = MarkdownTable(headers: ["Assumption", "Value", "From"], alignments: [.left, .right, .left])
            for a in cost.assumptions.sorted(by: { $0.key < $1.key }) {
                assumptions.append([Markdown.code(a.key), GuideContext.number(a.value) + " " + Markdown.escape(a.unit),
                                    Markdown.escape(a.origin)])
            }
            out.append(assumptions.render())
            out.append("")
            out.append("</details>")
        }
        if !cost.notes.isEmpty {
            out.append("")
            out.append(contentsOf: cost.notes.map { "- " + Markdown.escape($0) })
        }
        return out.joined(separator: "\n")
    }
}

/// Planner and policy findings: what to fix (or consciously waive) before going live.
struct FindingsSection: GuideSection {
    func title(_ context: GuideContext) -> String { "Findings" }

    func body(_ context: GuideContext) -> String? {
        guard !context.findings.isEmpty else {
            return "No findings. Run `ferry check` again after every change to the Compose files."
        }
        var out: [String] = []
        let active = context.findings.filter(\.isActive)
        let waived = context.findings.filter { !$0.isActive }
        if !active.isEmpty {
            var table = MarkdownTable(headers: ["Severity", "Check", "Where", "Finding", "Fix"])
            for f in active {
                table.append([f.severity.rawValue, Markdown.code(f.id), Markdown.code(f.subject),
                              Markdown.escape(f.message), Markdown.escape(f.fix)])
            }
            out.append(table.render())
        }
        if !waived.isEmpty {
            if !out.isEmpty { out.append("") }
            out.append("Waived with `x-ferry.waive`:")
            out.append("")
            var table = MarkdownTable(headers: ["Check", "Where", "Finding", "Reason given"])
            for f in waived {
                table.append([Markdown.code(f.id), Markdown.code(f.subject), Markdown.escape(f.message),
                              Markdown.escape(f.waiver ?? "")])
            }
            out.append(table.render())
        }
        return out.joined(separator: "\n")
    }
}
