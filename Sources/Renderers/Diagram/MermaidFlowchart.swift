import Blueprint
/// Writes an `ArchitectureGraph` as a Mermaid flowchart (which GitHub renders in Markdown).
/// Ids are derived from node keys but made safe: Mermaid reserves words such as `end`,
/// treats `o`/`x` after a link as arrow heads, and accepts only a narrow id alphabet.
public enum MermaidFlowchart {
    public static func render(_ graph: ArchitectureGraph, direction: String = "TB") -> String {
        let graph = graph.normalized()
        let ids = safeIDs(for: graph.nodes.map(\.key))
        var lines: [String] = ["flowchart \(direction)"]

        func nodeLine(_ node: ArchitectureGraph.Node, indent: String) -> String {
            // Only `<br/>` as markup: GitHub renders Mermaid with strict security, which shows other tags as text.
            let label = ([escapeLabel(node.title)] + node.details.map(escapeLabel)).joined(separator: "<br/>")
            let id = ids[node.key] ?? "n"
            switch node.shape {
            case .box: return "\(indent)\(id)[\"\(label)\"]"
            case .rounded: return "\(indent)\(id)(\"\(label)\")"
            case .database: return "\(indent)\(id)[(\"\(label)\")]"
            case .circle: return "\(indent)\(id)((\"\(label)\"))"
            case .stadium: return "\(indent)\(id)([\"\(label)\"])"
            }
        }

        let inside = graph.nodes.filter { $0.tier.insideVPC }
        let byTier = Dictionary(grouping: graph.nodes, by: \.tier)

        func group(_ tier: ArchitectureGraph.Tier, indent: String) {
            guard let members = byTier[tier], !members.isEmpty else { return }
            // A lone client or edge box needs no frame around it.
            if tier == .clients || tier == .edge {
                lines.append(contentsOf: members.map { nodeLine($0, indent: indent) })
                return
            }
            lines.append("\(indent)subgraph \(groupID(tier))[\"\(escapeLabel(tier.title))\"]")
            lines.append(contentsOf: members.map { nodeLine($0, indent: indent + "  ") })
            lines.append("\(indent)end")
        }

        for tier in ArchitectureGraph.Tier.allCases where tier < .publicServices {
            group(tier, indent: "  ")
        }
        if !inside.isEmpty {
            lines.append("  subgraph vpc[\"VPC\"]")
            for tier in ArchitectureGraph.Tier.allCases where tier.insideVPC { group(tier, indent: "    ") }
            lines.append("  end")
        }
        for tier in ArchitectureGraph.Tier.allCases where !tier.insideVPC && tier > .edge {
            group(tier, indent: "  ")
        }

        for edge in graph.edges {
            guard let from = ids[edge.from], let to = ids[edge.to] else { continue }
            let arrow = edge.dashed ? "-.->" : "-->"
            if let label = edge.label, !label.isEmpty {
                lines.append("  \(from) \(arrow)|\"\(escapeLabel(label))\"| \(to)")
            } else {
                lines.append("  \(from) \(arrow) \(to)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func groupID(_ tier: ArchitectureGraph.Tier) -> String {
        switch tier {
        case .clients: return "g_clients"
        case .edge: return "g_edge"
        case .publicServices: return "g_public"
        case .internalServices: return "g_internal"
        case .workers: return "g_workers"
        case .jobs: return "g_jobs"
        case .data: return "g_data"
        case .external: return "g_external"
        case .operations: return "g_operations"
        }
    }

    /// Maps each key to an id made of `[A-Za-z0-9_]`, prefixed so it never starts with a
    /// digit, an arrow letter or a keyword, and suffixed when two keys collapse to one id.
    static func safeIDs(for keys: [String]) -> [String: String] {
        var result: [String: String] = [:]
        var used = Set<String>(["vpc"] + ArchitectureGraph.Tier.allCases.map(groupID))
        for key in keys.sorted() where result[key] == nil {
            var base = "n_"
            for scalar in key.unicodeScalars {
                let c = Character(scalar)
                base.append(scalar.isASCII && (c.isLetter || c.isNumber) ? c : "_")
            }
            var candidate = base
            var counter = 2
            while used.contains(candidate) {
                candidate = "\(base)_\(counter)"
                counter += 1
            }
            used.insert(candidate)
            result[key] = candidate
        }
        return result
    }

    /// Text inside a quoted Mermaid label. Mermaid decodes `#name;` entities, so the
    /// characters that would end the string or open markup become entities.
    static func escapeLabel(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "&": out += "#amp;"
            case "`": out += "#96;"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
