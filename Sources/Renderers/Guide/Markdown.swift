import Blueprint
/// Small, deterministic Markdown helpers: escaping of inline text and table cells,
/// inline code that survives backticks, and GitHub-style anchors.
public enum Markdown {
    /// Escapes text so Markdown shows it literally (no emphasis, links, HTML or headings).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|":
                out.append("\\")
                out.append(ch)
            case "\r\n", "\n", "\r":
                out.append(" ")
            default:
                out.append(ch)
            }
        }
        return out
    }

    /// Inline code. A fence longer than any backtick run inside keeps the text intact;
    /// pipes are escaped so the span is safe inside a table cell (GFM unescapes them there).
    public static func code(_ text: String) -> String {
        let flat = text.replacing("\r\n", with: " ")
            .replacing("\n", with: " ")
            .replacing("\r", with: " ")
        var longest = 0, current = 0
        for ch in flat {
            if ch == "`" { current += 1; longest = max(longest, current) } else { current = 0 }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = (flat.hasPrefix("`") || flat.hasSuffix("`")) ? " " : ""
        let body = flat.replacing("|", with: "\\|")
        return fence + pad + body + pad + fence
    }

    /// A cell's text: already-formatted Markdown with the characters that would break the
    /// table row (pipes not yet escaped, line breaks) neutralized.
    public static func cell(_ markdown: String) -> String {
        var out = ""
        var previous: Character?
        for ch in markdown {
            switch ch {
            case "|" where previous != "\\":
                out.append("\\|")
            case "\r\n", "\n", "\r":
                out.append("<br>")
            default:
                out.append(ch)
            }
            previous = ch
        }
        return out.isEmpty ? " " : out
    }

    /// GitHub's heading anchor: lower-cased, punctuation dropped, spaces to hyphens.
    public static func anchor(_ heading: String) -> String {
        var out = ""
        for ch in heading.lowercased() {
            if ch.isLetter || ch.isNumber || ch == "-" || ch == "_" {
                out.append(ch)
            } else if ch == " " {
                out.append("-")
            }
        }
        return out
    }

    /// A task-list line: `- [ ] text`.
    public static func task(_ markdown: String, indent: Int = 0) -> String {
        String(repeating: "  ", count: indent) + "- [ ] " + markdown
    }

    /// A fenced code block whose fence is longer than any backtick run in the body.
    public static func fenced(_ body: String, language: String = "") -> String {
        var longest = 0, current = 0
        for ch in body {
            if ch == "`" { current += 1; longest = max(longest, current) } else { current = 0 }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let trimmed = body.hasSuffix("\n") ? String(body.dropLast()) : body
        return fence + language + "\n" + trimmed + "\n" + fence
    }
}

/// A GitHub-flavoured Markdown table. Cells are Markdown (use `Markdown.escape` or
/// `Markdown.code` to build them); the writer only makes each row safe and pads columns
/// so the source reads well in a terminal too.
public struct MarkdownTable: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case left, right, center }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]]

    public init(headers: [String], alignments: [Alignment]? = nil, rows: [[String]] = []) {
        self.headers = headers
        self.alignments = alignments ?? Array(repeating: .left, count: headers.count)
        self.rows = rows
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public var isEmpty: Bool { rows.isEmpty }

    /// The table, one line per row, ending without a newline. Short rows are padded with
    /// empty cells and long rows cut, so a row never shifts columns.
    public func render() -> String {
        let width = headers.count
        guard width > 0 else { return "" }
        func normalize(_ row: [String]) -> [String] {
            var cells = row.prefix(width).map(Markdown.cell)
            while cells.count < width { cells.append(" ") }
            return cells
        }
        let head = normalize(headers)
        let body = rows.map(normalize)
        var widths = head.map(Self.displayWidth)
        for row in body {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], Self.displayWidth(cell)) }
        }
        widths = widths.map { max($0, 3) }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                let pad = widths[i] - Self.displayWidth(cell)
                let alignment = i < alignments.count ? alignments[i] : .left
                parts.append(alignment == .right ? String(repeating: " ", count: pad) + cell
                                                 : cell + String(repeating: " ", count: pad))
            }
            return "| " + parts.joined(separator: " | ") + " |"
        }
        var separator: [String] = []
        for (i, w) in widths.enumerated() {
            let alignment = i < alignments.count ? alignments[i] : .left
            switch alignment {
            case .left: separator.append(String(repeating: "-", count: w))
            case .right: separator.append(String(repeating: "-", count: w - 1) + ":")
            case .center: separator.append(":" + String(repeating: "-", count: w - 2) + ":")
            }
        }
        var lines = [line(head), "| " + separator.joined(separator: " | ") + " |"]
        lines.append(contentsOf: body.map(line))
        return lines.joined(separator: "\n")
    }

    /// Characters as a terminal shows them (grapheme clusters; good enough for padding).
    static func displayWidth(_ s: String) -> Int { s.count }
}
