import ArgumentParser
import AWSKit
import Deployer
import Foundation

struct DestroyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract: "Delete a stack, after saying what goes with it.",
        discussion: """
        Asks for the stack name before deleting. Refuses when a data store (database, bucket, table, \
        cache, file system…) would be deleted without a Retain or Snapshot DeletionPolicy, unless \
        --allow-data-loss is given.
        """)

    @ParentCommand var root: Ferry
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions

    @Flag(name: [.customShort("y"), .long], help: "Destroy without asking for confirmation.")
    var yes = false

    @Flag(name: .customLong("allow-data-loss"), help: "Also delete data stores that have no Retain or Snapshot policy.")
    var allowDataLoss = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let json = format == .json
        let terminal = StandardTerminal(jsonOutput: json)
        do {
            let name = try stack.resolve(project: root.project)
            let destroyer = Destroyer(client: try aws.client(), terminal: terminal)
            let request = DestroyRequest(stackName: name, yes: yes, allowDataLoss: allowDataLoss)
            let result = try await Interrupts.run { try await destroyer.destroy(request) }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(result), as: UTF8.self))
            }
        } catch {
            throw CommandErrors.exit(for: error)
        }
    }
}
