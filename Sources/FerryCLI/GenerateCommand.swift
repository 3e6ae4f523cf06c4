import ArgumentParser
import Blueprint
import Foundation
import Planner
import Renderers

/// One `--target` of `ferry generate`: a name and a pure function from the Blueprint to files.
/// A new target (github-actions, terraform) is one more entry in `GenerateTarget.all`.
struct GenerateTarget: Sendable {
    var name: String
    var summary: String
    /// Files to write and problems that make the output unusable (reported, nothing written).
    var render: @Sendable (Blueprint, GenerateContext) -> (files: [RenderedFile], problems: [String])

    static let cloudFormation = GenerateTarget(
        name: "cloudformation",
        summary: "CloudFormation template(s), parameters file and deploy README",
        render: { blueprint, _ in
            let rendering = CloudFormationRenderer.render(blueprint)
            return (rendering.files, rendering.problems)
        })

    /// Every target, in the order `--help` lists them.
    static let all: [GenerateTarget] = [cloudFormation, githubActions, terraform]

    static func named(_ name: String) -> GenerateTarget? { all.first { $0.name == name.lowercased() } }
}

/// Where the project and the output are, for targets whose files depend on the repository layout.
struct GenerateContext: Sendable {
    var projectDirectory: String
    var outputDirectory: String
}

/// `ferry generate --target cloudformation -o DIR`: plan the project and write infrastructure code.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write infrastructure code for the planned AWS architecture.",
        discussion: "Targets: " + GenerateTarget.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")
            + ". Files an earlier run wrote that this run no longer produces are removed."
    )

    @ParentCommand var root: Ferry
    /// The project flags may also follow the subcommand (`ferry generate -f x.yaml …`).
    @OptionGroup var local: ProjectOptions
    @OptionGroup var planning: PlanningOptions

    @Option(name: .long, help: "What to generate: \(GenerateTarget.all.map(\.name).joined(separator: ", ")).")
    var target: String = GenerateTarget.cloudFormation.name

    @Option(name: [.customShort("o"), .customLong("output")], help: "Directory to write into (created if missing).")
    var output: String

    func validate() throws {
        guard GenerateTarget.named(target) != nil else {
            throw ValidationError("unknown target '\(target)'; choose one of: \(GenerateTarget.all.map(\.name).joined(separator: ", "))")
        }
        guard !output.isEmpty else { throw ValidationError("-o/--output needs a directory") }
    }

    func run() throws {
        guard let generator = GenerateTarget.named(target) else { throw ExitCode(2) }
        try CLIError.reporting {
            let project = try root.project.overridden(by: local).loadProject()
            CLIError.printDiagnostics(project)
            let blueprint = Planner.plan(project, options: planning.planOptions)
            let (files, problems) = generator.render(blueprint, GenerateContext(projectDirectory: project.workingDirectory, outputDirectory: output))
            guard problems.isEmpty else {
                for problem in problems { CLIError.printError("ferry: \(problem)") }
                throw CLIError.input("ferry: nothing written: the \(generator.name) output would be invalid (a planner inconsistency; please report it)")
            }
            let written: [String]
            do {
                written = try GeneratedFiles.write(files, to: output)
            } catch {
                throw CLIError.input("ferry: \(output): \(error.localizedDescription)")
            }
            print("wrote \(written.count) file\(written.count == 1 ? "" : "s") to \(output): \(written.joined(separator: ", "))")
        }
    }
}

/// Writes generated files and removes the ones an earlier run generated that this run no longer does
/// (a stack that stopped needing nested templates), remembered in `.ferry-generated`.
enum GeneratedFiles {
    static let manifest = ".ferry-generated"

    static func write(_ files: [RenderedFile], to directory: String) throws -> [String] {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        let manifestURL = root.appendingPathComponent(manifest)
        let previous = (try? String(contentsOf: manifestURL, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        let paths = files.map(\.path)
        for file in files {
            guard isSafeRelativePath(file.path) else { throw CocoaError(.fileWriteInvalidFileName) }
            let url = root.appendingPathComponent(file.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
        }
        for stale in Set(previous).subtracting(paths).sorted() where isSafeRelativePath(stale) {
            try? fm.removeItem(at: root.appendingPathComponent(stale))
        }
        try Data((paths.sorted().joined(separator: "\n") + "\n").utf8).write(to: manifestURL, options: .atomic)
        return paths
    }

    /// Renderers return relative paths without `..`; anything else is refused rather than written outside.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
    }
}
