import Blueprint
import ComposeKit
import Foundation
import Planner
import Renderers

/// `ferry-bench plan [--iterations N] [--tier T] [--generate] [--profile P]... [-f FILE]... [DIR]`:
/// loads a project once, then plans it N times (and renders CloudFormation with `--generate`),
/// printing min / median / mean wall time and CPU time per iteration.
enum PlanBenchmark {
    static func run(_ args: [String]) throws {
        var iterations = 50
        var files: [String] = []
        var profiles: [String] = []
        var directory: String?
        var tier: Tier?
        var generate = false
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--iterations", "-n":
                i += 1
                guard i < args.count, let n = Int(args[i]), n > 0 else { throw BenchError("--iterations needs a positive number") }
                iterations = n
            case "--tier":
                i += 1
                guard i < args.count, let t = Tier(rawValue: args[i]) else { throw BenchError("--tier needs dev, mvp or prod") }
                tier = t
            case "--generate":
                generate = true
            case "-f", "--file":
                i += 1
                guard i < args.count else { throw BenchError("-f needs a file") }
                files.append(args[i])
            case "--profile":
                i += 1
                guard i < args.count else { throw BenchError("--profile needs a name") }
                profiles.append(args[i])
            default:
                directory = args[i]
            }
            i += 1
        }
        let cwd = directory.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
            ?? FileManager.default.currentDirectoryPath
        let project = try ComposeLoader.load(LoadOptions(files: files, profiles: profiles,
                                                         environment: ProcessInfo.processInfo.environment, currentDirectory: cwd))
        let options = PlanOptions(tier: tier)
        let warm = Planner.plan(project, options: options)
        if generate { _ = CloudFormationRenderer.render(warm) }
        var times: [Double] = []
        let cpuStart = LoadBenchmark.cpuSeconds()
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let b = Planner.plan(project, options: options)
            if generate { _ = CloudFormationRenderer.render(b) }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let cpu = (LoadBenchmark.cpuSeconds() - cpuStart) * 1000 / Double(iterations)
        times.sort()
        let mean = times.reduce(0, +) / Double(times.count)
        print(String(format: "%@ %@: %d services, %d iterations: wall min %.2f ms, median %.2f ms, mean %.2f ms; CPU %.2f ms",
                     generate ? "plan+generate" : "plan", project.name, project.services.count, iterations,
                     times[0], times[times.count / 2], mean, cpu))
    }
}
