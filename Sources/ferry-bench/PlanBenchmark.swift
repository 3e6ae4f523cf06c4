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
        let parsed = try BenchArguments(args, defaultIterations: 50)
        let iterations = parsed.iterations, generate = parsed.generate
        let project = try ComposeLoader.load(parsed.loadOptions)
        let options = PlanOptions(tier: parsed.tier)
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
