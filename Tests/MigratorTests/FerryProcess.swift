import AWSTestSupport
import Foundation

/// Runs the built `ferry` executable as a child process, pointed at a moto_server (or, without one,
/// at local servers only, with the environment as it is).
struct FerryProcess {
    var binary: URL
    var moto: MotoServer?
    var directory: URL

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        guard let moto else { return env }
        for key in env.keys where key.hasPrefix("AWS_") { env.removeValue(forKey: key) }
        env["AWS_ACCESS_KEY_ID"] = moto.credentials.accessKeyID
        env["AWS_SECRET_ACCESS_KEY"] = moto.credentials.secretAccessKey
        env["AWS_REGION"] = "us-east-1"
        env["AWS_CONFIG_FILE"] = "/dev/null"
        env["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        env["AWS_EC2_METADATA_DISABLED"] = "true"
        return env
    }

    func start(_ arguments: [String], stdout: URL, stderr: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs to the end: exit status, stdout, stderr.
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
