import ArgumentParser
import AWSKit
import Deployer
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a stack's status, resources, recent failures and outputs.")

    @ParentCommand var root: Ferry
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions

    @Flag(help: "Follow the stack's events until its current operation finishes.")
    var watch = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let json = format == .json
        let terminal = StandardTerminal(jsonOutput: json)
        do {
            let name = try stack.resolve(project: root.project)
            let cloudFormation = CloudFormationClient(client: try aws.client())
            if watch {
                guard let current = try await cloudFormation.describeStack(name) else { throw DeployError.stackNotFound(name) }
                if !CloudFormation.isTerminal(current.status) {
                    let watcher = StackWatcher(cloudFormation: cloudFormation, terminal: terminal)
                    let last = try await watcher.latestEventID(current.id)
                    terminal.say("Following \(name) (\(current.status))… Ctrl-C stops watching only.")
                    do {
                        _ = try await Interrupts.run { try await watcher.watch(stack: current.id, after: last) }
                    } catch is CancellationError {
                        throw DeployError.interrupted("Stopped watching \(name); it continues in AWS.")
                    }
                }
            }
            let report = try await StackStatusReport.load(stack: name, cloudFormation: cloudFormation)
            if json { print(report.json()) } else { for line in report.render() { terminal.say(line) } }
            if report.status.hasSuffix("_FAILED") || report.status.contains("ROLLBACK") { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw CommandErrors.exit(for: error)
        }
    }
}
