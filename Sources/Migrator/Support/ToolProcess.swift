import Foundation

/// Runs a database tool to its end: arguments, an environment that carries the password (never the
/// arguments), optional stdin and stdout files. Cancellation (Ctrl-C) terminates the child.
enum ToolProcess {
    struct Result {
        var status: Int32
        var output: String
        /// The last lines of stderr, for the error message.
        var errors: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String], input: String? = nil,
                    outputFile: String? = nil) async throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-tool-\(UUID().uuidString)").path
        let outPath = outputFile ?? scratch + ".out"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: scratch + ".err", contents: nil)
        defer {
            if outputFile == nil { try? FileManager.default.removeItem(atPath: outPath) }
            try? FileManager.default.removeItem(atPath: scratch + ".err")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let input {
            guard let handle = FileHandle(forReadingAtPath: input) else { throw MigrationError.usage("cannot read \(input)") }
            process.standardInput = handle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err"))
        let box = ChildBox(process)
        let status: Int32 = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do { try process.run() } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: MigrationError.usage("cannot start \(executable): \(error)"))
                }
            }
        } onCancel: {
            box.process.terminate()
        }
        try Task.checkCancellation()
        let output = outputFile == nil ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
        let errors = ((try? String(contentsOfFile: scratch + ".err", encoding: .utf8)) ?? "")
            .split(separator: "\n").filter { !$0.contains("Warning") }.suffix(4).joined(separator: " | ")
        return Result(status: status, output: output, errors: errors)
    }

    /// The first executable named `tools` found in `directory`, then PATH, then `extra` folders.
    static func locate(_ tools: [String], directory: String?, extra: [String] = []) -> String? {
        var folders: [String] = []
        if let directory { folders.append(directory) }
        folders += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        folders += extra
        for tool in tools {
            for folder in folders {
                let path = (folder as NSString).appendingPathComponent(tool)
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }
}

/// Runs `body` over `items`, at most `limit` at a time; the first error cancels the rest.
func forEachConcurrently<T: Sendable>(_ items: [T], limit: Int, _ body: @escaping @Sendable (T) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var next = 0
        for _ in 0..<min(max(1, limit), items.count) {
            let item = items[next]; next += 1
            group.addTask { try await body(item) }
        }
        while try await group.next() != nil {
            if next < items.count {
                let item = items[next]; next += 1
                group.addTask { try await body(item) }
            }
        }
    }
}

/// Lets the cancellation handler stop the child process (Process itself is not Sendable).
private final class ChildBox: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}
