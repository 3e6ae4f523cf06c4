import AWSKit
import Foundation

/// What a deploy is asked to do.
public struct DeployRequest: Sendable {
    public var stackName: String
    public var templateText: String
    /// For error messages (`template.yaml:3:1: …`).
    public var templatePath: String
    public var parameters: [CloudFormation.Parameter]
    /// Deploy without asking (still refuses data loss without `allowDataLoss`).
    public var yes: Bool
    /// Create the change set and stop.
    public var noExecute: Bool
    public var allowDataLoss: Bool
    /// Replace a stack in ROLLBACK_COMPLETE without asking.
    public var replaceFailedStack: Bool
    public var tags: [(String, String)]
    /// Nested templates by the relative `TemplateURL` the root names them with; uploaded before the deploy.
    public var nestedTemplates: [String: String]

    public init(stackName: String, templateText: String, templatePath: String = "template", parameters: [CloudFormation.Parameter] = [],
                yes: Bool = false, noExecute: Bool = false, allowDataLoss: Bool = false, replaceFailedStack: Bool = false,
                tags: [(String, String)] = [], nestedTemplates: [String: String] = [:]) {
        self.nestedTemplates = nestedTemplates
        self.stackName = stackName
        self.templateText = templateText
        self.templatePath = templatePath
        self.parameters = parameters
        self.yes = yes
        self.noExecute = noExecute
        self.allowDataLoss = allowDataLoss
        self.replaceFailedStack = replaceFailedStack
        self.tags = tags
    }
}

/// Deploys a template through a CloudFormation change set, safely: it shows the diff, asks, streams
/// progress, and never deletes a stack on failure or interruption. A failed stack stays for
/// inspection; the only deletion it ever makes is replacing a ROLLBACK_COMPLETE stack, and only
/// after the user says so.
public struct Deployer: Sendable {
    public var cloudFormation: CloudFormationClient
    public var stager: TemplateStager
    public var terminal: any DeployTerminal
    public var watcher: StackWatcher
    /// How often change sets are polled while CloudFormation computes them.
    public var changeSetPollInterval: Duration
    public var makeToken: @Sendable () -> String = { UUID().uuidString }

    public init(client: AWSClient, terminal: any DeployTerminal, pollInterval: Duration = .seconds(5),
                changeSetPollInterval: Duration = .seconds(2)) {
        cloudFormation = CloudFormationClient(client: client)
        stager = TemplateStager(s3: S3Client(client: client), sts: STSClient(client: client))
        self.terminal = terminal
        watcher = StackWatcher(cloudFormation: cloudFormation, terminal: terminal, pollInterval: pollInterval)
        self.changeSetPollInterval = changeSetPollInterval
    }

    /// The checks that need no change: the template parses and its parameters are complete for the
    /// stack as it is now (nothing is created; `incompleteParameters` otherwise).
    public func preflight(_ request: DeployRequest) async throws {
        let template = try TemplateDocument(text: request.templateText, path: request.templatePath)
        let existing = try await cloudFormation.describeStack(request.stackName)
        try Self.checkParameters(request, template: template, existing: existing)
    }

    static func checkParameters(_ request: DeployRequest, template: TemplateDocument, existing: CloudFormation.Stack?) throws {
        let previous = existing.map { ["ROLLBACK_COMPLETE", "REVIEW_IN_PROGRESS"].contains($0.status) ? [] : Set($0.parameterKeys) } ?? []
        let needs = ParameterCheck.problems(given: request.parameters, template: template, previousKeys: previous)
        if !needs.isEmpty { throw DeployError.incompleteParameters(stack: request.stackName, needs) }
    }

