import Blueprint
import ComposeKit
import Foundation
@testable import Planner
import XCTest

/// The mosquitto configuration behind an MQTT broker becomes the IoT device policy's topics, the
/// devices to register, and findings on what IoT Core does differently.
final class MosquittoConfigTests: XCTestCase {
    static let conf = """
        listener 1883
        listener 9001
        protocol websockets
        allow_anonymous false
        password_file /mosquitto/config/passwd
        acl_file /mosquitto/config/acl
        persistence true
        max_qos 2
        message_size_limit 10485760
        connection cloud-bridge
        """
    static let acl = """
        # devices
        topic read $SYS/#
        user stetho-01
        topic write devices/stetho-01/telemetry
        topic readwrite shared/status
        topic deny secret/#
        pattern write sensors/%c/data/+
        pattern read commands/%u/#
        """
    static let passwd = "stetho-01:$7$101$abc\nstetho-02:$7$101$def\n"

    func testParsesListenersGrantsAndUsers() {
        let c = MosquittoConfig.parse(conf: Self.conf, acl: Self.acl, passwords: Self.passwd)
        XCTAssertEqual(c.listeners, [1883, 9001])
        XCTAssertTrue(c.websockets)
        XCTAssertEqual(c.allowAnonymous, false)
        XCTAssertTrue(c.persistence)
        XCTAssertEqual(c.maxQoS, 2)
        XCTAssertEqual(c.messageSizeLimit, 10_485_760)
        XCTAssertEqual(c.bridges, ["cloud-bridge"])
        XCTAssertEqual(c.users, ["stetho-01", "stetho-02"])
        XCTAssertEqual(c.grants.map(\.access), [.read, .write, .readwrite, .deny, .write, .read])
        XCTAssertEqual(c.grants[1].user, "stetho-01")
        XCTAssertNil(c.grants[4].user, "a pattern is for every client")
    }

    func testACLBecomesScopedPolicyTopics() {
        let topics = MosquittoACLTopics(config: MosquittoConfig.parse(conf: Self.conf, acl: Self.acl, passwords: nil), service: "mqtt")
        let thing = "${iot:Connection.Thing.ThingName}"
        XCTAssertEqual(topics.publish, ["devices/stetho-01/telemetry", "sensors/\(thing)/data/+", "shared/status"])
        XCTAssertEqual(topics.subscribe, ["commands/\(thing)/#", "shared/status"], "no $SYS, no denied topics")
    }

    func testProjectWithBrokerFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-mosquitto-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("config"), withIntermediateDirectories: true)
        try Self.conf.write(to: dir.appendingPathComponent("config/mosquitto.conf"), atomically: true, encoding: .utf8)
        try Self.acl.write(to: dir.appendingPathComponent("config/acl"), atomically: true, encoding: .utf8)
        try Self.passwd.write(to: dir.appendingPathComponent("config/passwd"), atomically: true, encoding: .utf8)
        var broker = Fixture.service("mosquitto", image: "eclipse-mosquitto:2", ports: [1883])
        broker.volumes = [VolumeMount(type: .bind, source: dir.appendingPathComponent("config").path, target: "/mosquitto/config")]
        // The loader's stage, as `ComposeLoader` runs it: the files beside the compose file.
        broker.brokerConfig = BrokerConfigFiles.mosquitto(for: broker)
        XCTAssertEqual(broker.brokerConfig?.path, dir.appendingPathComponent("config/mosquitto.conf").path)
        let app = Fixture.service("worker", build: "worker", env: ["MQTT_HOST": "mosquitto"], dependsOn: ["mosquitto": "service_started"])
        let b = Fixture.plan(Fixture.project([broker, app]))
        let iot = try XCTUnwrap(b.iot)
        XCTAssertEqual(iot.devices, ["stetho-01", "stetho-02"])
        XCTAssertTrue(iot.publishTopics.contains("sensors/${iot:Connection.Thing.ThingName}/data/+"), "\(iot.publishTopics)")
        XCTAssertTrue(iot.subscribeTopics.contains("commands/${iot:Connection.Thing.ThingName}/#"), "\(iot.subscribeTopics)")
        XCTAssertTrue(iot.decisions.contains { $0.topic == "devices" && $0.choice == "stetho-01, stetho-02" })
        let ids = Set(b.findings.map(\.id))
        for id in ["FERRY-PLAN-MQTT-BRIDGE", "FERRY-PLAN-MQTT-TLS", "FERRY-PLAN-MQTT-QOS", "FERRY-PLAN-MQTT-SIZE", "FERRY-PLAN-MQTT-ACL"] {
            XCTAssertTrue(ids.contains(id), "missing \(id): \(ids.sorted())")
        }
    }

    func testAscultiCorSeeds() throws {
        for slug in ["asculticor", "asculticor-head"] {
            guard let seed = try StackLoading.seeds().first(where: { $0.name == "seed-\(slug)" }) else { throw XCTSkip("seed \(slug) not in stacks.tsv") }
            let b = try StackLoading.plan(seed)
            let iot = try XCTUnwrap(b.iot, slug)
            // The seeds' ACL and password files are managed at runtime (empty in the repository).
            XCTAssertEqual(iot.devices, [], slug)
            XCTAssertTrue(iot.decisions.contains { $0.topic == "devices" }, slug)
            let ids = Set(b.findings.map(\.id))
            for id in ["FERRY-PLAN-MQTT-TLS", "FERRY-PLAN-MQTT-QOS", "FERRY-PLAN-MQTT-SIZE"] {
                XCTAssertTrue(ids.contains(id), "\(slug) missing \(id): \(ids.sorted())")
            }
            XCTAssertTrue(iot.topics.allSatisfy { $0.contains("${iot:Connection.Thing.ThingName}") }, "\(slug): \(iot.topics)")
            // The inference service read telemetry from the broker: a topic rule queues it for inference.
            let rule = try XCTUnwrap(iot.rules.first { $0.workload == "inference" }, "\(slug): \(iot.rules.map(\.workload))")
            XCTAssertEqual(rule.action, .sqs)
            XCTAssertEqual(rule.topicFilter, "\(slug)/+/#")
            XCTAssertEqual(rule.queueName, "\(slug)-mvp-inference-devices")
            XCTAssertTrue(b.roles.contains { $0.workload == "inference" && $0.statements.contains { $0.sid == "ReceiveDeviceMessages" } })
        }
    }
}
