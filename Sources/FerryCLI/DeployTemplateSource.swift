import ComposeKit
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
    }

    static func read(_ path: String) throws -> Template {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.input("\(path): cannot read the template")
        }
        return Template(text: String(decoding: data, as: UTF8.self), origin: path)
    }

    /// Renders the Compose project. A project that renders to nested stacks must be generated and its
    /// templates deployed from files (ferry does not yet upload nested templates itself).
    static func render(project options: ProjectOptions, region: String?) throws -> Template {
        let project = try options.loadProject()
        CLIError.printDiagnostics(project)
        // An explicit --region wins; then x-ferry.region (applied by the planner); then AWS_REGION.
        let env = ProcessInfo.processInfo.environment
        let planOptions = PlanOptions(tier: nil, region: region ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"], environment: nil)
        let blueprint = Planner.plan(project, options: planOptions)
        let rendering = CloudFormationRenderer.render(blueprint)
        guard rendering.stacks.nested.isEmpty else {
            throw CLIError.input("the project renders to a root stack with \(rendering.stacks.nested.count) nested stacks; deploying them needs their templates in S3, which ferry deploy does not do yet. Generate the templates and deploy from files.")
        }
        guard let root = rendering.files.first(where: { $0.path == CloudFormationRenderer.templateFileName }) else {
            throw CLIError.input("the CloudFormation renderer produced no \(CloudFormationRenderer.templateFileName)")
        }
        return Template(text: root.contents, origin: "rendered \(CloudFormationRenderer.templateFileName)")
    }
}
