import Blueprint
import ComposeKit
import Foundation
import Planner
import XCTest
@testable import Renderers

/// The Smartboard guide ferry writes from `infra/compose.yaml` alone must contain every row of the
/// mapping and environment tables its authors wrote by hand (`docs/aws-migration.md`). Rows are
/// matched by meaning, not by wording: the hand guide says "Amazon RDS Aurora PostgreSQL" where
/// ferry says "Amazon Aurora PostgreSQL", and names `DATABASE_URL_*` where ferry lists each variable.
final class GuideSmartboardTests: XCTestCase {
    struct HandRow { var cells: [String] }

    private func seed() throws -> (guide: String, hand: String, blueprint: Blueprint) {
        let shared = try CloudFormationTestTools.sharedDirectory()
        let dir = shared.appendingPathComponent("seed-projects/smartboard")
        let project = try ComposeLoader.load(LoadOptions(
            files: [dir.appendingPathComponent("infra/compose.yaml").path], environment: [:], currentDirectory: dir.path))
        let blueprint = Planner.plan(project, options: PlanOptions(tier: .prod, region: "eu-west-1"))
        let guide = GuideRenderer.render(blueprint, options: GuideOptions(composeFiles: ["infra/compose.yaml"]))
        let hand = try String(contentsOf: dir.appendingPathComponent("docs/aws-migration.md"), encoding: .utf8)
        return (guide, hand, blueprint)
    }

