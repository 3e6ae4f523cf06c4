import AWSKit
import Foundation

/// Follows a stack's events until the stack reaches a final status, drawing the live progress view:
/// on a terminal a redrawn status line (counts, elapsed time) with each failure printed inline with
/// its reason; otherwise one plain line per event, which CI logs read well.
public struct StackWatcher: Sendable {
    public var cloudFormation: CloudFormationClient
    public var terminal: any DeployTerminal
    public var pollInterval: Duration
    /// Gives up watching (not the deployment) after this long.
    public var timeout: Duration

    public init(cloudFormation: CloudFormationClient, terminal: any DeployTerminal, pollInterval: Duration = .seconds(5),
                timeout: Duration = .seconds(3 * 3600)) {
        self.cloudFormation = cloudFormation
        self.terminal = terminal
        self.pollInterval = pollInterval
        self.timeout = timeout
    }

    public struct Outcome: Sendable {
        public var status: String
        public var statusReason: String?
        public var failures: [CloudFormation.StackEvent]
        public var eventCount: Int
    }

    /// The id of the newest event, so watching starts after it.
    public func latestEventID(_ stack: String) async throws -> String? {
        try await cloudFormation.describeStackEvents(stack, maxPages: 1).first?.id
    }

    /// Watches `stack` (its id is best: it still answers once the stack is deleted).
    public func watch(stack: String, after lastEventID: String?) async throws -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        var lastSeen = lastEventID
        var resourceStatus: [String: String] = [:]
        var failures: [CloudFormation.StackEvent] = []
        var eventCount = 0
        var frame = 0
        while true {
            let events = try await cloudFormation.describeStackEvents(stack, maxPages: 20, stopAt: lastSeen)
            for event in events.reversed() {
                eventCount += 1
                let elapsed = Self.format(clock.now - start)
                if event.resourceType != "AWS::CloudFormation::Stack" {
                    resourceStatus[event.logicalID] = event.status
                }
                let isFailure = event.status.hasSuffix("_FAILED")
                if isFailure, let reason = event.reason, !reason.isEmpty { failures.append(event) }
                if !terminal.isTTY || isFailure {
                    var line = "\(elapsed)  \(event.status.padding(toLength: 20, withPad: " ", startingAt: 0)) \(event.logicalID) (\(event.resourceType))"
                    if let reason = event.reason, !reason.isEmpty, isFailure || event.status.contains("ROLLBACK") {
                        line += ": \(reason)"
                    }
                    if isFailure && terminal.useColor { line = "\u{1B}[31m\(line)\u{1B}[0m" }
                    terminal.say(line)
                }
            }
            if let newest = events.first { lastSeen = newest.id }

            let stackNow = try await cloudFormation.describeStack(stack)
            let status = stackNow?.status ?? "DELETE_COMPLETE"
            if terminal.isTTY {
                frame += 1
                let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"][frame % 10]
                let done = resourceStatus.values.filter { $0.hasSuffix("_COMPLETE") }.count
                let running = resourceStatus.values.filter { $0.hasSuffix("_IN_PROGRESS") }.count
                let failed = resourceStatus.values.filter { $0.hasSuffix("_FAILED") }.count
                terminal.status("\(spinner) \(status)  \(done) complete · \(running) in progress · \(failed) failed  \(Self.format(clock.now - start))")
            }
            if CloudFormation.isTerminal(status) {
                if terminal.isTTY { terminal.say("\(status) after \(Self.format(clock.now - start))") }
                return Outcome(status: status, statusReason: stackNow?.statusReason, failures: failures, eventCount: eventCount)
            }
            if clock.now - start > timeout {
                throw DeployError.timedOut("stopped watching after \(Self.format(timeout)); the stack is still \(status). Follow it with `ferry status --watch`.")
            }
            try await Task.sleep(for: pollInterval)
        }
    }

    static func format(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        return String(format: "%d:%02d", seconds / 60, seconds % 60)
    }
}
