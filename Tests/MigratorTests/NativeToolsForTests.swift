import Foundation
import XCTest

/// cfn-lint and botocore from the test virtualenv (FERRY_TEST_VENV). A missing venv skips with a
/// visible message, and fails under CI.
enum NativeTools {
    static func venv(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        guard let path = ProcessInfo.processInfo.environment["FERRY_TEST_VENV"], !path.isEmpty else {
            return try TestEnvironment.missing("FERRY_TEST_VENV is not set (point it at the test virtualenv, e.g. FERRY_TEST_VENV=$PWD/.venv-test)", file: file, line: line)
        }
        return URL(fileURLWithPath: path)
    }

    static func tool(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let url = try venv(file: file, line: line).appendingPathComponent("bin/\(name)")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            return try TestEnvironment.missing("\(url.path) not found (run scripts/setup-test-tools.sh)", file: file, line: line)
        }
        return url
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ executable: URL, _ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting: a full pipe would block the child forever.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    struct LintMatch: Decodable, CustomStringConvertible {
        struct RuleInfo: Decodable { var Id: String }
        struct Span: Decodable {
            struct Point: Decodable { var LineNumber: Int }
            var Start: Point
        }
        var Level: String
        var Message: String
        var Filename: String
        var Rule: RuleInfo
        var Location: Span

        var description: String { "\(Filename):\(Location.Start.LineNumber): \(Level) \(Rule.Id) \(Message)" }
    }

    /// Every match cfn-lint reports for `templates` (one process: its start-up dominates).
    static func lint(_ templates: [URL]) throws -> [LintMatch] {
        let result = try run(try tool("cfn-lint"), ["--format", "json", "--regions", "us-east-1", "--"] + templates.map(\.path))
        guard let matches = try? JSONDecoder().decode([LintMatch].self, from: Data(result.stdout.utf8)) else {
            throw NSError(domain: "cfn-lint", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: "cfn-lint exited \(result.status): \(result.stderr)\(result.stdout)"])
        }
        return matches
    }

    /// Checks `document` against the input shape of `operation` in botocore's model of `service`;
    /// returns botocore's complaint, or nil when the document is valid.
    static func botocoreProblem(service: String, operation: String, document: URL) throws -> String? {
        let script = """
        import json, sys
        import botocore.session
        from botocore.exceptions import ParamValidationError
        from botocore.validate import validate_parameters
        service, operation, path = sys.argv[1:4]
        shape = botocore.session.get_session().get_service_model(service).operation_model(operation).input_shape
        try:
            validate_parameters(json.load(open(path)), shape)
        except ParamValidationError as error:
            print(error)
            sys.exit(1)
        """
        let result = try run(try tool("python"), ["-c", script, service, operation, document.path])
        if result.status == 0 { return nil }
        return result.stdout + result.stderr
    }
}
