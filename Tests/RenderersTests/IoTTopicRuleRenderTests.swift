import Blueprint
import ComposeKit
import Foundation
import Planner
import XCTest
@testable import Renderers

/// A mosquitto broker with an ACL and a service that read its messages: the device policy splits
/// publish from subscribe as the ACL does, and the topic rule with its queues and role renders in
/// CloudFormation (cfn-lint clean) and Terraform (schema clean) alike.
final class IoTTopicRuleRenderTests: XCTestCase {
    static let compose = """
        services:
          mosquitto:
            image: eclipse-mosquitto:2
            ports: ["1883:1883"]
            volumes: ["./mosquitto/config:/mosquitto/config"]
          ingest:
            build: ./ingest
            environment:
              MQTT_HOST: mosquitto
              MQTT_PORT: "1883"
            depends_on: [mosquitto]
        """
    static let conf = "listener 1883\nallow_anonymous false\npassword_file /mosquitto/config/passwd\nacl_file /mosquitto/config/acl\n"
    static let acl = "pattern write farm/%c/telemetry\npattern read farm/%c/commands/#\n"

    func plan() throws -> Blueprint {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-iot-rule-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("mosquitto/config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("ingest"), withIntermediateDirectories: true)
        try Self.compose.write(to: dir.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        try Self.conf.write(to: config.appendingPathComponent("mosquitto.conf"), atomically: true, encoding: .utf8)
        try Self.acl.write(to: config.appendingPathComponent("acl"), atomically: true, encoding: .utf8)
        try "sensor-1:$7$101$x\n".write(to: config.appendingPathComponent("passwd"), atomically: true, encoding: .utf8)
        let p = try ComposeLoader.load(LoadOptions(files: [dir.appendingPathComponent("compose.yaml").path], projectDirectory: dir.path,
                                                   environment: [:], currentDirectory: dir.path))
        return Planner.plan(p, options: PlanOptions(tier: .mvp, region: "eu-west-1"))
    }

    func testPlanHasTheRuleQueueAndGrants() throws {
        let b = try plan()
        let iot = try XCTUnwrap(b.iot)
        XCTAssertEqual(iot.devices, ["sensor-1"])
        XCTAssertEqual(iot.publishTopics, ["farm/${iot:Connection.Thing.ThingName}/telemetry"])
        XCTAssertEqual(iot.subscribeTopics, ["farm/${iot:Connection.Thing.ThingName}/commands/#"])
        let rule = try XCTUnwrap(iot.rules.first)
        XCTAssertEqual(iot.rules.count, 1)
        XCTAssertEqual(rule.workload, "ingest")
        XCTAssertEqual(rule.action, .sqs)
        XCTAssertEqual(rule.topicFilter, "farm/+/telemetry", "the rule selects what devices publish")
        XCTAssertTrue(rule.decisions.first?.alternatives.contains { $0.choice.contains("HTTPS") } ?? false)
        let role = try XCTUnwrap(b.roles.first { $0.workload == "ingest" })
        XCTAssertTrue(role.statements.contains { $0.sid == "ReceiveDeviceMessages" && $0.actions.contains("sqs:ReceiveMessage") })
    }

    func testCloudFormationIsLintClean() throws {
        let rendering = CloudFormationRenderer.render(try plan())
        XCTAssertEqual(rendering.problems, [])
        let template = try XCTUnwrap(rendering.files.first { $0.path.hasSuffix("template.yaml") }).contents
        for expected in ["AWS::IoT::TopicRule", "SqsManagedSseEnabled: true", "deadLetterTargetArn", "iot.amazonaws.com",
                         "Sid: PublishTopics", "Sid: SubscribeTopicFilters", "topicfilter/farm/${!iot:Connection.Thing.ThingName}/commands/*"] {
            XCTAssertTrue(template.contains(expected), "missing \(expected)")
        }
        XCTAssertFalse(template.contains("Sid: OwnTopics"), "the ACL's split replaces the shared statement")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-iot-rule-cfn-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try CloudFormationLint.assertClean(try CloudFormationLint.write(rendering, to: directory))
    }

    func testTerraformMatchesTheProviderSchema() throws {
        let rendering = TerraformRenderer.render(try plan())
        XCTAssertEqual(rendering.problems, [])
        let hcl = rendering.files.map(\.contents).joined(separator: "\n")
        for expected in ["resource \"aws_iot_topic_rule\"", "resource \"aws_sqs_queue\"", "error_action {", "sqs_managed_sse_enabled"] {
            XCTAssertTrue(hcl.contains(expected), "missing \(expected)")
        }
        let schema = try TerraformTestTools.schema()
        for problem in schema.problems(in: rendering.hcl).prefix(20) { XCTFail(problem) }
    }
}
