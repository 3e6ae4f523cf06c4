import Foundation
import XCTest

/// scripts/refresh-prices.py against a small offer file written here (the shape of AWS's public
/// Price List offer files: products with attributes, on-demand terms with price dimensions).
final class RefreshScriptTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testRefreshUpdatesMatchingRowsAndDropsTheUnconfirmedMark() throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else {
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("python3 not found") }
            throw XCTSkip("python3 not found")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-refresh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = dir.appendingPathComponent("prices.tsv")
        try """
        service\tregion\tusage_key\tunit\tusd\tsource\tas_of
        fargate\teu-central-1\tvcpu-hours.arm\tvCPU-hour\t0.03725\thttps://aws.amazon.com/fargate/pricing/ [unconfirmed]\t2026-11-23
        fargate\teu-central-1\tvcpu-hours.spot\tvCPU-hour\t0.013968\thttps://aws.amazon.com/fargate/pricing/\t2026-11-23
        s3\teu-central-1\tput-requests-1k\t1,000 requests\t0.0054\thttps://aws.amazon.com/s3/pricing/ [unconfirmed]\t2026-11-23

        """.write(to: catalog, atomically: true, encoding: .utf8)
        let offer = dir.appendingPathComponent("offer.json")
        func product(_ sku: String, _ usagetype: String) -> String {
            "\"\(sku)\": {\"sku\": \"\(sku)\", \"attributes\": {\"regionCode\": \"eu-central-1\", \"usagetype\": \"\(usagetype)\"}}"
        }
        func term(_ sku: String, _ usd: String) -> String {
            "\"\(sku)\": {\"\(sku).T\": {\"priceDimensions\": {\"\(sku).T.R\": {\"unit\": \"x\", \"beginRange\": \"0\", \"pricePerUnit\": {\"USD\": \"\(usd)\"}}}}}"
        }
        try """
        {"offerCode": "AmazonECS", "publicationDate": "2026-10-01T00:00:00Z",
         "products": {\(product("A", "EUC1-Fargate-ARM-vCPU-Hours:perCPU")), \(product("B", "EUC1-Fargate-vCPU-Hours:perCPU"))},
         "terms": {"OnDemand": {\(term("A", "0.0372500000")), \(term("B", "0.0465600000"))}}}
        """.write(to: offer, atomically: true, encoding: .utf8)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [Self.repo.appendingPathComponent("scripts/refresh-prices.py").path, "--catalog", catalog.path, offer.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let rows = try String(contentsOf: catalog, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        let arm = try XCTUnwrap(rows.first { $0.count == 7 && $0[2] == "vcpu-hours.arm" })
        XCTAssertEqual(arm[4], "0.03725")
        XCTAssertEqual(arm[5], "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonECS/current/eu-central-1/index.json (published 2026-10-01)")
        XCTAssertEqual(arm[6], "2026-10-01")
        // Spot is not in offer files; rows of other services are untouched.
        XCTAssertEqual(rows.first { $0.count == 7 && $0[2] == "vcpu-hours.spot" }?[5], "https://aws.amazon.com/fargate/pricing/")
        XCTAssertTrue(rows.first { $0.count == 7 && $0[2] == "put-requests-1k" }?[5].hasSuffix("[unconfirmed]") ?? false)
    }
}
