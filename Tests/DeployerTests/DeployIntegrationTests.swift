@testable import AWSKit
import AWSTestSupport
import Foundation
import XCTest
@testable import Deployer

/// Deploy mechanics against a real moto_server with signature checking on: create, update, no-op,
/// failed change set, confirmation rules, data-loss refusal, template staging, status, destroy.
/// (moto implements the SQS, SNS, Logs and S3 types used here; template fidelity is judged elsewhere.)
final class DeployIntegrationTests: XCTestCase {
    static let moto = SharedMotoServer()

    override class func tearDown() {
        moto.stop()
        super.tearDown()
    }

    private func server() async throws -> MotoServer { try await Self.moto.get { try TestEnvironment.motoServer() } }

    private func deployer(_ terminal: RecordingTerminal, client: AWSClient) -> Deployer {
        Deployer(client: client, terminal: terminal, pollInterval: .milliseconds(50), changeSetPollInterval: .milliseconds(50))
    }

    private func unique(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

    func testCreateUpdateNoChangesStatusAndDestroy() async throws {
        let moto = try await server()
        let client = moto.client()
        let name = unique("ferry-it")
        let terminal = RecordingTerminal()

        let created = try await deployer(terminal, client: client).deploy(
            DeployRequest(stackName: name, templateText: Templates.stack(queue: name), yes: true))
        XCTAssertEqual(created.outcome, .created, terminal.output)
        XCTAssertEqual(created.stackStatus, "CREATE_COMPLETE")
        XCTAssertEqual(created.changeSetType, "CREATE")
        XCTAssertEqual(created.changes.lines.map(\.action), ["add", "add", "add"])
        XCTAssertTrue(terminal.output.contains("Changes: 3 to add, 0 to modify, 0 to remove"), terminal.output)

        let status = try await StackStatusReport.load(stack: name, cloudFormation: CloudFormationClient(client: client))
        XCTAssertEqual(status.status, "CREATE_COMPLETE")
        XCTAssertEqual(status.resources.map(\.logicalID), ["Alerts", "Jobs", "Logs"])

        let updateTerminal = RecordingTerminal()
        let updated = try await deployer(updateTerminal, client: client).deploy(
            DeployRequest(stackName: name, templateText: Templates.stack(queue: name, retention: 86400), yes: true))
        XCTAssertEqual(updated.outcome, .updated, updateTerminal.output)
        XCTAssertEqual(updated.changeSetType, "UPDATE")
        XCTAssertTrue(updated.changes.lines.contains { $0.action == "modify" && $0.logicalID == "Jobs" }, updateTerminal.output)

        let again = RecordingTerminal()
        let noChanges = try await deployer(again, client: client).deploy(
            DeployRequest(stackName: name, templateText: Templates.stack(queue: name, retention: 86400), yes: true))
        XCTAssertEqual(noChanges.outcome, .noChanges, again.output)
        XCTAssertTrue(again.output.contains("No changes"))

        // The queue is a data store without a retain policy: destroy refuses unless told explicitly,
        // and without a terminal to ask on it also needs --yes.
        for (request, expected) in [(DestroyRequest(stackName: name, yes: true), "without a snapshot or retain policy"),
                                    (DestroyRequest(stackName: name, allowDataLoss: true), "pass --yes")] {
            do {
                _ = try await Destroyer(client: client, terminal: RecordingTerminal(), pollInterval: .milliseconds(50)).destroy(request)
                XCTFail("destroy must refuse: \(expected)")
            } catch let error as DeployError {
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
        let stillThere = try await CloudFormationClient(client: client).describeStack(name)
        XCTAssertNotNil(stillThere)

        let destroyTerminal = RecordingTerminal()
        let destroyed = try await Destroyer(client: client, terminal: destroyTerminal, pollInterval: .milliseconds(50))
            .destroy(DestroyRequest(stackName: name, yes: true, allowDataLoss: true))
        XCTAssertEqual(destroyed.status, "DELETE_COMPLETE", destroyTerminal.output)
        XCTAssertEqual(destroyed.retained, ["Logs (AWS::Logs::LogGroup): DeletionPolicy Retain"])
        let gone = try await CloudFormationClient(client: client).describeStack(name)
        XCTAssertNil(gone)
    }

    func testRefusesWithoutYesWhenStdinIsNotATerminalAndAsksWhenItIs() async throws {
        let moto = try await server()
        let client = moto.client()
        let name = unique("ferry-confirm")
        let template = Templates.stack(queue: name)

        let silent = RecordingTerminal(canPrompt: false)
        do {
            _ = try await deployer(silent, client: client).deploy(DeployRequest(stackName: name, templateText: template))
            XCTFail("must refuse without --yes")
        } catch let error as DeployError {
            XCTAssertTrue("\(error)".contains("pass --yes"), "\(error)")
        }

        let declining = RecordingTerminal(canPrompt: true, answers: ["n"])
        do {
            _ = try await deployer(declining, client: client).deploy(DeployRequest(stackName: name, templateText: template))
            XCTFail("must stop when the answer is no")
        } catch let error as DeployError {
            XCTAssertEqual(error, .refused("not confirmed; nothing was changed."))
        }
        XCTAssertEqual(declining.prompts.count, 1)

        let agreeing = RecordingTerminal(canPrompt: true, answers: ["y"])
        let result = try await deployer(agreeing, client: client).deploy(DeployRequest(stackName: name, templateText: template))
        XCTAssertEqual(result.outcome, .created, agreeing.output)
    }

    func testNoExecuteLeavesTheChangeSetForReview() async throws {
        let moto = try await server()
        let name = unique("ferry-review")
        let terminal = RecordingTerminal()
        let result = try await deployer(terminal, client: moto.client()).deploy(
            DeployRequest(stackName: name, templateText: Templates.stack(queue: name), noExecute: true))
        XCTAssertEqual(result.outcome, .changeSetReady)
        let stack = try await CloudFormationClient(client: moto.client()).describeStack(name)
        XCTAssertEqual(stack?.status, "REVIEW_IN_PROGRESS")
    }

    /// Ctrl-C cancels the watching task: it stops promptly and nothing is deleted.
    func testCancellingTheWatchStopsWatchingOnly() async throws {
        let moto = try await server()
        let client = moto.client()
        let name = unique("ferry-cancel")
        _ = try await deployer(RecordingTerminal(), client: client).deploy(
            DeployRequest(stackName: name, templateText: Templates.stack(queue: name), noExecute: true))
        // REVIEW_IN_PROGRESS never ends on its own, like a long deployment.
        let watcher = StackWatcher(cloudFormation: CloudFormationClient(client: client), terminal: RecordingTerminal(),
                                   pollInterval: .milliseconds(50))
        let task = Task { try await watcher.watch(stack: name, after: nil) }
        try await Task.sleep(for: .milliseconds(300))
        let cancelledAt = Date()
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("the watch should stop when cancelled")
        } catch {
            XCTAssertTrue(error is CancellationError, "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(cancelledAt), 5)
        let stack = try await CloudFormationClient(client: client).describeStack(name)
        XCTAssertEqual(stack?.status, "REVIEW_IN_PROGRESS", "cancelling never deletes or changes the stack")
    }

    func testDataLossNeedsExplicitConsent() async throws {
        let moto = try await server()
        let client = moto.client()
        let name = unique("ferry-data")
        let bucket = unique("ferry-data-bucket")
        _ = try await deployer(RecordingTerminal(), client: client).deploy(
            DeployRequest(stackName: name, templateText: Templates.stack(queue: name, bucket: bucket), yes: true))

        let terminal = RecordingTerminal()
        do {
            _ = try await deployer(terminal, client: client).deploy(
                DeployRequest(stackName: name, templateText: Templates.stack(queue: name), yes: true))
            XCTFail("removing a bucket must need --allow-data-loss")
        } catch let error as DeployError {
            XCTAssertTrue("\(error)".contains("--allow-data-loss"), "\(error)")
        }
        XCTAssertTrue(terminal.output.contains("- remove  Uploads (AWS::S3::Bucket)  ← DATA LOSS"), terminal.output)

        do {
            _ = try await Destroyer(client: client, terminal: RecordingTerminal(), pollInterval: .milliseconds(50))
                .destroy(DestroyRequest(stackName: name, yes: true))
            XCTFail("destroy must refuse to delete a bucket without a retain policy")
        } catch let error as DeployError {
            XCTAssertTrue("\(error)".contains("without a snapshot or retain policy"), "\(error)")
        }

        let allowed = try await deployer(RecordingTerminal(), client: client).deploy(
            DeployRequest(stackName: name, templateText: Templates.stack(queue: name), yes: true, allowDataLoss: true))
        XCTAssertEqual(allowed.outcome, .updated)
    }

    func testTemplateRejectedByCloudFormationLeavesTheStackUntouched() async throws {
        let moto = try await server()
        let client = moto.client()
        let name = unique("ferry-reject")
        _ = try await deployer(RecordingTerminal(), client: client).deploy(
            DeployRequest(stackName: name, templateText: Templates.stack(queue: name), yes: true))
        let broken = Templates.stack(queue: name).replacingOccurrences(of: "Value: !Ref Jobs", with: "Value: !GetAtt Missing.Arn")
        do {
            _ = try await deployer(RecordingTerminal(), client: client).deploy(
                DeployRequest(stackName: name, templateText: broken, templatePath: "app.yaml", yes: true))
            XCTFail("a template with a dangling reference must be rejected")
        } catch let error as DeployError {
            XCTAssertTrue("\(error)".hasPrefix("app.yaml: CloudFormation rejected the template: "), "\(error)")
            XCTAssertTrue("\(error)".contains("Missing"), "\(error)")
        }
        let stack = try await CloudFormationClient(client: client).describeStack(name)
        XCTAssertEqual(stack?.status, "CREATE_COMPLETE", "the stack is never deleted or changed on failure")
    }

    func testMissingParameterStopsBeforeAnythingIsCreated() async throws {
        let moto = try await server()
        let client = moto.client()
        let name = unique("ferry-fail")
        let template = Templates.stack(queue: name).replacingOccurrences(of: "Resources:", with: """
        Parameters:
          Tier:
            Type: String
        Resources:
        """).replacingOccurrences(of: "Type: AWS::SNS::Topic", with: "Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Ref Tier")
        do {
            _ = try await deployer(RecordingTerminal(), client: client).deploy(DeployRequest(stackName: name, templateText: template, yes: true))
            XCTFail("a deploy without its required parameter must stop")
        } catch let error as DeployError {
            XCTAssertEqual(error.exitCode, 2)
            XCTAssertTrue(error.description.contains("Tier is required"), error.description)
        }
        let stack = try await CloudFormationClient(client: client).describeStack(name)
        XCTAssertNil(stack, "no stack record is created before the parameters are complete")

        let fixed = try await deployer(RecordingTerminal(), client: client).deploy(
            DeployRequest(stackName: name, templateText: template, parameters: [.init(key: "Tier", value: "dev")], yes: true))
        XCTAssertEqual(fixed.outcome, .created)
    }

    func testLargeTemplatesAreStagedInAnS3BucketFerryOwns() async throws {
        let moto = try await server()
        // moto reads a TemplateURL path-style only when its host is "localhost" (still 127.0.0.1 here).
        let client = moto.client(endpoint: "http://localhost:\(moto.port)")
        let name = unique("ferry-large")
        let template = Templates.stack(queue: name, padding: 60_000)
        XCTAssertGreaterThan(template.utf8.count, TemplateDocument.inlineLimit)
        let terminal = RecordingTerminal()
        let result = try await deployer(terminal, client: client).deploy(DeployRequest(stackName: name, templateText: template, yes: true))
        XCTAssertEqual(result.outcome, .created, terminal.output)
        let account = try await STSClient(client: client).getCallerIdentity().account
        let bucket = TemplateStager.bucketName(account: account, region: "us-east-1")
        XCTAssertTrue(result.templateURL?.hasPrefix("http://localhost:\(moto.port)/\(bucket)/templates/\(name)/") ?? false, "\(result.templateURL ?? "nil")")
        let exists = try await S3Client(client: client).bucketExists(bucket)
        XCTAssertTrue(exists)
    }

    func testBusyAndFailedStatesAreExplained() {
        let busy = CloudFormation.Stack(name: "app", id: "id", status: "UPDATE_IN_PROGRESS", statusReason: nil, outputs: [],
                                        parameterKeys: [], creationTime: nil, lastUpdatedTime: nil, description: nil)
        XCTAssertThrowsError(try Deployer.checkDeployable(busy)) {
            XCTAssertTrue("\($0)".contains("ferry status --watch --stack-name app"))
        }
        var failed = busy
        failed.status = "UPDATE_ROLLBACK_FAILED"
        XCTAssertThrowsError(try Deployer.checkDeployable(failed)) {
            XCTAssertTrue("\($0)".contains("continue-update-rollback"))
        }
    }
}
