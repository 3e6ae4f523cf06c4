import ComposeKit
import Foundation

/// `ferry-bench load [--iterations N] [--profile P]... [-f FILE]... [DIR]`: loads a project
/// N times (after one warm-up) and prints min / median / mean wall time per load.
enum LoadBenchmark {
    static func run(_ args: [String]) throws {
        var iterations = 50
        var files: [String] = []
        var profiles: [String] = []
        var directory: String?
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--iterations", "-n":
                i += 1
                guard i < args.count, let n = Int(args[i]), n > 0 else { throw BenchError("--iterations needs a positive number") }
                iterations = n
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
        let options = LoadOptions(files: files, profiles: profiles, environment: ProcessInfo.processInfo.environment, currentDirectory: cwd)
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
