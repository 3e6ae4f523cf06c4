import Foundation

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
