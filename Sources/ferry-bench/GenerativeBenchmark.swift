import Foundation
import PlanGenerator

/// `ferry-bench generative [--count N] [--seed S] [--start I] [--jobs J] [--rotating]
/// [--templates DIR --sample-every K]`: generates projects, checks each (load, plan at every tier, every
/// renderer; with `--rotating` the renderers besides CloudFormation at one tier per project) and prints the failure classes, each with the smallest project that shows it, and the time
/// per stage. `--templates` writes every K-th mvp template there for cfn-lint. Exits 1 on any failure.
/// `ferry-bench generative [--seed S] --start I --emit DIR` writes project I to DIR (flags before `--emit`
/// apply); `--check DIR` checks one project (DIR/compose.yaml), for reducing a failure.
enum GenerativeBenchmark {
    static func checkDirectory(_ path: String) throws {
        let dir = URL(fileURLWithPath: path)
        let text = (try? String(contentsOf: dir.appendingPathComponent("compose.yaml"), encoding: .utf8)) ?? ""
        let dotenv = (try? String(contentsOf: dir.appendingPathComponent(".env"), encoding: .utf8)) ?? ""
        let outcome = try ConsistencyCheck().run(projectAt: dir, profiles: ["*"],
                                                 secretValues: GeneratedProject.secretLiterals(in: text + "\n" + dotenv))
        if let error = outcome.loadError { throw BenchError("does not load: \(error)") }
        print(outcome.failures.isEmpty ? "ok" : outcome.failures.joined(separator: "\n"))
        if !outcome.failures.isEmpty { exit(1) }
    }

    static func run(_ args: [String]) throws {
        var count = 100_000, seed: UInt64 = 20_240_601, start = 0, rotating = false
        var jobs = min(2, ProcessInfo.processInfo.activeProcessorCount)
        var templates: String?, sampleEvery = 1000
        var rest = args[...]
        func value(_ flag: String) throws -> String {
            guard let v = rest.popFirst() else { throw BenchError("\(flag) needs a value") }
            return v
        }
        while let arg = rest.popFirst() {
            switch arg {
            case "--count", "-n": count = try Int(value(arg)).orThrow("--count needs a number")
            case "--seed": seed = try UInt64(value(arg)).orThrow("--seed needs a number")
            case "--start": start = try Int(value(arg)).orThrow("--start needs a number")
            case "--rotating": rotating = true
            case "--jobs", "-j": jobs = max(1, try Int(value(arg)).orThrow("--jobs needs a number"))
            case "--templates": templates = try value(arg)
            case "--check": return try checkDirectory(try value(arg))
            case "--emit":
                let dir = try value(arg)
                let project = ComposeProjectGenerator(seed: seed).project(start)
                try project.write(to: URL(fileURLWithPath: dir))
                return print(project.reproduction, terminator: "")
            case "--sample-every": sampleEvery = max(1, try Int(value(arg)).orThrow("--sample-every needs a number"))
            default: throw BenchError("unknown argument \(arg)")
            }
        }
        let check = try ConsistencyCheck(tiers: [.dev, .mvp, .prod], everyRenderer: rotating ? .rotating : .tiers([.dev, .mvp, .prod]))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-generative-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let began = DispatchTime.now().uptimeNanoseconds
        let sampling = templates != nil
        let result = GenerativeRun(seed: seed, check: check).run(start..<(start + count), scratch: scratch, jobs: jobs,
                                                                 sample: { [sampleEvery] in sampling && $0 % sampleEvery == 0 })
        print(result.summary(seconds: Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9))
        if let templates {
            try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
            for (project, json) in result.sampledTemplates {
                try Data(json.utf8).write(to: URL(fileURLWithPath: templates).appendingPathComponent("template-\(project.index).json"))
            }
        }
        if !result.loadErrors.isEmpty { print("\nload errors:\n" + result.loadErrorReport) }
        if !result.classes.isEmpty { print("\n" + result.failureReport) }
        if !result.loadErrors.isEmpty || !result.classes.isEmpty { exit(1) }
    }
}

extension Optional {
    func orThrow(_ message: String) throws -> Wrapped {
        guard let self else { throw BenchError(message) }
        return self
    }
}
