import ComposeKit
import Foundation
import Planner
import Renderers

/// `ferry-bench generate [--iterations N] [-f FILE]... [DIR]`: loads the project once, then plans and
/// renders the CloudFormation output N times (after one warm-up) and prints min / median / mean wall time
/// of plan + render. getsentry (57 services, nested stacks) is the case to watch: aim under 100 ms.
enum GenerateBenchmark {
    static func run(_ args: [String]) throws {
        var iterations = 20
        var files: [String] = []
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
            default:
                directory = args[i]
            }
            i += 1
        }
        let cwd = directory.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
            ?? FileManager.default.currentDirectoryPath
        let project = try ComposeLoader.load(LoadOptions(files: files, environment: ProcessInfo.processInfo.environment, currentDirectory: cwd))
        let warmUp = CloudFormationRenderer.render(Planner.plan(project))
        var times: [Double] = []
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = CloudFormationRenderer.render(Planner.plan(project))
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        let mean = times.reduce(0, +) / Double(times.count)
        let bytes = warmUp.files.reduce(0) { $0 + $1.contents.utf8.count }
        print(String(format: "generate %@: %d services, %d files, %d bytes, %d iterations: min %.2f ms, median %.2f ms, mean %.2f ms",
                     project.name, project.services.count, warmUp.files.count, bytes, iterations, times[0], times[times.count / 2], mean))
    }
}
