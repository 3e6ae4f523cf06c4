import AWSKit
import Blueprint
import Foundation

/// Which built services' images are not in ECR for the tag being deployed, and the exact commands that
/// put them there: checked before the change set, because an ECS service whose image is missing keeps
/// failing to start until its deployment gives up.
public struct ImageCheck: Sendable {
    public struct Image: Sendable, Equatable {
        public var workload: String
        public var repository: String
        public var tag: String
        public var state: ECRClient.ImageState
        public var build: BuildRecipe?
        /// `ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:TAG`
        public var reference: String
    }

    public var ecr: ECRClient
    public var sts: STSClient

    public init(client: AWSClient) {
        ecr = ECRClient(client: client)
        sts = STSClient(client: client)
    }

    /// Every built image of `blueprint` with its state; the tag is the one `parameters` give its tag
    /// parameter, else the template's default (`latest`).
    public func images(_ blueprint: Blueprint, parameters: [CloudFormation.Parameter]) async throws -> [Image] {
        let built = blueprint.imageBuilders
        guard !built.isEmpty else { return [] }
        let account = try await sts.getCallerIdentity().account
        let registry = Self.registry(account: account, region: blueprint.region)
        var out: [Image] = []
        for workload in built.sorted(by: { $0.name < $1.name }) {
            guard let repository = workload.image.repository else { continue }
            let tag = workload.image.tagParameter.flatMap { key in parameters.first { $0.key == key }?.value } ?? "latest"
            let state = try await ecr.imageState(repository: repository, tag: tag)
            out.append(Image(workload: workload.name, repository: repository, tag: tag, state: state, build: workload.image.build,
                             reference: "\(registry)/\(repository):\(tag)"))
        }
        return out
    }

    public static func registry(account: String, region: String) -> String {
        "\(account).dkr.ecr.\(region).amazonaws.com"
    }

    /// `docker login`, then per image `docker build` and `docker push`, as argument lists (shown and run
    /// the same way). Paths are relative to the project directory.
    public static func commands(for images: [Image], region: String) -> [[String]] {
        guard let first = images.first else { return [] }
        let registry = String(first.reference.prefix { $0 != "/" })
        var out: [[String]] = [["sh", "-c", "aws ecr get-login-password --region \(region) | docker login --username AWS --password-stdin \(registry)"]]
        for image in images {
            out.append(buildCommand(image))
            out.append(["docker", "push", image.reference])
        }
        return out
    }

    static func buildCommand(_ image: Image) -> [String] {
        let recipe = image.build ?? BuildRecipe(context: ".")
        var command = ["docker", "build", "-t", image.reference]
        // Compose reads `dockerfile` relative to the context; docker build reads -f relative to where it runs.
        if let dockerfile = recipe.dockerfile {
            command += ["-f", dockerfile.hasPrefix("/") || recipe.context == "." ? dockerfile : recipe.context + "/" + dockerfile]
        }
        if let target = recipe.target { command += ["--target", target] }
        // Names only: docker reads each value from the environment, so none is written down.
        for arg in recipe.args.sorted() { command += ["--build-arg", arg] }
        command += ["--platform", recipe.platform ?? "linux/amd64"]
        command.append(recipe.context)
        return command
    }

    /// A command as a shell line.
    public static func shellLine(_ command: [String]) -> String {
        if command.first == "sh", command.count == 3, command[1] == "-c" { return command[2] }
        return command.map(shellQuote).joined(separator: " ")
    }

    static func shellQuote(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@%+,".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
