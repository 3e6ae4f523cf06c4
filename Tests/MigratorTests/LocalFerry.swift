import Foundation

/// Runs the built `ferry` executable against local servers (no AWS), output to files.
struct LocalFerry {
    var binary: URL
    var directory: URL

    func start(_ arguments: [String], stdout: URL, stderr: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let out = directory.appendingPathComponent("out-\(UUID().uuidString).txt")
        let err = directory.appendingPathComponent("err-\(UUID().uuidString).txt")
        let process = try start(arguments, stdout: out, stderr: err)
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Starts the command, kills it with SIGKILL after `delay` seconds (if still running), and says
    /// whether the kill landed (false: it had finished first).
    func killed(_ arguments: [String], after delay: Double) async throws -> Bool {
        let id = UUID().uuidString
        let process = try start(arguments, stdout: directory.appendingPathComponent("kill-\(id).out"),
                                stderr: directory.appendingPathComponent("kill-\(id).err"))
        try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
        let landed = process.isRunning
        if landed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return landed && process.terminationReason == .uncaughtSignal
    }
}

/// How many random kill points the kill -9 trials use: `FERRY_KILL_TRIALS` (the recorded runs use 20), else 3.
enum KillTrials {
    static var count: Int { ProcessInfo.processInfo.environment["FERRY_KILL_TRIALS"].flatMap(Int.init) ?? 3 }

    /// A line for the record (docs/BENCHMARKS.md): printed, and appended to FERRY_KILL_TRIALS_LOG when set.
    static func record(_ line: String) {
        print("kill-trials: \(line)")
        guard let path = ProcessInfo.processInfo.environment["FERRY_KILL_TRIALS_LOG"] else { return }
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data((line + "\n").utf8))
            try? handle.close()
        }
    }
}
