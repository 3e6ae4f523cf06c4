import Blueprint
import XCTest
@testable import Renderers

final class GuideRendererTests: XCTestCase {
    private let guide = GuideRenderer.render(GuideFixtures.blueprint, cost: GuideFixtures.cost,
                                             options: GuideOptions(composeFiles: ["compose.yaml"]))

    func testHasEverySectionInOrder() {
        let headings = ["# Migrating shop to AWS", "## Overview", "### Architecture", "## Service → AWS mapping",
                        "## What does not carry over", "## Environment variables", "## Migration checklist",
                        "### 1. Network", "### 2. Data stores", "### 3. Secrets and configuration", "### 4. Images and static files",
                        "### 5. Services", "### 6. DNS and certificates", "### 7. Data migration", "### 8. Cutover",
                        "## Cost", "## Findings", "## Testing checklist", "## Rollback plan", "## Reducing cost further"]
        var cursor = guide.startIndex
        for heading in headings {
            guard let range = guide.range(of: "\n" + heading + "\n", range: cursor..<guide.endIndex)
                ?? (heading.hasPrefix("# ") ? guide.range(of: heading + "\n") : nil) else {
                return XCTFail("missing or out of order: \(heading)\n\(guide)")
            }
            cursor = range.upperBound
        }
    }

    func testNeverPrintsAValue() {
        XCTAssertFalse(guide.contains(GuideFixtures.marker), guide)
    }

    func testIsDeterministic() {
        var shuffled = GuideFixtures.blueprint
        shuffled.workloads.reverse()
        shuffled.services.reverse()
        shuffled.secrets.reverse()
        shuffled.dataStores.reverse()
        let again = GuideRenderer.render(shuffled, cost: GuideFixtures.cost, options: GuideOptions(composeFiles: ["compose.yaml"]))
        XCTAssertEqual(again, guide)
    }

    func testMappingRowsSayWhereEachServiceGoes() {
        XCTAssertTrue(guide.contains("| `shop-web` (`:3000`)"), guide)
        let row = line(containing: "| `shop-api` (`:4000`)")
        XCTAssertTrue(row.contains("ECS Fargate + ALB"), row)
        XCTAssertTrue(row.contains("HTTPS via ACM"), row)
        XCTAssertTrue(row.contains("`/api/*`"), row)
        XCTAssertTrue(line(containing: "| `shop-worker`").contains("No inbound traffic, outbound only"))
        XCTAssertTrue(line(containing: "| `postgres` (`:5432`)").contains("Amazon RDS for PostgreSQL"))
        XCTAssertTrue(line(containing: "| `minio`").contains("Amazon S3"))
        XCTAssertTrue(line(containing: "| `adminer`").contains("Not deployed"))
        XCTAssertTrue(line(containing: "| `minio-init`").contains("Replaced by the infrastructure"))
    }

    func testEnvironmentTableNamesLocationsOnly() {
        XCTAssertTrue(line(containing: "| `JWT_SECRET`").contains("Secrets Manager `shop/mvp/jwt-secret`"))
        XCTAssertTrue(line(containing: "| `LOG_LEVEL`").contains("SSM `/shop/mvp/log-level`"))
        XCTAssertTrue(line(containing: "| `DEV_BYPASS_AUTH`").contains("**Do not set**"))
        XCTAssertTrue(line(containing: "| `S3_BUCKET`").contains("S3 bucket `shop-uploads` name"))
        XCTAssertTrue(line(containing: "| `API_URL`").contains("Cloud Map name `api.shop.internal`"))
        // NODE_ENV is used by two services with the same location: one row listing both.
        let node = line(containing: "| `NODE_ENV`")
        XCTAssertTrue(node.contains("`api`, `web`"), node)
    }

    func testChecklistCoversTheStack() {
        XCTAssertTrue(guide.contains("- [ ] Create the VPC `10.0.0.0/16` across 2 Availability Zones"))
        XCTAssertTrue(guide.contains("`sg-alb` — inbound 443 from `0.0.0.0/0`"))
        XCTAssertTrue(guide.contains("Lifecycle `archive`: to `GLACIER` after 90 days"))
        XCTAssertTrue(guide.contains("`shop/mvp/stripe-key` — **you set the value**"))
        XCTAssertTrue(guide.contains("docker build -t \"$REGISTRY/shop-api:$TAG\" -f ../apps/api/Dockerfile --target runtime ../"),
                      guide)
        XCTAssertTrue(guide.contains("`ghcr.io/example/worker:latest` — pin a version tag"))
        XCTAssertTrue(guide.contains("`/api/*` → `api`"))
        XCTAssertTrue(guide.contains("HTTP → HTTPS redirect on port 80"))
        XCTAssertTrue(guide.contains("`ferry migrate postgres --from postgresql://…@127.0.0.1:5432/DB --in-vpc`"))
        XCTAssertTrue(guide.contains("`ferry migrate objects`"))
        XCTAssertTrue(guide.contains("`ferry migrate plan`"))
    }

    func testCostTableAndSavings() {
        XCTAssertTrue(guide.contains("| **Total**"), guide)
        XCTAssertTrue(guide.contains("**$123.45**"))
        XCTAssertTrue(guide.contains("+$33.58"))
        XCTAssertTrue(guide.contains("Fargate Spot for workers: −$4.20 a month"), guide)
    }

    func testWithoutCostReportPointsAtTheCommand() {
        let text = GuideRenderer.render(GuideFixtures.blueprint)
        XCTAssertTrue(text.contains("`ferry cost --tier mvp --region eu-west-1`"))
        XCTAssertFalse(text.contains("| **Total**"))
    }

    func testFindingsIncludePolicyAndWaivers() {
        let policy = [
            Finding(id: "FERRY-S3-001", severity: .error, message: "Bucket without TLS policy.", subject: "buckets.uploads",
                    fix: "Add a deny-insecure-transport policy."),
            Finding(id: "FERRY-IAM-002", severity: .warning, message: "Wildcard.", subject: "roles.api-task", fix: "Scope it.",
                    waiver: "Needed for presigned URLs."),
        ]
        let text = GuideRenderer.render(GuideFixtures.blueprint, findings: policy)
        let findings = text.components(separatedBy: "## Findings")[1].components(separatedBy: "\n## ")[0]
        XCTAssertLessThan(findings.range(of: "FERRY-S3-001")!.lowerBound, findings.range(of: "FERRY-PLAN-001")!.lowerBound)
        XCTAssertTrue(findings.contains("Needed for presigned URLs."))
    }

    func testContentsLinksResolveToHeadings() {
        let anchors = Set(guide.split(separator: "\n").filter { $0.hasPrefix("## ") || $0.hasPrefix("### ") }
            .map { Markdown.anchor(String($0.drop(while: { $0 == "#" || $0 == " " }))) })
        for link in guide.matches(of: /\]\(#([a-z0-9-]+)\)/) {
            XCTAssertTrue(anchors.contains(String(link.output.1)), "dangling link #\(link.output.1)")
        }
    }

    func testMermaidBlockIsPresent() {
        XCTAssertTrue(guide.contains("```mermaid\nflowchart TB\n"))
    }

    private func line(containing needle: String) -> String {
        guide.split(separator: "\n").first { $0.contains(needle) }.map(String.init) ?? ""
    }
}