    public func deploy(_ request: DeployRequest) async throws -> DeployResult {
        var template = try TemplateDocument(text: request.templateText, path: request.templatePath)
        for (path, text) in request.nestedTemplates.sorted(by: { $0.key < $1.key }) {
            _ = try TemplateDocument(text: text, path: path)
        }
        let missing = NestedTemplates.relativePaths(in: request.templateText).filter { request.nestedTemplates[$0] == nil }
        if let first = missing.first {
            throw DeployError.badInput("\(request.templatePath): nested template \(first) was not given (CloudFormation reads nested templates from S3 only)")
        }
        let name = request.stackName
        var existing = try await cloudFormation.describeStack(name)
        // Before anything is created (staging bucket, stack record, change set).
        try Self.checkParameters(request, template: template, existing: existing)
        if !request.nestedTemplates.isEmpty {
            let urls = try await stager.stageNested(request.nestedTemplates, stackName: name, terminal: terminal)
            template = try TemplateDocument(text: NestedTemplates.rewrite(request.templateText, urls: urls), path: request.templatePath)
        }

        if let stack = existing, stack.status == "ROLLBACK_COMPLETE" {
            try await replaceFailedStack(stack, request: request)
            existing = nil
        }
        if let stack = existing { try Self.checkDeployable(stack) }
        let type = (existing == nil || existing?.status == "REVIEW_IN_PROGRESS") ? "CREATE" : "UPDATE"

        var result = DeployResult(stackName: name, stackID: existing?.id, outcome: .failed, stackStatus: existing?.status,
                                  changeSetType: type, changeSetID: nil, changes: ChangeSummary(changes: [], deployed: nil, proposed: nil),
                                  outputs: [:], failures: [], templateURL: nil)

        let source: CloudFormationClient.TemplateSource
        if template.needsUpload {
            let url = try await stager.stage(template, stackName: name, terminal: terminal)
            result.templateURL = url
            source = .url(url)
        } else {
            source = .body(template.text)
        }
        let capabilities = try await validate(source, path: request.templatePath)
        let parameters = Self.parameters(request.parameters, template: template, existing: type == "UPDATE" ? existing : nil)

        terminal.say("Creating change set for stack \(name) (\(type == "CREATE" ? "new stack" : "update"))…")
        let changeSetName = "ferry-" + Self.timestamp()
        let created = try await cloudFormation.createChangeSet(
            stackName: name, changeSetName: changeSetName, type: type, template: source, parameters: parameters,
            capabilities: capabilities, tags: request.tags, clientToken: makeToken(), description: "Created by ferry deploy")
        let changeSetID = created.id.isEmpty ? changeSetName : created.id
        result.changeSetID = changeSetID
        if !created.stackID.isEmpty { result.stackID = created.stackID }

        let changeSet = try await waitForChangeSet(changeSetID, stackName: name)
        if changeSet.status == "FAILED" {
            let reason = changeSet.statusReason ?? "no reason given"
            if Self.meansNoChanges(reason) {
                try? await cloudFormation.deleteChangeSet(changeSetID, stackName: name)
                terminal.say("No changes: stack \(name) already matches the template.")
                result.outcome = .noChanges
                return result
            }
            throw DeployError.changeSetFailed("""
                CloudFormation could not create the change set for \(name): \(reason)
                Nothing was changed\(type == "CREATE" ? " (the empty stack record stays in REVIEW_IN_PROGRESS; the next deploy reuses it)" : ""). Change set: \(changeSetID)
                """)
        }
        if changeSet.changes.isEmpty && type == "CREATE" {
            try? await cloudFormation.deleteChangeSet(changeSetID, stackName: name)
            terminal.say("No changes: stack \(name) already matches the template.")
            result.outcome = .noChanges
            return result
        }
        if changeSet.changes.isEmpty {
            // CloudFormation fails a change set that changes nothing; one that lists no resource changes
            // still updates outputs or parameter values (emulators list no changes for parameters alone).
            terminal.say("The change set lists no resource changes: it updates parameter values or outputs.")
        }

        var deployed: TemplateDocument?
        if type == "UPDATE", let text = try? await cloudFormation.getTemplate(name) {
            deployed = try? TemplateDocument(text: text)
        }
        let summary = ChangeSummary(changes: changeSet.changes, deployed: deployed, proposed: template)
        result.changes = summary
        for line in summary.render(color: terminal.useColor) { terminal.say(line) }

        if request.noExecute {
            terminal.say("Change set \(changeSetName) is ready for review and was not executed. Run `ferry deploy` again without --no-execute to apply it.")
            result.outcome = .changeSetReady
            return result
        }
        try confirm(summary, request: request)

        let stackRef = result.stackID ?? name
        let lastEvent = try await watcher.latestEventID(stackRef)
        try await cloudFormation.executeChangeSet(changeSetID, stackName: name, clientToken: makeToken())
        terminal.say("Deploying \(name)…")
        let outcome: StackWatcher.Outcome
        do {
            outcome = try await watcher.watch(stack: stackRef, after: lastEvent)
        } catch is CancellationError {
            throw DeployError.interrupted("""
                Stopped watching. The deployment of \(name) continues in AWS; nothing was cancelled or deleted.
                Follow it with: ferry status --watch --stack-name \(name)
                """)
        }
        result.stackStatus = outcome.status
        result.failures = outcome.failures.map {
            .init(logicalID: $0.logicalID, resourceType: $0.resourceType, status: $0.status, reason: $0.reason ?? "")
        }
        if outcome.status == "CREATE_COMPLETE" || outcome.status == "UPDATE_COMPLETE" {
            result.outcome = type == "CREATE" ? .created : .updated
            let stack = try await cloudFormation.describeStack(stackRef)
            result.outputs = Dictionary(uniqueKeysWithValues: (stack?.outputs ?? []).map { ($0.key, $0.value) })
            terminal.say("Stack \(name): \(outcome.status)")
            if !result.outputs.isEmpty {
                terminal.say("Outputs:")
                for key in result.outputs.keys.sorted() { terminal.say("  \(key) = \(result.outputs[key] ?? "")") }
            }
        } else {
            result.outcome = .failed
            reportFailure(name: name, outcome: outcome)
            await explainECSFailures(outcome.failures)
        }
        return result
    }

