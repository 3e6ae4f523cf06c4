import ArgumentParser
import AWSKit
import Foundation

struct IoTRevokeDeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke-device",
        abstract: "Revoke a device: deactivate, detach and delete its certificates, then delete its thing.",
        discussion: "The device is disconnected and can never connect with those certificates again. Local files under .ferry/devices/ are left for you to delete.")

    @ParentCommand var root: Ferry
    @OptionGroup var target: IoTTargetOptions
    @OptionGroup var aws: AWSOptions

    @Argument(help: "The device's thing name.")
    var name: String

    func validate() throws {
        guard IoTStackNames.validThingName(name) else {
            throw ValidationError("a device name is 1-128 letters, digits, ':', '_' or '-'")
        }
    }

    func run() async throws {
        do {
            let client = try aws.client()
            let names = try await IoTStackNames.resolve(target, stackName: try target.resolvedStackName(project: root.project), client: client)
            let iot = IoTClient(client: client)
            let principals: [String]
            do {
                principals = try await iot.listThingPrincipals(thing: name)
            } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
                throw CLIError.input("no device \(name) in \(client.region) (ferry iot list-devices shows the devices)")
            }
            for principal in principals {
                // Detach from the thing first: a certificate attached to a thing cannot be deleted.
                try await iot.detachThingPrincipal(thing: name, principal: principal)
                guard let id = IoTClient.certificateID(fromARN: principal) else { continue }
                try await iot.updateCertificate(id, status: "INACTIVE")
                do {
                    try await iot.detachPolicy(names.policy, target: principal)
                } catch let error as AWSServiceError where error.code == "ResourceNotFoundException" {
                    // Not attached (or already detached by an earlier, interrupted revoke).
                }
                try await iot.deleteCertificate(id)
                print("Deleted certificate \(id).")
            }
            try await iot.deleteThing(name)
            print("Revoked device \(name): it can no longer connect.")
        } catch {
            throw CommandErrors.exit(for: error)
        }
    }
}
