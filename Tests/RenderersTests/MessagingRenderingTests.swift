import XCTest
import ComposeKit
import Blueprint
import Planner
@testable import Renderers

/// Pub/Sub topics planned as SNS topics with SQS subscriptions are written the same way by both
/// renderers: an encrypted topic, a queue per subscription fed with raw delivery, its dead-letter
/// queue, and a queue policy that lets only its own topic send.
final class MessagingRenderingTests: XCTestCase {
    private func plan(_ tier: Tier = .mvp) throws -> Blueprint {
        let dir = CloudFormationTestTools.repoRoot.appendingPathComponent("examples/firebase")
        let project = try ComposeLoader.load(LoadOptions(files: [dir.appendingPathComponent("compose.yaml").path], projectDirectory: dir.path,
                                                         environment: [:], currentDirectory: dir.path))
        return Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
    }

    func testCloudFormationWritesTopicQueuesPolicyAndSubscription() throws {
        let (template, problems) = CloudFormationRenderer.template(for: try plan())
        XCTAssertEqual(problems, [])
        func json(_ id: String) throws -> String {
            JSONEmitter.compact(CFNValue.map(try XCTUnwrap(template.resources[id], id).properties).node)
        }
        XCTAssertEqual(template.resources["NoteEventsTopic"]?.type, "AWS::SNS::Topic")
        XCTAssertTrue(try json("NoteEventsTopic").contains("\"KmsMasterKeyId\":\"alias/aws/sns\""))
        let queue = try json("NoteEventsIndexerQueue")
        XCTAssertTrue(queue.contains("\"SqsManagedSseEnabled\":true") && queue.contains("\"maxReceiveCount\":5")
                      && queue.contains("NoteEventsIndexerDeadLetterQueue"), queue)
        let policy = try json("NoteEventsIndexerQueuePolicy")
        XCTAssertTrue(policy.contains("\"aws:SourceArn\":{\"Ref\":\"NoteEventsTopic\"}") && policy.contains("sns.amazonaws.com"), policy)
        let subscription = try json("NoteEventsIndexerSubscription")
        XCTAssertTrue(subscription.contains("\"Protocol\":\"sqs\"") && subscription.contains("\"RawMessageDelivery\":true"), subscription)
        let counted = ResourceCounter.count(try plan())
        for type in ["AWS::SNS::Topic", "AWS::SQS::Queue", "AWS::SQS::QueuePolicy", "AWS::SNS::Subscription"] {
            XCTAssertEqual(template.resources.values.filter { $0.type == type }.count, counted[type] ?? 0, type)
        }
    }

    func testTerraformWritesTheSameAndIsValidAgainstTheProviderSchema() throws {
        let hcl = TerraformRenderer.render(try plan()).files.map(\.contents).joined(separator: "\n")
        for needle in ["resource \"aws_sns_topic\" \"note_events\"", "resource \"aws_sqs_queue\" \"note_events_indexer_dlq\"",
                       "resource \"aws_sqs_queue_policy\" \"note_events_indexer\"", "raw_message_delivery = true",
                       "\"aws:SourceArn\" = aws_sns_topic.note_events.arn", "value = aws_sqs_queue.note_events_indexer.url"] {
            XCTAssertTrue(hcl.contains(needle), needle)
        }
        let schema = try TerraformTestTools.schema()
        XCTAssertEqual(schema.problems(in: TerraformRenderer.render(try plan(.prod)).hcl), [])
    }

    func testGuideAndCostDescribeTheMessaging() throws {
        let guide = GuideRenderer.render(try plan())
        XCTAssertTrue(guide.contains("### Messages on the SNS topic `note-events`"), guide)
        XCTAssertTrue(guide.contains("`SQS_QUEUE_URL_NOTE_EVENTS_INDEXER`"))
    }
}
