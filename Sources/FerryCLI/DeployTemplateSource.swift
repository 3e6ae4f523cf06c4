import Blueprint
import ComposeKit
import Deployer
import Foundation
import Planner
import Renderers

/// The template `ferry deploy` submits: the `--template` file, or the project's own CloudFormation
/// rendered on the spot (load → plan → render), as `ferry generate` would write it.
enum DeployTemplateSource {
    struct Template {
        var text: String
        /// Shown in error messages.
        var origin: String
        /// Nested templates by the relative `TemplateURL` the root names them with.
        var nested: [String: String] = [:]
        /// The plan it was rendered from (nil for `--template`).
        var blueprint: Blueprint?
    }

    static func read(_ path: String) throws -> Template {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.input("\(path): cannot read the template")
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            return Template(text: text, origin: path, nested: try NestedTemplates.read(besides: path, text: text))
        } catch let error as DeployError {
            throw CLIError.input(error.description)
        }
    }

    /// Renders the Compose project; a project over CloudFormation's limits comes with its nested templates.
    static func render(project options: ProjectOptions, planning: PlanOptions) throws -> Template {
        let project = try options.loadProject()
        CLIError.printDiagnostics(project)
        let blueprint = Planner.plan(project, options: planning)
        let rendering = CloudFormationRenderer.render(blueprint)
        let nestedPaths = Set(rendering.stacks.nested.map(\.path))
        let nested = Dictionary(uniqueKeysWithValues: rendering.files.filter { nestedPaths.contains($0.path) }.map { ($0.path, $0.contents) })
        guard let root = rendering.files.first(where: { $0.path == CloudFormationRenderer.templateFileName }) else {
            throw CLIError.input("the CloudFormation renderer produced no \(CloudFormationRenderer.templateFileName)")
        }
        return Template(text: root.contents, origin: "rendered \(CloudFormationRenderer.templateFileName)", nested: nested, blueprint: blueprint)
    }
}
