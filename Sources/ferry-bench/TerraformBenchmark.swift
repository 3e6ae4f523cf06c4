import ComposeKit
import Foundation
import Planner
import Renderers

/// `ferry-bench terraform [--iterations N] [--tier T] [--profile P]... [-f FILE]... [DIR]`: loads a project
/// once, then plans it and renders Terraform N times (the aim: getsentry under 150 ms).
enum TerraformBenchmark {
    static func run(_ args: [String]) throws {
        let parsed = try BenchArguments(args, defaultIterations: 50)
        let project = try ComposeLoader.load(parsed.loadOptions)
        let options = PlanOptions(tier: parsed.tier)
        _ = TerraformRenderer.render(Planner.plan(project, options: options))
        var times: [Double] = []
        let cpuStart = LoadBenchmark.cpuSeconds()
        for _ in 0..<parsed.iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = TerraformRenderer.render(Planner.plan(project, options: options))
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let cpu = (LoadBenchmark.cpuSeconds() - cpuStart) * 1000 / Double(parsed.iterations)
        times.sort()
        let mean = times.reduce(0, +) / Double(times.count)
        print(String(format: "plan+terraform %@: %d services, %d iterations: wall min %.2f ms, median %.2f ms, mean %.2f ms; CPU %.2f ms",
                     project.name, project.services.count, parsed.iterations, times[0], times[times.count / 2], mean, cpu))
    }
}