    // MARK: Steps

    /// States a change set cannot start from, each with what to do instead.
    static func checkDeployable(_ stack: CloudFormation.Stack) throws {
        let status = stack.status
        if status == "REVIEW_IN_PROGRESS" { return }
        if status.hasSuffix("_IN_PROGRESS") {
            throw DeployError.stackBusy("stack \(stack.name) is busy (\(status)). Wait for it with `ferry status --watch --stack-name \(stack.name)`, then deploy again.")
        }
        if status == "UPDATE_ROLLBACK_FAILED" {
            throw DeployError.stackBusy("stack \(stack.name) is UPDATE_ROLLBACK_FAILED: fix the resources named in `ferry status --stack-name \(stack.name)`, then run `aws cloudformation continue-update-rollback --stack-name \(stack.name)` before deploying again.")
        }
        if status.hasSuffix("_FAILED") {
            throw DeployError.stackBusy("stack \(stack.name) is \(status)\(stack.statusReason.map { ": \($0)" } ?? ""). See `ferry status --stack-name \(stack.name)`; it must be repaired or destroyed before a deploy.")
        }
    }

    /// ROLLBACK_COMPLETE: the first create failed and rolled back; CloudFormation cannot update such
    /// a stack. Explain, show why it failed, and replace it only when the user agrees.
    func replaceFailedStack(_ stack: CloudFormation.Stack, request: DeployRequest) async throws {
        terminal.say("Stack \(stack.name) is ROLLBACK_COMPLETE: its first deployment failed and was rolled back, so it holds no resources and cannot be updated.")
        let failures = (try? await cloudFormation.describeStackEvents(stack.id, maxPages: 3))?
            .filter { $0.status.hasSuffix("_FAILED") && !($0.reason ?? "").isEmpty } ?? []
        for event in failures.reversed() {
            terminal.say("  \(event.logicalID) (\(event.resourceType)) \(event.status): \(event.reason ?? "")")
        }
        let agreed: Bool
        if request.replaceFailedStack {
            agreed = true
        } else if terminal.canPrompt {
            agreed = (terminal.ask("Delete the failed stack \(stack.name) and create it again? [y/N] ") ?? "").lowercased().hasPrefix("y")
        } else {
            throw DeployError.refused("stack \(stack.name) is ROLLBACK_COMPLETE; pass --replace-failed-stack to delete it and create it again (stdin is not a terminal, so ferry cannot ask).")
        }
        guard agreed else { throw DeployError.refused("left stack \(stack.name) as it is.") }
        let last = try await watcher.latestEventID(stack.id)
        try await cloudFormation.deleteStack(stack.id, clientToken: makeToken())
        terminal.say("Deleting the failed stack \(stack.name)…")
        let outcome = try await watcher.watch(stack: stack.id, after: last)
        guard outcome.status == "DELETE_COMPLETE" else {
            throw DeployError.deploymentFailed("could not delete the failed stack \(stack.name): \(outcome.status) \(outcome.statusReason ?? "")")
        }
    }

