import XCTest
@testable import Renderers

final class DiagramWriterTests: XCTestCase {
    private var graph: ArchitectureGraph {
        ArchitectureGraph(title: "demo", nodes: [
            .init(key: "workload:end", title: "end", details: ["Fargate :80"], tier: .publicServices),
            .init(key: "client:internet", title: "Internet", tier: .clients, shape: .circle),
            .init(key: "edge:alb", title: "Application Load Balancer", details: ["HTTPS :443"], tier: .edge),
            .init(key: "workload:o-api", title: "o-api \"v2\" <b>#1</b>", tier: .internalServices),
            .init(key: "store:db", title: "db", details: ["RDS PostgreSQL"], tier: .data, shape: .database),
        ], edges: [
            .init(from: "client:internet", to: "edge:alb", label: "HTTPS"),
            .init(from: "edge:alb", to: "workload:end", label: "/*"),
            .init(from: "workload:end", to: "workload:o-api"),
            .init(from: "workload:end", to: "workload:o-api"),          // duplicate: dropped
            .init(from: "workload:o-api", to: "store:db"),
            .init(from: "workload:o-api", to: "store:missing"),         // unknown end: dropped
        ])
    }

    func testMermaidIDsAreSafeAndLabelsEscaped() {
        let text = MermaidFlowchart.render(graph)
        XCTAssertTrue(text.hasPrefix("flowchart TB\n"))
        // Keys become prefixed ids: never the reserved word `end`, never a leading `o`/`x`.
        XCTAssertTrue(text.contains("n_workload_end[\""))
        XCTAssertTrue(text.contains("n_workload_o_api[\""))
        XCTAssertFalse(text.contains("\n  end[\""))
        XCTAssertTrue(text.contains("o-api #quot;v2#quot; #lt;b#gt;#35;1#lt;/b#gt;"))
        XCTAssertTrue(text.contains("n_store_db[(\"db<br/>RDS PostgreSQL\")]"))
        XCTAssertTrue(text.contains("n_edge_alb -->|\"/*\"| n_workload_end"))
        XCTAssertEqual(text.components(separatedBy: "n_workload_end --> n_workload_o_api").count, 2)
        XCTAssertFalse(text.contains("missing"))
        // Workloads sit inside the VPC group; data outside.
        let vpc = text.range(of: "subgraph vpc")!, vpcEnd = text.range(of: "\n  end\n", range: vpc.upperBound..<text.endIndex)!
        XCTAssertNotNil(text.range(of: "n_workload_end", range: vpc.upperBound..<vpcEnd.lowerBound))
        XCTAssertNil(text.range(of: "n_store_db[", range: vpc.upperBound..<vpcEnd.lowerBound))
    }

    func testMermaidIDsStayUniqueWhenKeysCollapse() {
        let ids = MermaidFlowchart.safeIDs(for: ["a-b", "a_b", "a.b"])
        XCTAssertEqual(Set(ids.values).count, 3)
        XCTAssertEqual(ids["a-b"], "n_a_b")
    }

    func testOutputIsIndependentOfInputOrder() {
        var shuffled = graph
        shuffled.nodes.reverse()
        shuffled.edges.reverse()
        XCTAssertEqual(MermaidFlowchart.render(shuffled), MermaidFlowchart.render(graph))
        XCTAssertEqual(AsciiDiagram.render(shuffled), AsciiDiagram.render(graph))
    }

    func testAsciiDrawsTiersTopToBottomWithinWidth() {
        let text = AsciiDiagram.render(graph, maxWidth: 60)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertLessThanOrEqual(lines.map(\.count).max() ?? 0, 60, text)
        XCTAssertTrue(lines.allSatisfy { $0.allSatisfy(\.isASCII) }, text)
        let order = ["Internet", "- Edge ", "Public services (VPC)", "Internal services (VPC)", "Managed data"]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), text)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), text)
        XCTAssertTrue(text.contains("Connections:"))
        XCTAssertTrue(text.contains("Application Load Balancer --> end  (/*)"), text)
    }

    func testAsciiWrapsWideTiers() {
        let many = ArchitectureGraph(title: "wide", nodes: (1...12).map {
            .init(key: "w\($0)", title: "service-number-\($0)", tier: .internalServices)
        })
        let text = AsciiDiagram.render(many, maxWidth: 80)
        XCTAssertTrue(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, text)
        for n in 1...12 { XCTAssertTrue(text.contains("service-number-\(n) "), text) }
    }

    func testUnicodeStyleUsesBoxDrawing() {
        let text = AsciiDiagram.render(graph, style: .unicode)
        XCTAssertTrue(text.contains("┌"))
        XCTAssertTrue(text.contains("▼"))
    }

    func testEmptyGraph() {
        XCTAssertEqual(AsciiDiagram.render(ArchitectureGraph(title: "none")), "(no deployable components)\n")
        XCTAssertEqual(MermaidFlowchart.render(ArchitectureGraph(title: "none")), "flowchart TB\n")
    }
}
