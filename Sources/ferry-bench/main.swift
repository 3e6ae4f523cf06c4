import ComposeKit
import Foundation

// ferry-bench CASE [ARGS...]: timing harness for release builds. Each case is one entry
// in `benchmarks`; add yours there.
let benchmarks: [String: (_ args: [String]) throws -> Void] = [
    "load": LoadBenchmark.run,
    // plan + CloudFormation render; getsentry is the case to watch (aim under 100 ms).
    "generate": { try PlanBenchmark.run($0 + ["--generate"]) },
    "plan": PlanBenchmark.run,
    // plan + Terraform render (aim for getsentry: under 150 ms).
    "terraform": TerraformBenchmark.run,
    // generated projects through every renderer (scripts/generative.sh).
    "generative": GenerativeBenchmark.run,
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let bench = benchmarks[name] else {
    FileHandle.standardError.write(Data("usage: ferry-bench CASE [ARGS...]; cases: \(benchmarks.keys.sorted().joined(separator: ", "))\n".utf8))
    exit(2)
}
do {
    try bench(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("ferry-bench: \(error)\n".utf8))
    exit(1)
}
