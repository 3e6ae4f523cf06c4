import ArgumentParser
import ComposeKit

/// `ferry config`: the normalized project, like `docker compose config`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the normalized Compose project (like docker compose config).",
        discussion: "YAML by default; --format json prints the shape of `docker compose config --format json`."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case yaml, json }

    @ParentCommand var root: Ferry
    /// The project flags may also follow the subcommand (`ferry config -f x.yaml`).
    @OptionGroup var local: ProjectOptions

    var project: ProjectOptions { root.project.overridden(by: local) }

    @Option(help: "Output format: yaml or json.")
    var format: Format = .yaml

    @Flag(help: "Print the service names, one per line.")
    var services = false

    @Flag(help: "Print the profile names, one per line.")
    var profiles = false

    @Flag(name: .customLong("variables"), help: "Print the variables the files reference and where each came from.")
    var variables = false

    @Flag(name: [.short, .customLong("quiet")], help: "Only validate the configuration; print nothing.")
    var quiet = false

    func validate() throws {
        if [services, profiles, variables].filter({ $0 }).count > 1 {
            throw ValidationError("use only one of --services, --profiles, --variables")
        }
    }

    func run() throws {
        let loaded = try CLIError.reporting { try project.loadProject() }
        CLIError.printDiagnostics(loaded)
        if quiet { return }
        if services {
            for s in loaded.services { print(s.name) }
        } else if profiles {
            let all = Set((loaded.services + loaded.disabledServices).flatMap(\.profiles))
            for p in all.sorted() { print(p) }
        } else if variables {
            for (name, origin) in loaded.variableOrigins.sorted(by: { $0.key < $1.key }) { print("\(name)\t\(origin.rawValue)") }
        } else {
            switch format {
            case .yaml: print(loaded.configDocument.yaml(), terminator: "")
            case .json: print(loaded.configDocument.json())
            }
        }
    }
}
