/// Draws an `ArchitectureGraph` for a terminal: one band per tier, top to bottom in the order
/// traffic flows, each band holding its boxes side by side (wrapped to `maxWidth`), followed
/// by the list of connections. Plain ASCII by default; box-drawing characters on request.
public enum AsciiDiagram {
    public struct Style: Sendable, Equatable {
        var horizontal: Character, vertical: Character
        var topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character
        var arrowDown: Character, arrow: String

        public static let ascii = Style(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
                                        bottomLeft: "+", bottomRight: "+", arrowDown: "v", arrow: "-->")
        public static let unicode = Style(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                          bottomLeft: "└", bottomRight: "┘", arrowDown: "▼", arrow: "──▶")
    }

    public static func render(_ graph: ArchitectureGraph, style: Style = .ascii, maxWidth: Int = 100) -> String {
        let graph = graph.normalized()
        guard !graph.nodes.isEmpty else { return "(no deployable components)\n" }
        let byTier = Dictionary(grouping: graph.nodes, by: \.tier)
        let tiers = ArchitectureGraph.Tier.allCases.filter { byTier[$0] != nil }
        let boxes = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.key, box(for: $0, style: style, limit: maxWidth - 4)) })

        // The band width: the widest tier's boxes side by side, capped by maxWidth.
        var width = 0
        for tier in tiers {
            let members = byTier[tier] ?? []
            let row = members.compactMap { boxes[$0.key]?.first?.count }.reduce(0) { $0 + $1 + 2 } - 2 + 4
            width = max(width, min(row, maxWidth), bandTitle(tier).count + 6)
        }
        width = min(max(width, 24), max(maxWidth, 24))

        var out: [String] = []
        for (index, tier) in tiers.enumerated() {
            if index > 0 {
                out.append(center(String(style.vertical), width: width))
                out.append(center(String(style.arrowDown), width: width))
            }
            let members = (byTier[tier] ?? []).compactMap { boxes[$0.key] }
            if tier == .clients {
                for row in pack(members, inner: width) { out.append(contentsOf: row.map { center($0, width: width) }) }
                continue
            }
            let inner = width - 4
            let title = bandTitle(tier)
            let titleRun = String(style.horizontal) + " " + title + " "
            out.append(String(style.topLeft) + titleRun
                       + String(repeating: style.horizontal, count: max(0, width - 2 - titleRun.count))
                       + String(style.topRight))
            for row in pack(members, inner: inner) {
                for line in row {
                    out.append(String(style.vertical) + " " + pad(line, to: inner) + " " + String(style.vertical))
                }
            }
            out.append(String(style.bottomLeft) + String(repeating: style.horizontal, count: width - 2)
                       + String(style.bottomRight))
        }

        if !graph.edges.isEmpty {
            out.append("")
            out.append("Connections:")
            let titles = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.key, $0.title) })
            let fromWidth = graph.edges.map { (titles[$0.from] ?? $0.from).count }.max() ?? 0
            for edge in graph.edges {
                let from = titles[edge.from] ?? edge.from
                let to = titles[edge.to] ?? edge.to
                var suffix = ""
                if let label = edge.label, !label.isEmpty { suffix += "  (" + label + ")" }
                if edge.dashed { suffix += "  [control]" }
                var line = "  " + pad(from, to: fromWidth) + " " + style.arrow + " " + to + suffix
                if line.count > maxWidth { line = "  " + from + " " + style.arrow + " " + to + suffix }
                out.append(clip(trimRight(line), to: max(maxWidth, 24)))
            }
        }
        return out.map(trimRight).joined(separator: "\n") + "\n"
    }

    static func bandTitle(_ tier: ArchitectureGraph.Tier) -> String {
        tier.insideVPC ? tier.title + " (VPC)" : tier.title
    }

    /// A node's box as lines of equal width, never wider than `limit`.
    static func box(for node: ArchitectureGraph.Node, style: Style, limit: Int) -> [String] {
        let text = [node.title] + node.details
        let innerLimit = max(limit - 4, 8)
        let lines = text.map { clip($0, to: innerLimit) }
        let inner = lines.map(\.count).max() ?? 0
        var result = [String(style.topLeft) + String(repeating: style.horizontal, count: inner + 2) + String(style.topRight)]
        for line in lines {
            result.append(String(style.vertical) + " " + pad(line, to: inner) + " " + String(style.vertical))
        }
        result.append(String(style.bottomLeft) + String(repeating: style.horizontal, count: inner + 2) + String(style.bottomRight))
        return result
    }

    /// Lays boxes left to right, two spaces apart, starting a new row when the next box
    /// would pass `inner`. Each returned row is a list of text lines.
    static func pack(_ boxes: [[String]], inner: Int) -> [[String]] {
        var rows: [[[String]]] = []
        var current: [[String]] = []
        var used = 0
        for box in boxes {
            let w = box.first?.count ?? 0
            if !current.isEmpty && used + 2 + w > inner {
                rows.append(current)
                current = []
                used = 0
            }
            used += (current.isEmpty ? 0 : 2) + w
            current.append(box)
        }
        if !current.isEmpty { rows.append(current) }

        return rows.map { row in
            // Boxes of a row share one height: shorter ones grow empty lines above their bottom border.
            let height = row.map(\.count).max() ?? 0
            let grown = row.map { box -> [String] in
                guard box.count < height, let bottom = box.last, let first = box.first else { return box }
                let vertical = first.first.map(String.init) == "+" ? "|" : "│"
                let blank = vertical + String(repeating: " ", count: max(0, first.count - 2)) + vertical
                return Array(box.dropLast()) + Array(repeating: blank, count: height - box.count) + [bottom]
            }
            return (0..<height).map { lineIndex in
                grown.map { box in
                    let w = box.first?.count ?? 0
                    return lineIndex < box.count ? box[lineIndex] : String(repeating: " ", count: w)
                }.joined(separator: "  ")
            }
        }
    }

    static func clip(_ s: String, to width: Int) -> String {
        s.count <= width ? s : String(s.prefix(max(width - 3, 0))) + "..."
    }

    static func pad(_ s: String, to width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func center(_ s: String, width: Int) -> String {
        let left = max(0, (width - s.count) / 2)
        return String(repeating: " ", count: left) + s
    }

    static func trimRight(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
