import ComposeKit
import Foundation

/// `ferry-bench load [--iterations N] [--profile P]... [-f FILE]... [DIR]`: loads a project
/// N times (after one warm-up) and prints min / median / mean wall time per load.
enum LoadBenchmark {
    static func run(_ args: [String]) throws {
        let parsed = try BenchArguments(args, defaultIterations: 50)
        let iterations = parsed.iterations
        let options = parsed.loadOptions
        let first = try ComposeLoader.load(options)
        var times: [Double] = []
        let cpuStart = cpuSeconds()
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try ComposeLoader.load(options)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let cpuPerLoad = (cpuSeconds() - cpuStart) * 1000 / Double(iterations)
        times.sort()
        let mean = times.reduce(0, +) / Double(times.count)
        print(String(format: "load %@: %d services, %d iterations: wall min %.2f ms, median %.2f ms, mean %.2f ms; CPU %.2f ms per load",
                     first.name, first.services.count, iterations, times[0], times[times.count / 2], mean, cpuPerLoad))
    }

    /// User + system CPU time of this process: on a shared machine it shows the cost
    /// of a load without the time spent waiting for a core.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
