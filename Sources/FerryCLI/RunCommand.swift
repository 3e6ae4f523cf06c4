import ArgumentParser
import AWSKit
import Foundation
import Verifier

/// `ferry run JOB [-- COMMAND…]`: starts one of the stack's AWS Batch jobs and follows it.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Start a Batch job of the deployed stack (a training job) and follow its logs to the end.",
        discussion: """
        The job's queue and job definition are found in the stack. A command after -- replaces the job \
        definition's (a training job ferry added beside a notebook service has none until you give one). \
        Exit status: 0 when the job succeeds, 1 when it fails; --no-follow returns once it is submitted, \
        and Ctrl-C stops following, never the job.
        """)

    @ParentCommand var root: Ferry
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions

    @Argument(help: "The job: its compose name (e.g. app-training), as `ferry plan` lists it.")
    var job: String

    @Flag(inversion: .prefixedNo, help: "Follow the job's state and logs until it ends.")
    var follow = true

    @Option(help: "Seconds between polls.")
    var interval = 5

    @Argument(parsing: .postTerminator, help: "The command to run instead of the job definition's (after --).")
    var command: [String] = []

    func validate() throws {
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
    }

    func run() async throws {
        do {
            let name = try stack.resolve(project: root.project)
            let client = try aws.client()
            let inventory = try await StackInventory.load(name, cloudFormation: CloudFormationClient(client: client))
            let target = try JobRun.target(job, in: inventory)
            let runner = JobRun(client: client, pollInterval: .seconds(interval))
            let command = command, follow = follow, job = job
            let last = try await Interrupts.run {
                try await runner.run(target, command: command.isEmpty ? nil : command, follow: follow) { event in
                    switch event {
                    case .submitted(let id, let queue):
                        print("submitted \(job) as job \(id) to \(queue)")
                    case .status(let status, let reason):
                        print("[\(status)]" + (reason.map { " \($0)" } ?? ""))
                    case .log(let line):
                        print(line)
                    }
                }
            }
            guard follow else { return }
            if last.status == "SUCCEEDED" {
                print("\(job) succeeded" + (last.attempts > 1 ? " after \(last.attempts) attempts" : ""))
                return
            }
            let why = [last.statusReason, last.containerReason, last.exitCode.map { "exit code \($0)" }].compactMap { $0 }.joined(separator: "; ")
            CommandErrors.printError("\(job) failed" + (why.isEmpty ? "" : ": \(why)"))
            throw ExitCode(1)
        } catch is CancellationError {
            print("stopped following; the job keeps running (ferry logs \(job) shows its log group)")
        } catch let error as ExitCode {
            throw error
        } catch {
            throw CommandErrors.exit(for: error)
        }
    }
}
