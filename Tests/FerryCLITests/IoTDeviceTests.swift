import AWSKit
import AWSTestSupport
import Foundation
import XCTest

/// `ferry iot add-device`, `list-devices` and `revoke-device` through the `ferry` executable against a
/// real moto_server, on a stack holding the thing type and device policy ferry's templates create.
final class IoTDeviceTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let stackName = "devices-dev"
    var moto: MotoServer!
    var work: URL!

    static let template = #"""
    {"Resources": {
      "IoTThingType": {"Type": "AWS::IoT::ThingType", "Properties": {"ThingTypeName": "asculticor-device"}},
      "IoTDevicePolicy": {"Type": "AWS::IoT::Policy", "Properties": {"PolicyName": "asculticor-dev-device",
        "PolicyDocument": {"Version": "2012-10-17", "Statement": [
          {"Sid": "ConnectAsOwnThing", "Effect": "Allow", "Action": "iot:Connect",
           "Resource": "arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}"},
          {"Sid": "OwnTopics", "Effect": "Allow", "Action": ["iot:Publish", "iot:Receive"],
           "Resource": ["arn:aws:iot:us-east-1:123456789012:topic/sensors/${iot:Connection.Thing.ThingName}/*"]},
          {"Sid": "OwnTopicFilters", "Effect": "Allow", "Action": "iot:Subscribe",
           "Resource": ["arn:aws:iot:us-east-1:123456789012:topicfilter/sensors/${iot:Connection.Thing.ThingName}/*"]}]}}}}}
    """#

    override func setUp() async throws {
        guard let tool = MotoServer.locate(repoRoot: Self.repo) else {
            let message = "moto_server not found (run scripts/setup-test-tools.sh)"
            if ProcessInfo.processInfo.environment["CI"].map({ !$0.isEmpty }) ?? false { XCTFail("CI: \(message)") }
            throw XCTSkip(message)
        }
        // Without signature checks: moto 5.2.1 re-signs an IoT request from its parsed parameter map
        // (headers or query for bodiless calls) and in a freshly started server rejects ferry's
        // DescribeEndpoint (GET /endpoint?endpointType=iot:Data-ATS) that a long-running moto and
        // boto3's requests pass. SigV4 itself is covered by AWSKitTests' conformance vectors.
        moto = try await MotoServer(executable: tool, checkSignatures: false)
        work = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-iot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let response = try await moto.client().send(QueryProtocol.request(service: .cloudFormation, action: "CreateStack", version: "2010-05-15",
            parameters: [("StackName", Self.stackName), ("TemplateBody", Self.template)]))
        _ = try QueryProtocol.result(response, action: "CreateStack")
    }

    override func tearDown() {
        moto?.stop()
        if let work { try? FileManager.default.removeItem(at: work) }
    }

    func ferry(_ args: [String]) throws -> FerryExecutable.Run {
        try FerryExecutable.run(args + ["--endpoint-url", moto.endpoint, "--region", "us-east-1"], in: work, environment: [
            "AWS_ACCESS_KEY_ID": moto.credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.credentials.secretAccessKey,
            "AWS_REGION": nil, "AWS_DEFAULT_REGION": nil, "AWS_PROFILE": nil, "AWS_SESSION_TOKEN": nil,
        ])
    }

    func testAddListRevoke() async throws {
        let add = try ferry(["iot", "add-device", "stetho-01", "--stack", Self.stackName])
        XCTAssertEqual(add.status, 0, add.stdout + add.stderr)
        let dir = work.appendingPathComponent(".ferry/devices/stetho-01")
        let key = dir.appendingPathComponent("stetho-01.private.key")
        let keyText = try String(contentsOf: key, encoding: .utf8)
        XCTAssertTrue(keyText.contains("PRIVATE KEY"), "a PEM private key is written")
        let mode = try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("stetho-01.cert.pem"), encoding: .utf8).contains("BEGIN CERTIFICATE"))
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("AmazonRootCA1.pem"), encoding: .utf8).contains("MIIDQTCCAimgAwIBAgITBmyfz5m"))
        // The key's body never reaches the terminal.
        let keyLine = keyText.split(separator: "\n").dropFirst().first.map(String.init) ?? "unreachable"
        XCTAssertFalse((add.stdout + add.stderr).contains(keyLine))
        for expected in ["8883", "client id  stetho-01", "publish    sensors/stetho-01/*", "subscribe  sensors/stetho-01/*", "asculticor-dev-device"] {
            XCTAssertTrue(add.stdout.contains(expected), "missing \(expected):\n\(add.stdout)")
        }

        // The thing has the certificate, and the certificate the stack's policy.
        let iot = IoTClient(client: moto.client())
        let principals = try await iot.listThingPrincipals(thing: "stetho-01")
        XCTAssertEqual(principals.count, 1)
        let targets = try await iot.listTargetsForPolicy("asculticor-dev-device")
        XCTAssertEqual(targets, principals)
        let things = try await iot.listThings(thingTypeName: "asculticor-device")
        XCTAssertEqual(things.map(\.name), ["stetho-01"])

        // A second add-device into the same files stops before creating anything.
        let again = try ferry(["iot", "add-device", "stetho-01", "--stack", Self.stackName])
        XCTAssertEqual(again.status, 1, again.stderr)
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)

        let list = try ferry(["iot", "list-devices", "--stack", Self.stackName, "--format", "json"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let id = try XCTUnwrap(IoTClient.certificateID(fromARN: principals[0]))
        XCTAssertTrue(list.stdout.contains("\"name\" : \"stetho-01\""), list.stdout)
        XCTAssertTrue(list.stdout.contains(id) && list.stdout.contains("ACTIVE"), list.stdout)

        let revoke = try ferry(["iot", "revoke-device", "stetho-01", "--stack", Self.stackName])
        XCTAssertEqual(revoke.status, 0, revoke.stdout + revoke.stderr)
        let after = try await iot.listThings(thingTypeName: "asculticor-device")
        XCTAssertEqual(after, [])
        let left = try await iot.listTargetsForPolicy("asculticor-dev-device")
        XCTAssertEqual(left, [])
        do {
            _ = try await iot.describeCertificate(id)
            XCTFail("the certificate is deleted")
        } catch let error as AWSServiceError {
            XCTAssertEqual(error.code, "ResourceNotFoundException")
        }

        let empty = try ferry(["iot", "list-devices", "--stack", Self.stackName])
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertTrue(empty.stdout.contains("No devices"), empty.stdout)
        let missing = try ferry(["iot", "revoke-device", "stetho-01", "--stack", Self.stackName])
        XCTAssertEqual(missing.status, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("no device stetho-01"), missing.stderr)
    }

    func testCSRKeepsTheKeyOnTheDevice() async throws {
        let key = work.appendingPathComponent("device.key"), csr = work.appendingPathComponent("device.csr")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", csr.path, "-subj", "/CN=stetho-09"]
        openssl.standardError = FileHandle.nullDevice
        do { try openssl.run() } catch { throw XCTSkip("openssl not available") }
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw XCTSkip("openssl could not make a CSR") }
        let out = work.appendingPathComponent("out")
        let add = try ferry(["iot", "add-device", "stetho-09", "--csr", csr.path, "--out", out.path, "--stack", Self.stackName])
        XCTAssertEqual(add.status, 0, add.stdout + add.stderr)
        XCTAssertTrue(add.stdout.contains("kept on the device"), add.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("stetho-09.cert.pem").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("stetho-09.private.key").path))
        let list = try ferry(["iot", "list-devices", "--stack", Self.stackName])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("stetho-09") && list.stdout.contains("ACTIVE"), list.stdout)
    }

    func testErrorsAreClear() async throws {
        let bad = try ferry(["iot", "add-device", "has space", "--stack", Self.stackName])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        let noStack = try ferry(["iot", "list-devices", "--stack", "absent"])
        XCTAssertEqual(noStack.status, 1, noStack.stderr)
        XCTAssertTrue(noStack.stderr.contains("does not exist"), noStack.stderr)
        let notCSR = work.appendingPathComponent("x.csr")
        try Data("not a csr".utf8).write(to: notCSR)
        let csr = try ferry(["iot", "add-device", "d1", "--csr", notCSR.path, "--thing-type", "t", "--policy", "p"])
        XCTAssertEqual(csr.status, 1, csr.stderr)
        XCTAssertTrue(csr.stderr.contains("not a PEM certificate signing request"), csr.stderr)
    }
}
