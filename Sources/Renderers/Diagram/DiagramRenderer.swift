import Blueprint

/// `ferry diagram`: the architecture alone, as Mermaid (for Markdown on GitHub) or as text for a terminal.
public enum DiagramRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case mermaid
        case ascii
        /// ASCII layout drawn with box-drawing characters.
        case unicode
    }

    public static func render(_ blueprint: Blueprint, format: Format, maxWidth: Int = 100) -> String {
        let graph = ArchitectureGraph(blueprint: blueprint)
        switch format {
        case .mermaid: return MermaidFlowchart.render(graph)
        case .ascii: return AsciiDiagram.render(graph, style: .ascii, maxWidth: maxWidth)
        case .unicode: return AsciiDiagram.render(graph, style: .unicode, maxWidth: maxWidth)
        }
    }
}