    func validate(_ source: CloudFormationClient.TemplateSource, path: String) async throws -> [String] {
        do {
            let required = try await cloudFormation.validateTemplate(source)
            // Macros (Transform) need CAPABILITY_AUTO_EXPAND, which ValidateTemplate does not report.
            return Array(Set(required + ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"])).sorted()
        } catch let error as AWSServiceError where error.code == "ValidationError" {
            throw DeployError.badInput("\(path): CloudFormation rejected the template: \(error.message)")
        }
    }

    /// On update, parameters the user did not pass keep their previous values (as `aws cloudformation
    /// deploy` does) instead of silently falling back to defaults.
    static func parameters(_ given: [CloudFormation.Parameter], template: TemplateDocument, existing: CloudFormation.Stack?) -> [CloudFormation.Parameter] {
        var result = given
        let givenKeys = Set(given.map(\.key))
        if let existing {
            for key in template.parameterNames where !givenKeys.contains(key) && existing.parameterKeys.contains(key) {
                result.append(.init(key: key, value: nil, usePreviousValue: true))
            }
        }
        return result.sorted { $0.key < $1.key }
    }

    func waitForChangeSet(_ id: String, stackName: String) async throws -> CloudFormation.ChangeSet {
        while true {
            let changeSet = try await cloudFormation.describeChangeSet(id, stackName: stackName)
            if changeSet.status == "CREATE_COMPLETE" || changeSet.status == "FAILED" || changeSet.status == "DELETE_COMPLETE" {
                return changeSet
            }
            try await Task.sleep(for: changeSetPollInterval)
        }
    }

    static func meansNoChanges(_ reason: String) -> Bool {
        reason.contains("didn't contain changes") || reason.contains("No updates are to be performed")
            || reason.contains("no changes")
    }

    /// Asks before changing anything. Data loss needs `--allow-data-loss` or the stack name typed in;
    /// without a terminal to ask on, `--yes` is required.
    func confirm(_ summary: ChangeSummary, request: DeployRequest) throws {
        let losses = summary.dataLoss
        if !losses.isEmpty && !request.allowDataLoss {
            let names = losses.map(\.logicalID).joined(separator: ", ")
            guard terminal.canPrompt, !request.yes else {
                throw DeployError.refused("these changes lose data (\(names)); nothing was changed. Review them, then pass --allow-data-loss to proceed.")
            }
            let answer = terminal.ask("These changes DELETE DATA in \(names). Type the stack name (\(request.stackName)) to proceed: ")
            guard answer?.trimmingCharacters(in: .whitespaces) == request.stackName else {
                throw DeployError.refused("not confirmed; nothing was changed.")
            }
            return
        }
        if request.yes { return }
        guard terminal.canPrompt else {
            throw DeployError.refused("stdin is not a terminal, so ferry cannot ask for confirmation; pass --yes to deploy without asking. Nothing was changed.")
        }
        let answer = terminal.ask("Deploy these changes to \(request.stackName)? [y/N] ") ?? ""
        guard answer.lowercased().hasPrefix("y") else {
            throw DeployError.refused("not confirmed; nothing was changed.")
        }
    }

    func reportFailure(name: String, outcome: StackWatcher.Outcome) {
        terminal.say("Stack \(name): \(outcome.status). The stack was left as it is for inspection; ferry never deletes it.")
        let rootCauses = outcome.failures.filter { !($0.reason ?? "").contains("Resource creation cancelled") }
        for event in (rootCauses.isEmpty ? outcome.failures : rootCauses) {
            terminal.say("  ✗ \(event.logicalID) (\(event.resourceType)) \(event.status): \(event.reason ?? "")")
        }
        if outcome.status == "ROLLBACK_COMPLETE" {
            terminal.say("Fix the cause and run `ferry deploy` again: it will offer to replace the failed stack.")
        }
    }

    /// For a failed ECS service, the stopped tasks' reasons are usually the real cause (an image that
    /// cannot be pulled, a container that exits, a failing health check).
    func explainECSFailures(_ failures: [CloudFormation.StackEvent]) async {
        let ecs = ECSClient(client: cloudFormation.client)
        for event in failures where event.resourceType == "AWS::ECS::Service" {
            guard let arn = event.physicalID, let (cluster, service) = ECSClient.clusterAndService(fromServiceARN: arn),
                  let tasks = try? await ecs.stoppedTasks(cluster: cluster, service: service), !tasks.isEmpty else { continue }
            terminal.say("  Stopped tasks of \(service):")
            for task in tasks {
                let id = task.arn.split(separator: "/").last.map(String.init) ?? task.arn
                terminal.say("    \(id): \(task.stoppedReason)")
                for container in task.containers { terminal.say("      \(container)") }
            }
        }
    }

    static func timestamp() -> String {
        SigV4.amzDate(Date()).replacingOccurrences(of: "T", with: "-").replacingOccurrences(of: "Z", with: "")
    }
}
