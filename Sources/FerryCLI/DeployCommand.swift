import ArgumentParser
import AWSKit
import Blueprint
import Deployer
import Foundation
import Planner

struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy the project (or a CloudFormation template) through a change set, showing the changes first.",
        discussion: """
        Plans the project at --tier, renders its CloudFormation, checks the template's parameters and the \
        built services' images, then creates a change set (CREATE or UPDATE), shows what it adds, modifies \
        and removes (replacements marked, data stores that would lose data flagged DATA LOSS), asks, \
        executes it and follows the stack events. Nothing is created while a required parameter is \
        missing (exit 2). At the dev tier a project without a domain or certificate is served over plain \
        HTTP on the load balancer's DNS name; mvp and prod need a certificate unless --allow-http. A failed \
        deployment is never deleted: the stack stays for inspection. Ctrl-C stops watching, not the \
        deployment. Templates over 51,200 bytes are staged in an S3 bucket ferry creates once per account \
        and region. Teams on Terraform: `ferry generate --target terraform -o DIR` writes the same plan as \
        Terraform; deploy that with `terraform init && terraform apply` in DIR instead (its README.md says \
        how to move an environment between the two).
        """)

    @ParentCommand var root: Ferry
    @OptionGroup var stack: StackNameOption
    @OptionGroup var aws: AWSOptions

    @Option(help: "Environment tier: dev, mvp or prod (default: x-ferry.tier in the compose file, else mvp).")
    var tier: Tier?

    @Option(name: .customLong("environment"), help: "Environment name used in resource names and tags (default: the tier).")
    var environment: String?

    @Flag(name: .customLong("allow-http"), help: "Without a domain or certificate, serve plain HTTP on the load balancer's DNS name at mvp or prod too.")
    var allowHTTP = false

    @Option(help: "CloudFormation template to deploy (JSON or YAML). Default: render the Compose project's own.", completion: .file())
    var template: String?

    @Option(help: "Parameters: a JSON object {\"Key\": \"value\"} or the AWS CLI's [{\"ParameterKey\", \"ParameterValue\"}] list, inline or in a file.", completion: .file())
    var parameters: String?

    @Flag(help: "Build and push the built services' images with the docker CLI first (needs a reachable Docker daemon).")
    var build = false

    @Flag(name: [.customShort("y"), .long], help: "Deploy without asking for confirmation.")
    var yes = false

    @Flag(name: .customLong("no-execute"), help: "Create the change set, show it, and stop.")
    var noExecute = false

    @Flag(name: .customLong("allow-data-loss"), help: "Proceed even when changes delete or replace a data store.")
    var allowDataLoss = false

    @Flag(name: .customLong("replace-failed-stack"), help: "Delete and recreate a stack left in ROLLBACK_COMPLETE without asking.")
    var replaceFailedStack = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if template != nil && (tier != nil || environment != nil || allowHTTP) {
            throw ValidationError("--tier, --environment and --allow-http shape the plan; they do not apply to --template (render it with `ferry generate` instead)")
        }
        var planning = PlanningOptions()
        planning.region = aws.region
        planning.environment = environment
        planning.budget = nil  // every option of a hand-made ParsableArguments must be set before it is read
        try planning.validate()
    }

    /// The plan's options: `--region` is both the region planned for and the region deployed to.
    var planOptions: PlanOptions {
        var planning = PlanningOptions()
        planning.tier = tier
        planning.region = aws.region
        planning.environment = environment
        planning.budget = nil
        var options = planning.planOptions
        options.allowHTTP = allowHTTP
        return options
    }

    func run() async throws {
        let json = format == .json
        let terminal = StandardTerminal(jsonOutput: json)
        do {
            let name = try stack.resolve(project: root.project)
            let source = try template.map(DeployTemplateSource.read)
                ?? DeployTemplateSource.render(project: root.project, planning: planOptions)
            let parameterValues = try parameters.map { try ParametersFile.load(argument: $0) } ?? []
            if let blueprint = source.blueprint { report(blueprint, terminal: terminal) }
            // Without --region the stack goes where it was planned for (x-ferry.region, AWS_REGION).
            var settings = aws.settings()
            if aws.region == nil, let blueprint = source.blueprint { settings.explicitRegion = blueprint.region }
            let client = try AWSClient.make(settings: settings)
            let request = DeployRequest(stackName: name, templateText: source.text, templatePath: source.origin, parameters: parameterValues,
                                        yes: yes, noExecute: noExecute, allowDataLoss: allowDataLoss,
                                        replaceFailedStack: replaceFailedStack, nestedTemplates: source.nested)
            let deployer = Deployer(client: client, terminal: terminal)
            do {
                try await deployer.preflight(request)
            } catch DeployError.incompleteParameters(let stack, let needs) {
                CommandErrors.printError(ParameterCheck.message(stack: stack, needs, hints: DeployHints.parameters(source.blueprint)))
                throw ExitCode(2)
            }
            let result = try await deployWithImages(request, source: source, deployer: deployer, client: client, terminal: terminal)
            if result.outcome == .created || result.outcome == .updated {
                DeployHistory(root: URL(fileURLWithPath: projectDirectory), stackName: name)
                    .record(.init(template: source.text, nested: source.nested))
                terminal.say("Check it: ferry verify --stack-name \(name)")
            }
            if json { print(result.json()) }
            if result.outcome == .failed { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw CommandErrors.exit(for: error)
        }
    }

    /// Images first: a built service whose image is not in ECR cannot start. A first deploy (the
    /// repositories come with the stack) runs with `StartBuiltServices=false`, then pushes (`--build`) and
    /// starts them in a second update, or says how. An update whose image tags are missing stops before
    /// the change set unless `--build` pushes them.
    func deployWithImages(_ request: DeployRequest, source: DeployTemplateSource.Template, deployer: Deployer, client: AWSClient,
                          terminal: StandardTerminal) async throws -> DeployResult {
        var request = request
        let gate = "StartBuiltServices"
        guard let blueprint = source.blueprint,
              (try? TemplateDocument(text: source.text))?.parameterNames.contains(gate) == true,
              !request.parameters.contains(where: { $0.key == gate }) else {
            return try await run(deployer, request)
        }
        let images = ImagePreflight(client: client, terminal: terminal, directory: projectDirectory)
        let missing = try await images.missing(blueprint, parameters: request.parameters)
        images.explain(missing, region: blueprint.region)
        if missing.isEmpty {
            request.parameters.append(.init(key: gate, value: "true"))
            return try await run(deployer, request)
        }
        let pending = missing.contains { $0.state == .noRepository }
        if build { try images.build(missing, region: blueprint.region) }
        if !pending {
            guard build else {
                images.printCommands(missing, region: blueprint.region)
                throw CLIError.input("the images above are not in ECR, so their services could not start; nothing was changed. Push them, or deploy with --build.")
            }
            try images.push(missing)
            request.parameters.append(.init(key: gate, value: "true"))
            return try await run(deployer, request)
        }
        // First deploy: everything but the built services' tasks, then the images, then the tasks.
        terminal.say("Deploying with \(gate)=false: the services built from source run 0 tasks until their images exist.")
        var first = request
        first.parameters.append(.init(key: gate, value: "false"))
        let created = try await run(deployer, first)
        guard created.outcome == .created || created.outcome == .updated else { return created }
        guard build else {
            images.printCommands(missing, region: blueprint.region)
            terminal.say("Then run `ferry deploy` again: it starts those services.")
            return created
        }
        try images.push(missing)
        terminal.say("Images pushed; starting the services built from source.")
        var second = request
        second.parameters.append(.init(key: gate, value: "true"))
        second.yes = true  // the user agreed to this deploy already
        var started = try await run(deployer, second)
        if started.outcome == .updated { started.outcome = created.outcome }
        return started
    }

    func run(_ deployer: Deployer, _ request: DeployRequest) async throws -> DeployResult {
        try await Interrupts.run { try await deployer.deploy(request) }
    }

    /// The project directory (build contexts and `.ferry/` are relative to it).
    var projectDirectory: String {
        root.project.projectDirectory ?? root.project.files.first.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
            ?? FileManager.default.currentDirectoryPath
    }

    /// The plan's findings about how the stack will be reached, before any change set.
    func report(_ blueprint: Blueprint, terminal: StandardTerminal) {
        for finding in blueprint.findings where finding.id == "FERRY-EDGE-HTTP" && finding.isActive {
            terminal.say("\(finding.severity == .error ? "warning" : "note"): \(finding.message). \(finding.fix)")
        }
    }
}
