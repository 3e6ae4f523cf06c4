import Foundation
import XCTest

/// The built `ferry` executable run as a user would: arguments, a working directory, environment
/// changes, and what it printed and returned.
enum FerryExecutable {
    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ args: [String], in directory: URL? = nil, environment changes: [String: String?] = [:]) throws -> Run {
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bin.appendingPathComponent("ferry"), bin.deletingLastPathComponent().appendingPathComponent("ferry")]
        guard let exe = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("ferry executable not built next to the tests (swift build --build-tests builds it)")
        }
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        if let directory { p.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in changes { env[key] = value }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
