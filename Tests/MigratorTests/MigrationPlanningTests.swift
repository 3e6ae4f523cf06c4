import Foundation
import XCTest
@testable import Migrator

/// What `migrate plan` estimates with: directory sizes, rates (defaults, then the project's own runs),
/// the thresholds past which one machine is the wrong tool.
final class MigrationPlanningTests: XCTestCase {
    func testDirectorySize() throws {
        let dir = try TestEnvironment.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try Data(count: 1000).write(to: dir.appendingPathComponent("a/one"))
        try Data(count: 24).write(to: dir.appendingPathComponent("a/b/two"))
        let size = SizeProbe.directory(dir.path)
        XCTAssertEqual(size, SourceSize(bytes: 1024, count: 2, unit: "objects"))
        XCTAssertEqual(size.description, "1.0 KiB in 2 objects")
        XCTAssertNotNil(SizeProbe.directory(dir.appendingPathComponent("absent").path).unknown)
    }

    func testRatesLearnFromCompleteVerifiedRunsOnly() throws {
        let book = RateBook(directory: try TestEnvironment.temporaryDirectory().path)
        XCTAssertEqual(book.rate("objects")?.basis, "default (docs/BENCHMARKS.md)")
        var run = MigrationSummary(kind: "objects", source: "a", target: "b")
        run.copied = 1000
        run.items = 1000
        run.bytes = 100_000_000
        run.durationSeconds = 10
        book.record(run)  // not verified: ignored
        XCTAssertEqual(book.rate("objects")?.basis, "default (docs/BENCHMARKS.md)")
        run.verified = true
        var resumed = run
        resumed.skipped = 10
        book.record(resumed)  // a resumed run says nothing of the source's rate
        XCTAssertEqual(book.rate("objects")?.basis, "default (docs/BENCHMARKS.md)")
        book.record(run, now: Date(timeIntervalSince1970: 1_800_000_000))
        let rate = try XCTUnwrap(book.rate("objects"))
        XCTAssertEqual(rate.bytesPerSecond, 10_000_000)
        XCTAssertEqual(rate.itemsPerSecond, 100)
        XCTAssertEqual(rate.basis, "measured: 1 run(s) of this project, last 2027-01-15")
        // 1 GB in 500 objects: the byte bound (100 s) is the slower one; 2 s of start-up.
        XCTAssertEqual(rate.seconds(for: SourceSize(bytes: 1_000_000_000, count: 500, unit: "objects")), 102)
        XCTAssertNil(rate.seconds(for: .unknown("objects", "down")))
    }

    func testThresholds() {
        let small = SourceSize(bytes: 10 << 30, count: 1000, unit: "objects")
        XCTAssertEqual(MigrationScale.reasons(kind: "objects", size: small, estimatedSeconds: 100, downtimeBudget: nil), [])
        XCTAssertEqual(MigrationScale.reasons(kind: "objects", size: SourceSize(bytes: 2 << 40, count: 20_000_000, unit: "objects"),
                                              estimatedSeconds: nil, downtimeBudget: nil),
                       ["more than 1 TiB of objects", "more than 10,000,000 objects"])
        XCTAssertEqual(MigrationScale.reasons(kind: "dynamodb", size: SourceSize(bytes: 60 << 30, count: nil, unit: "items"),
                                              estimatedSeconds: nil, downtimeBudget: nil), ["a table larger than 50 GiB"])
        XCTAssertEqual(MigrationScale.reasons(kind: "postgres", size: SourceSize(bytes: 1 << 30, count: 3, unit: "tables"),
                                              estimatedSeconds: 7200, downtimeBudget: 1800),
                       ["the copy (about 2.0 h) is longer than the downtime budget (30 min)"])
        XCTAssertEqual(MigrationScale.reasons(kind: "mysql", size: SourceSize(bytes: 600 << 30, count: 3, unit: "tables"),
                                              estimatedSeconds: nil, downtimeBudget: nil), ["a database larger than 500 GiB"])
    }
}
