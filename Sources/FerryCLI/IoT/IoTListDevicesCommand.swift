import ArgumentParser
import AWSKit
import Foundation

struct IoTListDevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-devices",
        abstract: "List the devices (things of the stack's thing type) with their certificates and status.")

    @ParentCommand var root: Ferry
    @OptionGroup var target: IoTTargetOptions
    @OptionGroup var aws: AWSOptions

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    struct Device: Codable, Equatable {
        struct Certificate: Codable, Equatable { var id: String; var status: String }
        var name: String
        var certificates: [Certificate]
    }

    func run() async throws {
        do {
            let client = try aws.client()
            let names = try await IoTStackNames.resolve(target, stackName: try target.resolvedStackName(project: root.project), client: client)
            let iot = IoTClient(client: client)
            var devices: [Device] = []
            for thing in try await iot.listThings(thingTypeName: names.thingType) {
                var certificates: [Device.Certificate] = []
                for principal in try await iot.listThingPrincipals(thing: thing.name) {
                    guard let id = IoTClient.certificateID(fromARN: principal) else { continue }
                    certificates.append(.init(id: id, status: try await iot.describeCertificate(id).status))
                }
                devices.append(Device(name: thing.name, certificates: certificates.sorted { $0.id < $1.id }))
            }
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(devices), as: UTF8.self))
            case .text:
                guard !devices.isEmpty else {
                    print("No devices of thing type \(names.thingType) yet: ferry iot add-device NAME registers one.")
                    return
                }
                let width = max(6, devices.map(\.name.count).max() ?? 0)
                print("DEVICE".padding(toLength: width, withPad: " ", startingAt: 0) + "  CERTIFICATE                                                       STATUS")
                for device in devices {
                    let padded = device.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    if device.certificates.isEmpty { print("\(padded)  (no certificate)") }
                    for certificate in device.certificates {
                        print("\(padded)  \(certificate.id.padding(toLength: 64, withPad: " ", startingAt: 0))  \(certificate.status)")
                    }
                }
            }
        } catch {
            throw CommandErrors.exit(for: error)
        }
    }
}
