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
    static func render(project options: ProjectOptions, region: String?) throws -> Template {
        let project = try options.loadProject()
        CLIError.printDiagnostics(project)
        // An explicit --region wins; then x-ferry.region (applied by the planner); then AWS_REGION.
        let env = ProcessInfo.processInfo.environment
        let planOptions = PlanOptions(tier: nil, region: region ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"], environment: nil)
        let blueprint = Planner.plan(project, options: planOptions)
        let rendering = CloudFormationRenderer.render(blueprint)
        let nestedPaths = Set(rendering.stacks.nested.map(\.path))
        let nested = Dictionary(uniqueKeysWithValues: rendering.files.filter { nestedPaths.contains($0.path) }.map { ($0.path, $0.contents) })
        guard let root = rendering.files.first(where: { $0.path == CloudFormationRenderer.templateFileName }) else {
            throw CLIError.input("the CloudFormation renderer produced no \(CloudFormationRenderer.templateFileName)")
        }
        return Template(text: root.contents, origin: "rendered \(CloudFormationRenderer.templateFileName)", nested: nested)
    }
}
