import ArgumentParser
import AWSKit
import Deployer
import Foundation
import Verifier

struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Return a service to its previous image, or the stack to its previous template, through a change set.",
        discussion: """
        With SERVICE: the service's previous task definition revision, as the image tag it ran, set on the \
        stack's …ImageTag parameter. Without: the template of the deploy before the last one, kept by \
        `ferry deploy` under .ferry/deployments/STACK/ on this machine. Either way the change set is shown \
        first and nothing changes until you agree (or --yes).
        """)

    @ParentCommand var root: Ferry
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions

    @Argument(help: "The service to roll back (compose name or ECS service name). Omit to roll the whole stack back.")
    var service: String?

    @Flag(name: [.customShort("y"), .long], help: "Roll back without asking for confirmation.")
    var yes = false

    @Flag(name: .customLong("no-execute"), help: "Create the change set, show it, and stop.")
    var noExecute = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let json = format == .json
        let terminal = StandardTerminal(jsonOutput: json)
        do {
            let name = try stack.resolve(project: root.project)
            let client = try aws.client()
            var request: DeployRequest
            if let service {
                let plan = try await ServiceRollback(client: client).plan(stackName: name, service: service)
                terminal.say("\(plan.service): \(plan.currentRevision) (tag \(plan.currentTag)) → \(plan.previousRevision) (tag \(plan.previousTag)), by setting \(plan.parameter)=\(plan.previousTag)")
                request = DeployRequest(stackName: name, templateText: plan.template, templatePath: "deployed template of \(name)",
                                        parameters: [.init(key: plan.parameter, value: plan.previousTag)])
            } else {
                let directory = root.project.projectDirectory ?? FileManager.default.currentDirectoryPath
                let history = DeployHistory(root: URL(fileURLWithPath: directory), stackName: name)
                guard let previous = history.previous() else {
                    throw VerifyError.cannotRollback("no earlier deploy of \(name) is recorded in \(history.directory.path) (ferry deploy keeps one per successful deploy on this machine); roll a service back with `ferry rollback SERVICE`")
                }
                terminal.say("Returning \(name) to the template deployed as \(previous.file.lastPathComponent)")
                request = DeployRequest(stackName: name, templateText: previous.entry.template, templatePath: previous.file.path,
                                        nestedTemplates: previous.entry.nested)
            }
            request.yes = yes
            request.noExecute = noExecute
            let ready = request
            let result = try await Interrupts.run { try await Deployer(client: client, terminal: terminal).deploy(ready) }
            if json { print(result.json()) }
            if result.outcome == .failed { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw CommandErrors.exit(for: error)
        }
    }
}
