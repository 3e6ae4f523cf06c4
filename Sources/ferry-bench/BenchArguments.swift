import Blueprint
import ComposeKit
import Foundation

/// The flags every benchmark case takes: `[--iterations N] [--tier T] [--generate] [--profile P]...
/// [-f FILE]... [DIR]`. A case ignores the ones it has no use for.
struct BenchArguments {
    var iterations: Int
    var files: [String] = []
    var profiles: [String] = []
    var directory: String?
    var tier: Tier?
    var generate = false

    init(_ args: [String], defaultIterations: Int) throws {
        iterations = defaultIterations
        var rest = args[...]
        func value(for flag: String) throws -> String {
            guard let v = rest.popFirst() else { throw BenchError("\(flag) needs a value") }
            return v
        }
        while let arg = rest.popFirst() {
            switch arg {
            case "--iterations", "-n":
                guard let n = Int(try value(for: arg)), n > 0 else { throw BenchError("--iterations needs a positive number") }
                iterations = n
            case "--tier":
                guard let t = Tier(rawValue: try value(for: arg)) else { throw BenchError("--tier needs dev, mvp or prod") }
                tier = t
            case "--generate": generate = true
            case "-f", "--file": files.append(try value(for: arg))
            case "--profile": profiles.append(try value(for: arg))
            default: directory = arg
            }
        }
    }

    /// Load options for the project named by `-f`/`DIR`, with the process environment.
    var loadOptions: LoadOptions {
        let here = FileManager.default.currentDirectoryPath
        let cwd = directory.map { $0.hasPrefix("/") ? $0 : here + "/" + $0 } ?? here
        return LoadOptions(files: files, profiles: profiles, environment: ProcessInfo.processInfo.environment, currentDirectory: cwd)
    }
}
