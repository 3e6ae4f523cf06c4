import AWSKit
import Foundation

/// What `ferry destroy` is asked to do.
public struct DestroyRequest: Sendable {
    public var stackName: String
    public var yes: Bool
    /// Delete data stores that have no Retain/Snapshot policy.
    public var allowDataLoss: Bool
    public init(stackName: String, yes: Bool = false, allowDataLoss: Bool = false) {
        self.stackName = stackName
        self.yes = yes
        self.allowDataLoss = allowDataLoss
    }
}

public struct DestroyResult: Sendable, Codable, Equatable {
    public var stackName: String
    public var status: String
    /// Data stores kept by their DeletionPolicy (they outlive the stack).
    public var retained: [String]
    /// Data stores deleted with their data (only with --allow-data-loss).
    public var deletedData: [String]
}

/// Deletes a stack after saying what goes with it. Data stores without a Retain or Snapshot policy
/// make it refuse unless `--allow-data-loss` says so explicitly.
public struct Destroyer: Sendable {
    public var cloudFormation: CloudFormationClient
    public var terminal: any DeployTerminal
    public var watcher: StackWatcher

    public init(client: AWSClient, terminal: any DeployTerminal, pollInterval: Duration = .seconds(5)) {
        cloudFormation = CloudFormationClient(client: client)
        self.terminal = terminal
        watcher = StackWatcher(cloudFormation: cloudFormation, terminal: terminal, pollInterval: pollInterval)
    }

    public func destroy(_ request: DestroyRequest) async throws -> DestroyResult {
        let name = request.stackName
        guard let stack = try await cloudFormation.describeStack(name) else { throw DeployError.stackNotFound(name) }
        if stack.status.hasSuffix("_IN_PROGRESS") && stack.status != "REVIEW_IN_PROGRESS" {
            throw DeployError.stackBusy("stack \(name) is busy (\(stack.status)); wait for it with `ferry status --watch --stack-name \(name)`.")
        }
        let resources = try await cloudFormation.listStackResources(stack.id).filter { $0.status != "DELETE_COMPLETE" }
        let template = (try? await cloudFormation.getTemplate(stack.id)).flatMap { try? TemplateDocument(text: $0) }
        var atRisk: [String] = []
        var retained: [String] = []
        for resource in resources where DataStores.isDataStore(resource.resourceType) {
            let policy = template?.resources[resource.logicalID]?.deletionPolicy
            let label = "\(resource.logicalID) (\(resource.resourceType))"
            if DataStores.policyKeepsData(policy) { retained.append("\(label): DeletionPolicy \(policy ?? "")") }
            else { atRisk.append(label) }
        }
        terminal.say("Destroying stack \(name) (\(stack.status)) deletes \(resources.count) resource\(resources.count == 1 ? "" : "s").")
        for line in retained { terminal.say("  kept: \(line)") }
        for line in atRisk { terminal.say("  DATA LOSS: \(line) has no Retain or Snapshot policy; its data is deleted") }

        if !atRisk.isEmpty && !request.allowDataLoss {
            throw DeployError.refused("refusing to destroy \(name): \(atRisk.count) data store\(atRisk.count == 1 ? "" : "s") would be deleted without a snapshot or retain policy. Back them up (or set DeletionPolicy: Snapshot/Retain and deploy), or pass --allow-data-loss.")
        }
        if !request.yes {
            guard terminal.canPrompt else {
                throw DeployError.refused("stdin is not a terminal, so ferry cannot ask; pass --yes to destroy \(name). Nothing was deleted.")
            }
            let answer = terminal.ask("Type the stack name (\(name)) to destroy it: ")
            guard answer?.trimmingCharacters(in: .whitespaces) == name else {
                throw DeployError.refused("not confirmed; nothing was deleted.")
            }
        }
        let last = try await watcher.latestEventID(stack.id)
        try await cloudFormation.deleteStack(stack.id, clientToken: UUID().uuidString)
        terminal.say("Deleting \(name)…")
        let outcome: StackWatcher.Outcome
        do {
            outcome = try await watcher.watch(stack: stack.id, after: last)
        } catch is CancellationError {
            throw DeployError.interrupted("Stopped watching. The deletion of \(name) continues in AWS. Follow it with: ferry status --watch --stack-name \(stack.id)")
        }
        if outcome.status != "DELETE_COMPLETE" {
            for event in outcome.failures { terminal.say("  ✗ \(event.logicalID) (\(event.resourceType)): \(event.reason ?? "")") }
            throw DeployError.deploymentFailed("stack \(name) is \(outcome.status); see the failures above and `ferry status --stack-name \(stack.id)`.")
        }
        terminal.say("Stack \(name) deleted.")
        return DestroyResult(stackName: name, status: outcome.status, retained: retained,
                             deletedData: request.allowDataLoss ? atRisk : [])
    }
}
