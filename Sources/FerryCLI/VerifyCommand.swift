import ArgumentParser
import AWSKit
import Foundation
import Verifier

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a deployed stack: services, targets, health paths, secrets, alarms, logs.",
        discussion: """
        Stack status; each ECS service at its desired count (with the stopped tasks' reasons when not); \
        every target group healthy; the public URL answering on each health path; secrets and parameters \
        present and placeholder secrets set (names only, never values); no alarm in ALARM; log groups \
        receiving events. Exit 1 when any check fails.
        """)

    @ParentCommand var root: Ferry
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions

    @Option(help: "Base URL for the health-path checks (default: the stack's LoadBalancerURL output).")
    var url: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        do {
            let name = try stack.resolve(project: root.project)
            let report = try await Verifier(client: try aws.client()).verify(stackName: name, baseURL: url)
            print(format == .json ? report.json() : report.table())
            if !report.passed { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw CommandErrors.exit(for: error)
        }
    }
}
