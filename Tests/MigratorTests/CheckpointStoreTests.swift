import Foundation
import XCTest
@testable import Migrator

/// The write-ahead protocol of the checkpoint: intent before the write, done only after verification,
/// a checkpoint of another migration refused.
final class CheckpointStoreTests: XCTestCase {
    func testIntentThenDoneSurvivesReopening() throws {
        let dir = try TestEnvironment.temporaryDirectory()
        let path = dir.appendingPathComponent("a.sqlite").path
        do {
            let store = try CheckpointStore(path: path, identity: "objects|a|b")
            try store.recordIntent("k1", sourceFingerprint: "size:1", size: 1)
            try store.recordIntent("k2", sourceFingerprint: "size:2", size: 2)
            try store.markDone("k1", expected: "etag1")
        }
        let reopened = try CheckpointStore(path: path, identity: "objects|a|b")
        let items = try reopened.allItems()
        XCTAssertEqual(items["k1"]?.state, .done)
        XCTAssertEqual(items["k1"]?.expected, "etag1")
        XCTAssertEqual(items["k2"]?.state, .intent, "an item whose write was not verified stays to be redone")
        // Redoing a done item clears its done state first: a half-finished redo is never trusted.
        try reopened.recordIntent("k1", sourceFingerprint: "size:1 new", size: 1)
        XCTAssertEqual(try reopened.item("k1")?.state, .intent)
    }

    func testAnotherMigrationsCheckpointIsRefused() throws {
        let dir = try TestEnvironment.temporaryDirectory()
        let path = dir.appendingPathComponent("b.sqlite").path
        _ = try CheckpointStore(path: path, identity: "objects|a|b")
        XCTAssertThrowsError(try CheckpointStore(path: path, identity: "objects|a|c")) { error in
            XCTAssertTrue("\(error)".contains(path), "the error names the file: \(error)")
        }
    }

    func testUnwritableDirectoryIsAClearError() throws {
        XCTAssertThrowsError(try CheckpointStore(path: "/proc/ferry-cannot-write/x.sqlite", identity: "x")) { error in
            guard case MigrationError.checkpoint(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/proc/ferry-cannot-write/x.sqlite")
        }
    }

    func testKeyedHashesDependOnTheSalt() {
        let a = ValueHash.keyed("hunter2", salt: "s1", context: "x")
        XCTAssertEqual(a, ValueHash.keyed("hunter2", salt: "s1", context: "x"))
        XCTAssertNotEqual(a, ValueHash.keyed("hunter2", salt: "s2", context: "x"))
        XCTAssertFalse(a.contains("hunter2"))
    }

    func testPathsAreReadableAndDistinct() {
        let a = CheckpointStore.path(directory: "/p/.ferry/migrations", kind: "objects", target: "my.bucket", identity: "1")
        let b = CheckpointStore.path(directory: "/p/.ferry/migrations", kind: "objects", target: "my.bucket", identity: "2")
        XCTAssertTrue(a.hasPrefix("/p/.ferry/migrations/objects-my-bucket-"))
        XCTAssertNotEqual(a, b)
    }
}
