import ArgumentParser

/// `ferry iot`: register, list and revoke the devices that connect to the stack's AWS IoT Core.
struct IoTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iot",
        abstract: "Register, list and revoke devices for the deployed AWS IoT Core (the broker that replaced mosquitto).",
        discussion: """
            Devices are things of the stack's thing type, each with its own X.509 certificate and the stack's \
            device policy, which lets a device connect only with its thing name as client id. Private keys are \
            written to a file (mode 0600) and never printed.
            """,
        subcommands: [IoTAddDeviceCommand.self, IoTListDevicesCommand.self, IoTRevokeDeviceCommand.self])
}

/// Where the devices' thing type and policy come from: flags (a Terraform deployment has no stack),
/// else the CloudFormation stack's `AWS::IoT::ThingType` and `AWS::IoT::Policy`.
struct IoTTargetOptions: ParsableArguments, Sendable {
    @Option(name: [.customLong("stack"), .customLong("stack-name")], help: "CloudFormation stack name (default: the project name).")
    var stackName: String?

    @Option(name: .customLong("thing-type"), help: "The devices' thing type (default: the stack's).")
    var thingType: String?

    @Option(name: .customLong("policy"), help: "The devices' IoT policy (default: the stack's).")
    var policy: String?

    /// The stack name the way every other command derives it (flag, else the project name).
    func resolvedStackName(project: ProjectOptions) throws -> String {
        if let stackName { return stackName }
        var option = StackNameOption()
        option.stackName = nil
        return try option.resolve(project: project)
    }
}
