import Foundation

/// `credential_process`: runs the command (through `/bin/sh -c`, as the CLI's shell-like splitting
/// would) and reads `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`
/// from its stdout. Its stderr passes through to the user (it may be prompting for MFA).
enum CredentialProcess {
    struct Output: Decodable {
        var Version: Int
        var AccessKeyId: String
        var SecretAccessKey: String
        var SessionToken: String?
        var Expiration: String?
    }

    static func run(_ command: String, profile: String) async throws -> AWSCredentials {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AWSClientError.credentialSource("profile '\(profile)': cannot start credential_process: \(error.localizedDescription)")
        }
        // Read before waiting: a chatty process would otherwise block on a full pipe.
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw AWSClientError.credentialSource("profile '\(profile)': credential_process exited with status \(process.terminationStatus)")
        }
        guard let output = try? JSONDecoder().decode(Output.self, from: data) else {
            // Never echo the output: it is, or was meant to be, a secret.
            throw AWSClientError.credentialSource("profile '\(profile)': credential_process did not print the expected JSON (Version, AccessKeyId, SecretAccessKey)")
        }
        guard output.Version == 1 else {
            throw AWSClientError.credentialSource("profile '\(profile)': credential_process printed Version \(output.Version); only 1 is defined")
        }
        return AWSCredentials(accessKeyID: output.AccessKeyId, secretAccessKey: output.SecretAccessKey,
                              sessionToken: output.SessionToken, expiration: output.Expiration.flatMap(ISO8601.parse),
                              source: "credential_process (profile \(profile))")
    }
}
