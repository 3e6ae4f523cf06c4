import AWSKit
import Foundation

/// The names `ferry iot` works with: the devices' thing type and IoT policy.
struct IoTStackNames: Sendable, Equatable {
    var thingType: String
    var policy: String

    /// Flags win; what they leave open is read from the stack's resources (a thing type's and a
    /// policy's physical id is its name; an emulator may answer with the ARN, whose last part is the name).
    static func resolve(_ options: IoTTargetOptions, stackName: @autoclosure () throws -> String,
                        client: AWSClient) async throws -> IoTStackNames {
        if let thingType = options.thingType, let policy = options.policy { return IoTStackNames(thingType: thingType, policy: policy) }
        let name = try stackName()
        let targets = try await StackTargets.read(stackName: name, client: client)
        func physical(_ type: String) -> String? {
            let ids = targets.resources.filter { $0.resourceType == type }.compactMap(\.physicalID).filter { !$0.isEmpty }.sorted()
            return ids.first.map { id in id.contains(":") ? String(id.split(separator: "/").last ?? Substring(id)) : id }
        }
        guard let thingType = options.thingType ?? physical("AWS::IoT::ThingType"),
              let policy = options.policy ?? physical("AWS::IoT::Policy") else {
            throw CLIError.input("the stack \(name) has no AWS IoT thing type and policy (its project has no MQTT broker); pass --thing-type and --policy")
        }
        return IoTStackNames(thingType: thingType, policy: policy)
    }

    /// Thing names are 1–128 of `[a-zA-Z0-9:_-]`; a device's client id is its thing name.
    static func validThingName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 128 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ":_-".contains($0)) }
    }
}
