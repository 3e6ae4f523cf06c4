import AWSTestSupport
import Foundation

/// Runs the built `ferry` executable as a child process, pointed at a moto_server.
struct FerryProcess {
    var binary: URL
    var moto: MotoServer
    var directory: URL

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
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
}
