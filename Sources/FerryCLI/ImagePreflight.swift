import AWSKit
import Blueprint
import Deployer
import Foundation

/// Before a deploy: which built services have no image in ECR for the tag being deployed, with the
/// commands that push them; with `--build`, runs those commands through the docker CLI. Images whose
/// repository this deploy creates are pushed as soon as CloudFormation reports the repository created.
struct ImagePreflight {
    var client: AWSClient
    var terminal: StandardTerminal
    var build: Bool
    /// Where `docker build` runs: the project directory (build contexts are relative to it).
    var directory: String

    /// Images to push once their repository exists (first deploy with `--build`), keyed by repository name.
    func run(_ blueprint: Blueprint, parameters: [CloudFormation.Parameter]) async throws -> [String: ImageCheck.Image] {
        let images = try await ImageCheck(client: client).images(blueprint, parameters: parameters)
        let missing = images.filter { $0.state != .present }
        guard !missing.isEmpty else { return [:] }
        let pending = missing.filter { $0.state == .noRepository }
        let untagged = missing.filter { $0.state == .missingTag }
        for image in untagged {
            terminal.say("Image missing: ECR repository \(image.repository) has no tag \(image.tag) for \(image.workload).")
        }
        if !pending.isEmpty {
            terminal.say("This deploy creates the ECR repositories \(pending.map(\.repository).joined(separator: ", ")); "
                         + "their services (\(pending.map(\.workload).joined(separator: ", "))) start once the images are pushed.")
        }
        let commands = ImageCheck.commands(for: missing, region: blueprint.region)
        guard build else {
            terminal.say("Push them with these commands from the project directory\(pending.isEmpty ? "" : ", once the repositories exist"), or deploy with --build:")
            for command in commands { terminal.say("  " + ImageCheck.shellLine(command)) }
            return [:]
        }
        try DockerCLI.requireDaemon()
        for command in commands where command.first != "docker" || command[1] == "build" {
            try DockerCLI.run(command, in: directory, terminal: terminal)  // login and every build first
        }
        for image in untagged { try DockerCLI.run(["docker", "push", image.reference], in: directory, terminal: terminal) }
        return Dictionary(uniqueKeysWithValues: pending.map { ($0.repository, $0) })
    }
}

/// The docker CLI, run as a child process with its output passed through.
enum DockerCLI {
    /// `docker info` answers only when a daemon is reachable; the client alone is not enough.
    static func requireDaemon() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker", "info", "--format", "{{.ServerVersion}}"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do { try process.run() } catch {
            throw CLIError.input("--build needs the docker CLI, which was not found on PATH. Build and push with the commands `ferry deploy` prints without --build, on a machine with Docker or in CI (`ferry generate --target github-actions`).")
        }
        let detail = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = detail.split(separator: "\n").first { $0.lowercased().contains("cannot connect") || $0.lowercased().contains("error") }
            throw CLIError.input("--build: no Docker daemon is reachable (\(reason.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "docker info failed")). Nothing was built or deployed. Start Docker, or build and push with the commands `ferry deploy` prints without --build.")
        }
    }

    static func run(_ command: [String], in directory: String, terminal: StandardTerminal) throws {
        terminal.say("$ " + ImageCheck.shellLine(command))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.standardError  // stdout may carry --format json
        process.standardError = FileHandle.standardError
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError.input("`\(ImageCheck.shellLine(command))` failed with exit status \(process.terminationStatus)")
        }
    }
}
