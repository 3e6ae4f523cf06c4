import ArgumentParser
import AWSKit
import Foundation

/// The AWS CLI's connection flags, with the same names and meanings.
struct AWSOptions: ParsableArguments, Sendable {
    @Option(help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region).")
    var region: String?

    @Option(name: .customLong("aws-profile"), help: "Profile from ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE). Named --aws-profile because --profile selects Compose profiles.")
    var awsProfile: String?

    @Option(name: .customLong("endpoint-url"), help: "Send every AWS request to this URL (LocalStack, moto). AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> work too.")
    var endpointURL: String?

    func validate() throws {
        if let endpointURL {
            guard let url = URL(string: endpointURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ValidationError("--endpoint-url must be an http(s) URL, e.g. http://localhost:4566")
            }
        }
    }

    func settings() -> AWSSettings {
        AWSSettings(profile: awsProfile, region: region, endpointURL: endpointURL)
    }

    func client() throws -> AWSClient {
        try AWSClient.make(settings: settings())
    }
}

/// Shared by deploy, status and destroy: the stack name, defaulting to the Compose project name.
struct StackNameOption: ParsableArguments, Sendable {
    @Option(name: .customLong("stack-name"), help: "CloudFormation stack name (default: the project name).")
    var stackName: String?

    func resolve(project: ProjectOptions) throws -> String {
        if let stackName { return stackName }
        let base: String
        if let name = project.projectName, !name.isEmpty {
            base = name
        } else if let dir = project.projectDirectory {
            base = URL(fileURLWithPath: dir).standardizedFileURL.lastPathComponent
        } else if let file = project.files.first {
            base = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent().lastPathComponent
        } else {
            base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).lastPathComponent
        }
        return try Self.sanitize(base)
    }

    /// Stack names are `[A-Za-z][-A-Za-z0-9]*`, at most 128 characters.
    static func sanitize(_ name: String) throws -> String {
        var out = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        while out.contains("--") { out = out.replacingOccurrences(of: "--", with: "-") }
        out = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        if let first = out.first, !first.isLetter { out = "ferry-" + out }
        guard !out.isEmpty else { throw ValidationError("cannot derive a stack name; pass --stack-name") }
        return String(out.prefix(128))
    }
}

enum OutputFormat: String, ExpressibleByArgument, Sendable, CaseIterable {
    case text, json
}