    /// The data rows of the first table after `heading`.
    static func table(after heading: String, in text: String) -> [HandRow] {
        guard let start = text.range(of: heading) else { return [] }
        var rows: [HandRow] = []
        var inTable = false
        for line in text[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("|") {
                inTable = true
                var cells = trimmed.dropFirst().split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                if cells.last == "" { cells.removeLast() }
                if cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) { continue }
                rows.append(HandRow(cells: cells))
            } else if inTable {
                break
            }
        }
        return Array(rows.dropFirst())  // header
    }

    /// Lower-case words of a cell without Markdown punctuation.
    static func words(_ cell: String) -> [String] {
        cell.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." || $0 == ":") })
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".:")) }.filter { !$0.isEmpty }
    }

    func testMappingTableHasEveryHandWrittenRow() throws {
        let (guide, hand, blueprint) = try seed()
        let handRows = Self.table(after: "## Service → AWS Mapping", in: hand)
        XCTAssertEqual(handRows.count, 12, "the hand guide's mapping table changed")
        let ours = Self.table(after: "## Service → AWS mapping", in: guide)
        let project = blueprint.project + "-"

        for row in handRows {
            guard row.cells.count >= 3 else { XCTFail("short row \(row.cells)"); continue }
            // The hand guide names services by a word of their compose name ("svc-auth", "gateway", "PostgreSQL").
            let handWords = Self.words(row.cells[0])
            let match = ours.first { candidate in
                guard let name = candidate.cells.first.flatMap({ Self.words($0).first }) else { return false }
                let stem = name.hasPrefix(project) ? String(name.dropFirst(project.count)) : name
                return handWords.contains { $0 == stem || ($0.hasPrefix(stem) && stem.count >= 5) }
            }
            guard let match, match.cells.count >= 4 else {
                XCTFail("no row in ferry's mapping for the hand guide's \(row.cells[0])\n\(guide)")
                continue
            }
            let ourText = (match.cells[2] + " " + match.cells[3]).lowercased()
            // Every word of the AWS column, less the brand prefixes, appears in ferry's target and notes.
            let required = Self.words(row.cells[1]).filter { !["amazon", "rds", "+", "oss"].contains($0) }
            for word in required {
                let alias = ["redis": ["redis", "valkey"], "private": ["private"]][word] ?? [word]
                XCTAssertTrue(alias.contains { ourText.contains($0) },
                              "\(row.cells[0]): hand says \(row.cells[1]), ferry says \(match.cells[2]) — missing \(word)")
            }
            // Notes: the facts a Compose file can show. Others are application knowledge (what Redis is used
            // for, that SSE flows through the gateway, one schema per service) and are listed, not faked.
            for phrase in Self.inferableNotes(row.cells[2]) {
                XCTAssertTrue(ourText.contains(phrase.lowercased()), "\(row.cells[0]): notes lack \"\(phrase)\": \(match.cells[3])")
            }
        }
    }

    /// The parts of a hand-written note that the Compose file supports.
    static func inferableNotes(_ note: String) -> [String] {
        var phrases: [String] = []
        if note.contains("Public-facing") { phrases.append("Public-facing") }
        if note.contains("HTTPS via ACM") { phrases.append("HTTPS via ACM") }
        if note.contains("same ALB different path") { phrases.append("ALB paths") }
        if note.contains("No public exposure") { phrases.append("No public exposure") }
        if note.contains("Cloud Map DNS") { phrases.append("Cloud Map DNS") }
        if note.contains("No inbound traffic, outbound only") { phrases.append("No inbound traffic, outbound only") }
        if note.contains("datasets") { phrases.append("datasets") }
        return phrases
    }

    func testEnvironmentTableHasEveryHandWrittenRow() throws {
        let (guide, hand, _) = try seed()
        let handRows = Self.table(after: "## Environment Variable Mapping", in: hand)
        XCTAssertEqual(handRows.count, 9, "the hand guide's environment table changed")
        let ours = Self.table(after: "## Environment variables", in: guide)
        var differencesSeen = Set<String>()
        for row in handRows {
            guard row.cells.count >= 2 else { XCTFail("short row \(row.cells)"); continue }
            let pattern = row.cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let matches = ours.filter { candidate in
                guard let name = candidate.cells.first?.trimmingCharacters(in: CharacterSet(charactersIn: "`")) else { return false }
                if pattern.hasSuffix("_*") {
                    let stem = String(pattern.dropLast(2))
                    return name == stem || name.hasPrefix(stem + "_")
                }
                return name == pattern
            }
            XCTAssertFalse(matches.isEmpty, "ferry's guide has no row for \(pattern)")
            let source = row.cells[1]
            for match in matches where match.cells.count >= 3 {
                let name = match.cells[0], location = match.cells[2]
                let ok: Bool
                if source.contains("Do not set") {
                    ok = location.contains("Do not set")
                } else if source == "SSM + task role" {
                    // MinIO's endpoint and root credentials give way to the task role; the bucket name is configuration.
                    // ferry also rewrites the MinIO client's endpoint, port and TLS flag to S3's (same meaning, finer grain).
                    let why = match.cells.count > 3 ? match.cells[3] : ""
                    ok = location.contains("SSM") || location.contains("S3 bucket") || location.contains("Do not set")
                        || (location.contains("rewritten") && why.contains("S3"))
                } else if source == "Secrets Manager" {
                    ok = location.contains("Secrets Manager")
                } else if source == "SSM" {
                    ok = location.contains("SSM")
                } else {
                    ok = location.contains(source)
                }
                let bare = name.trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                if !ok, let reason = Self.reportedDifferences[bare] {
                    differencesSeen.insert(bare)
                    print("KNOWN DIFFERENCE \(name): hand guide says \(source), ferry says \(location) — \(reason)")
                    continue
                }
                XCTAssertTrue(ok, "\(name): hand guide says \(source), ferry says \(location)")
            }
        }
        XCTAssertEqual(differencesSeen, Set(Self.reportedDifferences.keys),
                       "a reported difference is gone: remove it from reportedDifferences")
    }

    /// Rows where the plan disagrees with the hand guide on purpose or pending a planner decision;
    /// each was reported to the planner's owners. Empty when the plan matches.
    static let reportedDifferences: [String: String] = [
        // The hand guide contradicts itself: its table says `MICROSOFT_CLIENT_*` → Secrets Manager, its step 6
        // stores `/smartboard/prod/microsoft-client-id` in SSM. An OAuth client id is not a secret; the plan
        // follows step 6 and keeps MICROSOFT_CLIENT_SECRET in Secrets Manager.
        "MICROSOFT_CLIENT_ID": "an OAuth client id is configuration (the hand guide's own step 6 puts it in SSM)",
    ]

    func testGuideIsByteStable() throws {
        let (first, _, _) = try seed()
        let (second, _, _) = try seed()
        XCTAssertEqual(first, second)
    }
}
