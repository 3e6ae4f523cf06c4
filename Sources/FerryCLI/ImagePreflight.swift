import AWSKit
import Blueprint
import Deployer
import Foundation

/// Before a deploy: which built services have no image in ECR for the tag being deployed, the commands
/// that push them, and (`--build`) running those commands through the docker CLI.
struct ImagePreflight {
    var client: AWSClient
    var terminal: StandardTerminal
    /// Where `docker build` runs: the project directory (build contexts are relative to it).
    var directory: String

    /// The built images that ECR does not hold for the tag being deployed.
    func missing(_ blueprint: Blueprint, parameters: [CloudFormation.Parameter]) async throws -> [ImageCheck.Image] {
        try await ImageCheck(client: client).images(blueprint, parameters: parameters).filter { $0.state != .present }
    }

    func explain(_ missing: [ImageCheck.Image], region: String) {
        for image in missing where image.state == .missingTag {
            terminal.say("Image missing: ECR repository \(image.repository) has no tag \(image.tag) for \(image.workload).")
        }
        let pending = missing.filter { $0.state == .noRepository }
        if !pending.isEmpty {
            terminal.say("This deploy creates the ECR repositories \(pending.map(\.repository).joined(separator: ", ")); "
                         + "their services (\(pending.map(\.workload).joined(separator: ", "))) start once the images are pushed.")
        }
    }

    func printCommands(_ missing: [ImageCheck.Image], region: String) {
        terminal.say("Push the images from the project directory (or deploy with --build to have ferry run these):")
        for command in ImageCheck.commands(for: missing, region: region) { terminal.say("  " + ImageCheck.shellLine(command)) }
    }

    /// `docker login` and `docker build` for each image: before anything is created, so a broken build
    /// stops the deploy early.
    func build(_ images: [ImageCheck.Image], region: String) throws {
        try DockerCLI.requireDaemon()
        for command in ImageCheck.commands(for: images, region: region) where !(command.first == "docker" && command[1] == "push") {
            try DockerCLI.run(command, in: directory, terminal: terminal)
        }
    }

    func push(_ images: [ImageCheck.Image]) throws {
        for image in images { try DockerCLI.run(["docker", "push", image.reference], in: directory, terminal: terminal) }
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
            throw CLIError.input("--build needs the docker CLI, which was not found on PATH. Nothing was built or deployed. Push with the commands `ferry deploy` prints without --build, on a machine with Docker or in CI (`ferry generate --target github-actions`).")
        }
        let detail = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = detail.split(separator: "\n").first { $0.lowercased().contains("cannot connect") || $0.lowercased().contains("error") }
            throw CLIError.input("--build: no Docker daemon is reachable (\(reason.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "docker info failed")). Nothing was built or deployed. Start Docker, or push with the commands `ferry deploy` prints without --build.")
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
