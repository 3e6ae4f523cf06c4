import XCTest
@testable import Renderers

final class GuideMarkdownTests: XCTestCase {
    func testEscapeNeutralizesMarkup() {
        XCTAssertEqual(Markdown.escape("a|b *c* _d_ [e](f) <g>"), "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g\\>")
        XCTAssertEqual(Markdown.escape("two\nlines"), "two lines")
    }

    func testCodeSpanSurvivesBackticksAndPipes() {
        XCTAssertEqual(Markdown.code("PORT"), "`PORT`")
        XCTAssertEqual(Markdown.code("a`b"), "``a`b``")
        XCTAssertEqual(Markdown.code("`x`"), "`` `x` ``")
        XCTAssertEqual(Markdown.code("a|b"), "`a\\|b`")
    }

    func testAnchorMatchesGitHub() {
        XCTAssertEqual(Markdown.anchor("Service → AWS mapping"), "service--aws-mapping")
        XCTAssertEqual(Markdown.anchor("Testing checklist"), "testing-checklist")
    }

    func testTableEscapesCellsAndPadsRows() {
        var table = MarkdownTable(headers: ["Name", "Value"], alignments: [.left, .right])
        table.append(["a|b", "1"])
        table.append(["line\nbreak"])
        table.append(["x", "2", "dropped"])
        let expected = [
            "| Name          | Value |",
            "| ------------- | ----: |",
            "| a\\|b          |     1 |",
            "| line<br>break |       |",
            "| x             |     2 |",
        ]
        XCTAssertEqual(table.render(), expected.joined(separator: "\n"))
    }

    func testTableRowsHaveTheHeaderColumnCount() {
        var table = MarkdownTable(headers: ["A", "B", "C"])
        table.append(["1"])
        table.append(["1", "2", "3", "4"])
        for line in table.render().split(separator: "\n") {
            // Unescaped pipes delimit cells: 3 columns → 4 pipes.
            let pipes = line.split(separator: "|", omittingEmptySubsequences: false).count - 1
            XCTAssertEqual(pipes, 4, String(line))
        }
    }

    func testFencedBlockOutgrowsInnerFences() {
        XCTAssertEqual(Markdown.fenced("a\n```\nb", language: "text"), "````text\na\n```\nb\n````")
    }
}
