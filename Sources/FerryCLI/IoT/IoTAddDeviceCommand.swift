import ArgumentParser
import AWSKit
import Foundation

struct IoTAddDeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-device",
        abstract: "Register a device: a thing of the stack's type with its own certificate and the stack's device policy.",
        discussion: """
            Writes NAME.cert.pem, NAME.private.key (mode 0600, never printed) and AmazonRootCA1.pem into --out \
            (default .ferry/devices/NAME/), then prints the broker settings the device needs. With --csr the \
            device keeps its own key: only the certificate is written.
            """)

    @ParentCommand var root: Ferry
    @OptionGroup var target: IoTTargetOptions
    @OptionGroup var aws: AWSOptions

    @Argument(help: "The device's thing name, which is also its MQTT client id.")
    var name: String

    @Option(help: "Directory for the device's files (default: .ferry/devices/NAME/).")
    var out: String?

    @Option(help: "A PEM certificate signing request made on the device; its key never leaves the device.")
    var csr: String?

    func validate() throws {
        guard IoTStackNames.validThingName(name) else {
            throw ValidationError("a device name is 1-128 letters, digits, ':', '_' or '-' (it is the thing name and MQTT client id)")
        }
    }

    func run() async throws {
        do {
            let files = DeviceFiles(directory: URL(fileURLWithPath: out ?? ".ferry/devices/\(name)"), thing: name)
            try files.checkFree()
            var csrText: String?
            if let csr {
                guard let data = FileManager.default.contents(atPath: csr), let text = String(data: data, encoding: .utf8),
                      text.contains("BEGIN CERTIFICATE REQUEST") else {
                    throw CLIError.input("\(csr) is not a PEM certificate signing request")
                }
                csrText = text
            }
            let client = try aws.client()
            let names = try await IoTStackNames.resolve(target, stackName: try target.resolvedStackName(project: root.project), client: client)
            let iot = IoTClient(client: client)
            _ = try await iot.createThing(name, thingTypeName: names.thingType)
            let certificate: IoTClient.CreatedCertificate
            if let csrText { certificate = try await iot.createCertificate(fromCSR: csrText) } else { certificate = try await iot.createKeysAndCertificate() }
            // The files first: a key AWS will never show again must not be lost to a later failure.
            try files.write(certificatePEM: certificate.certificatePEM, privateKey: certificate.privateKey)
            do {
                try await iot.attachThingPrincipal(thing: name, principal: certificate.certificateARN)
                try await iot.attachPolicy(names.policy, target: certificate.certificateARN)
            } catch {
                CommandErrors.printError("certificate \(certificate.certificateID) was created but not fully attached; ferry iot revoke-device \(name) removes it")
                throw error
            }
            let endpoint = try await iot.describeEndpoint()
            let topics = DevicePolicyTopics.read(document: try await iot.policyDocument(names.policy), thing: name)
            print(DeviceSettings(thing: name, names: names, certificateID: certificate.certificateID, endpoint: endpoint,
                                 files: files, hasKey: certificate.privateKey != nil, topics: topics).text)
        } catch {
            throw CommandErrors.exit(for: error)
        }
    }
}

/// What `add-device` prints: where the files are and the broker settings of the device.
struct DeviceSettings {
    var thing: String
    var names: IoTStackNames
    var certificateID: String
    var endpoint: String
    var files: DeviceFiles
    var hasKey: Bool
    var topics: DevicePolicyTopics.Topics

    var text: String {
        var lines = [
            "Registered device \(thing) (thing type \(names.thingType), policy \(names.policy), certificate \(certificateID)).",
            "",
            "Files:",
            "  certificate  \(files.certificate.path)",
            hasKey ? "  private key  \(files.privateKey.path)  (mode 0600: copy it to the device only)"
                   : "  private key  kept on the device (certificate made from its CSR)",
            "  root CA      \(files.rootCA.path)",
            "",
            "Broker settings:",
            "  host       \(endpoint)",
            "  port       8883 (MQTT over TLS 1.2; plain 1883 does not exist on AWS IoT Core)",
            "  client id  \(thing) (must equal the thing name: the policy allows no other)",
        ]
        lines += topics.publish.map { "  publish    \($0)" }
        lines += topics.subscribe.map { "  subscribe  \($0)" }
        let topic = topics.publish.first.map { $0.replacingOccurrences(of: "*", with: "test") } ?? "\(thing)/test"
        lines += ["", "Try it:",
                  "  mosquitto_pub -h \(endpoint) -p 8883 -i \(thing) --cafile \(files.rootCA.path) --cert \(files.certificate.path) --key \(files.privateKey.path) -t '\(topic)' -m hello"]
        return lines.joined(separator: "\n")
    }
}
