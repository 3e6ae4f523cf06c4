import Foundation
import XCTest
import ComposeKit
import Blueprint
@testable import Planner

/// Plans a compose file written in a test, loaded through the real loader from a temporary
/// directory (with any side files it names: nginx configs, .env), at every tier.
enum ComposeText {
    static func load(_ yaml: String, files: [String: String] = [:]) throws -> Project {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-gen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let compose = dir.appendingPathComponent("compose.yaml")
        try yaml.write(to: compose, atomically: true, encoding: .utf8)
        return try ComposeLoader.load(LoadOptions(files: [compose.path], projectDirectory: dir.path, profiles: [],
                                                  environment: [:], currentDirectory: dir.path))
    }

    static func plan(_ yaml: String, files: [String: String] = [:], tier: Tier = .mvp) throws -> Blueprint {
        Planner.plan(try load(yaml, files: files), options: PlanOptions(tier: tier))
    }

    /// Plans at dev, mvp and prod; fails on any invariant finding. Returns the mvp plan.
    @discardableResult
    static func planConsistently(_ yaml: String, files: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> Blueprint {
        let project = try load(yaml, files: files)
        var mvp: Blueprint?
        for tier in Tier.allCases {
            let b = Planner.plan(project, options: PlanOptions(tier: tier))
            let broken = b.findings.filter { $0.id == InvariantCheck.findingID }.map(\.message)
            XCTAssertEqual(broken, [], "\(tier)", file: file, line: line)
            if tier == .mvp { mvp = b }
        }
        return mvp!
    }
}
