import Foundation
import XCTest
@testable import ComposeKit

/// Loads every stack of the shared corpus and seed projects with `--profile '*'`, as
/// `stacks.tsv` says (its `setup_env` copied to `.env` in a temporary copy), and checks
/// the service count against `manifest.tsv`.
final class CorpusTests: XCTestCase {
    /// Stacks whose upstream repository lacks a file the compose file needs, or that
    /// need variables only a real `.env` would set (see the manifest notes): they must
    /// fail with a clear error that names what is missing.
    static let expectedFailures: [String: String] = [
        "chatwoot-chatwoot": "/.env not found",                            // env_file .env not in repo
        "mahdi-vajdi-sleepr-nestjs": "apps/payments/.env not found",       // env files deliberately not saved
        "mastodon-mastodon": "/.env.production not found",                 // only a sample upstream
        "documenso-documenso-production": "required variable",            // ${VAR:?err}, no env file in repo
        "sameersbn-docker-gitlab-swarm": "required variable",             // ${VAR:?}, no env file in repo
        "haiwen-seafile-caddy": "required variable JWT_PRIVATE_KEY",       // ${VAR:?}, its env file leaves it for the user to fill
        "AzuraCast-AzuraCast-sample": "azuracast.env not found",           // written by the project's installer
        "rybbit-io-rybbit": "invalid port \"\"",                          // ports: ["${HOST_BACKEND_PORT}"], set only in .env.example
    ]

    /// Where the manifest's count describes another file combination than stacks.tsv loads.
    static let countOverrides: [String: Int] = [
        "mattermost-docker": 2,   // manifest counts the nginx overlay; stacks.tsv loads docker-compose.without-nginx.yml
    ]

    /// Seed projects have no manifest; counts checked by hand against their compose files.
    static let seedCounts: [String: Int] = [
        "asculticor": 3, "asculticor-head": 5, "clarity-backend": 3, "clarity-backend-full": 4,
        "clarity-backend-pr15-dev": 16, "clarity-backend-pr16-observability": 12, "smartboard": 13,
        "smartboard-head": 14, "cardiology-optimizer": 2,
    ]

    struct Stack { var slug, folder: String; var files: [String]; var setupEnv: String?; var root: String }

    static func stacks(_ tsv: String, root: String) throws -> [Stack] {
        try String(contentsOfFile: tsv, encoding: .utf8).split(separator: "\n").dropFirst().compactMap { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 3 else { return nil }
            let setup = cols.count > 3 && !cols[3].isEmpty ? cols[3] : nil
            return Stack(slug: cols[0], folder: cols[1], files: cols[2].split(separator: " ").map(String.init), setupEnv: setup, root: root)
        }
    }

    static func manifestCounts(_ path: String) throws -> [String: Int] {
        var out: [String: Int] = [:]
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init),
              let col = header.firstIndex(of: "services_count") else { return out }
        for line in lines.dropFirst() {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if cols.count > col, let n = Int(cols[col]) { out[cols[0]] = n }
        }
        return out
    }

    /// Copies the stack's folder to a temporary directory, loads it twice (the output must
    /// be byte-identical) and returns the project.
    static func load(_ stack: Stack) throws -> Project {
        let fm = FileManager.default
        let tmp = NSTemporaryDirectory() + "ferry-corpus-" + UUID().uuidString
        try fm.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: tmp) }
        let copy = tmp + "/" + stack.folder
        try fm.copyItem(atPath: stack.root + "/" + stack.folder, toPath: copy)
        if let setup = stack.setupEnv, let first = stack.files.first {
            let target = Paths.directory(of: copy + "/" + first) + "/.env"
            if fm.fileExists(atPath: target) { try fm.removeItem(atPath: target) }
            try fm.copyItem(atPath: copy + "/" + setup, toPath: target)
        }
        let options = LoadOptions(files: stack.files.map { copy + "/" + $0 }, profiles: ["*"],
                                  environment: ["HOME": "/home/ferry"], currentDirectory: copy)
        let project = try ComposeLoader.load(options)
        XCTAssertEqual(project.configDocument.json(), try ComposeLoader.load(options).configDocument.json(), "\(stack.slug): output not deterministic")
        return project
    }

    func testWholeCorpusLoads() throws {
        let shared = try TestSupport.sharedFixtures()
        let corpus = try Self.stacks(shared + "/corpus/stacks.tsv", root: shared + "/corpus")
        let seeds = try Self.stacks(shared + "/seed-projects/stacks.tsv", root: shared + "/seed-projects")
        let counts = try Self.manifestCounts(shared + "/corpus/manifest.tsv")
        XCTAssertGreaterThanOrEqual(corpus.count, 50)
        var loaded = 0, failedAsExpected = 0
        for stack in corpus + seeds {
            do {
                let project = try Self.load(stack)
                loaded += 1
                XCTAssertNil(Self.expectedFailures[stack.slug], "\(stack.slug) loaded but was expected to fail")
                if let expected = Self.countOverrides[stack.slug] ?? counts[stack.slug] ?? Self.seedCounts[stack.slug] {
                    XCTAssertEqual(project.services.count, expected, "\(stack.slug): services")
                } else {
                    XCTFail("\(stack.slug): no expected service count")
                }
            } catch let error as ComposeError {
                if let expected = Self.expectedFailures[stack.slug] {
                    XCTAssertTrue(error.description.contains(expected), "\(stack.slug): \(error)")
                    XCTAssertNotNil(error.location, "\(stack.slug): \(error) has no location")
                    failedAsExpected += 1
                } else {
                    XCTFail("\(stack.slug): \(error)")
                }
            }
        }
        print("corpus: \(loaded) stacks loaded, \(failedAsExpected) failed as expected (missing upstream files / required variables), of \(corpus.count + seeds.count)")
    }
}
