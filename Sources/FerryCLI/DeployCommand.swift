import ArgumentParser
import AWSKit
import Deployer
import Foundation

struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy a CloudFormation template through a change set, showing the changes first.",
        discussion: """
        Creates a change set (CREATE or UPDATE), shows what it adds, modifies and removes (replacements \
        marked, data stores that would lose data flagged DATA LOSS), asks, executes it and follows the \
        stack events. A failed deployment is never deleted: the stack stays for inspection. Ctrl-C stops \
        watching, not the deployment. Templates over 51,200 bytes are staged in an S3 bucket ferry \
        creates once per account and region. \
        Teams on Terraform: `ferry generate --target terraform -o DIR` writes the same plan as Terraform; \
        deploy that with `terraform init && terraform apply` in DIR instead (its README.md says how to move \
        an environment between the two).
        """)

    @ParentCommand var root: Ferry
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions

    @Option(help: "CloudFormation template to deploy (JSON or YAML). Default: render the Compose project's own.", completion: .file())
    var template: String?

    @Option(help: "Parameters: a JSON object {\"Key\": \"value\"} or the AWS CLI's [{\"ParameterKey\", \"ParameterValue\"}] list.", completion: .file())
    var parameters: String?

    @Flag(name: [.customShort("y"), .long], help: "Deploy without asking for confirmation.")
    var yes = false

    @Flag(name: .customLong("no-execute"), help: "Create the change set, show it, and stop.")
    var noExecute = false

    @Flag(name: .customLong("allow-data-loss"), help: "Proceed even when changes delete or replace a data store.")
    var allowDataLoss = false

    @Flag(name: .customLong("replace-failed-stack"), help: "Delete and recreate a stack left in ROLLBACK_COMPLETE without asking.")
    var replaceFailedStack = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let json = format == .json
        let terminal = StandardTerminal(jsonOutput: json)
        do {
            let name = try stack.resolve(project: root.project)
            let source = try template.map(DeployTemplateSource.read)
                ?? DeployTemplateSource.render(project: root.project, region: aws.region)
            let parameterValues = try parameters.map { try ParametersFile.load(path: $0) } ?? []
            let request = DeployRequest(stackName: name, templateText: source.text, templatePath: source.origin, parameters: parameterValues,
                                        yes: yes, noExecute: noExecute, allowDataLoss: allowDataLoss,
                                        replaceFailedStack: replaceFailedStack, nestedTemplates: source.nested)
            let deployer = Deployer(client: try aws.client(), terminal: terminal)
            let result = try await Interrupts.run { try await deployer.deploy(request) }
            if json { print(result.json()) }
            if result.outcome == .failed { throw ExitCode(1) }
        } catch {
            throw CommandErrors.exit(for: error)
        }
    }
}
