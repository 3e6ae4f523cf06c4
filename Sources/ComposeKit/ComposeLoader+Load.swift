import Foundation
/// Loads a Compose project the way Docker Compose does. Stages, each in its own file
/// (see docs/LOADING.md): discovery and environment (`ProjectContext`) → per file: parse
/// (`YAMLReader`), interpolate (`InterpolationStage`), canonical forms (`Canonical`),
/// `include`, `extends` → merge files (`Merge`) → profiles → normalize each key
/// (`Transform/`) → validate (`Validator`).
public enum ComposeLoader {
    public static func load(_ options: LoadOptions) throws -> Project {
        try load(options, limits: .default)
    }

    public static func load(_ options: LoadOptions, limits: LoadLimits) throws -> Project {
        let context = try ProjectContext.resolve(options, limits: limits)
        let shared = DocumentLoader.SharedState()
        shared.diagnostics = context.diagnostics
        let loader = DocumentLoader(environment: context.environment, limits: limits, home: context.home, shared: shared)
        var model: YAMLNode?
        for file in context.files {
            let doc: YAMLNode
            if file == "-" {
                // `-f -`: the document comes from standard input; relative paths in it resolve against the
                // working directory, and messages name it `<working directory>/stdin`.
                let text = try options.standardInput ?? Self.readStandardInput(limits: limits)
                doc = try loader.resolved(context.workingDirectory + "/stdin", referencedAt: nil, includeChain: [], text: text)
            } else {
                doc = try loader.resolved(file, referencedAt: nil, includeChain: [])
            }
            model = model.map { Merge.merge($0, doc, path: []) } ?? Merge.stripResets(doc)
        }
        return try assemble(model, context: context, shared: shared, limits: limits)
    }

    static func readStandardInput(limits: LoadLimits) throws -> String {
        let data = (try? FileHandle.standardInput.read(upToCount: limits.maxFileBytes + 1)) ?? Data()
        guard data.count <= limits.maxFileBytes else {
            throw ComposeError("standard input is larger than \(limits.maxFileBytes) bytes")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Loads one compose document given as text (tests, fuzzing): no file discovery,
    /// no env files; relative paths resolve against `workingDirectory`.
    public static func load(yaml: String, file: String = "compose.yaml", workingDirectory: String = "/",
                            environment: [String: String] = [:], profiles: [String] = [], limits: LoadLimits = .default) throws -> Project {
        let env = InterpolationEnvironment(shell: environment, fromFiles: [:])
        let path = Paths.resolve(file, against: workingDirectory)
        let context = ProjectContext(workingDirectory: Paths.normalize(workingDirectory), files: [path], environment: env, envFiles: [],
                                     profiles: profiles, explicitName: nil, home: environment["HOME"])
        let shared = DocumentLoader.SharedState()
        let loader = DocumentLoader(environment: env, limits: limits, home: context.home, shared: shared)
        let doc = try loader.resolved(path, referencedAt: nil, includeChain: [], text: yaml)
        return try assemble(Merge.stripResets(doc), context: context, shared: shared, limits: limits)
    }

    static func assemble(_ model: YAMLNode?, context: ProjectContext, shared: DocumentLoader.SharedState, limits: LoadLimits) throws -> Project {
        let root = model ?? YAMLNode(.mapping([]), at: SourceLocation(file: context.files.first ?? context.workingDirectory, line: 1, column: 1))
        var diagnostics = shared.diagnostics

        let name = try projectName(root, context: context)
        var project = Project(name: name, workingDirectory: context.workingDirectory, composeFiles: shared.files)
        let tc = TransformContext(baseDirectory: context.workingDirectory, home: context.home, environment: context.environment, limits: limits)

        var services: [Service] = []
        var disabled: [Service] = []
        if let entries = root["services"]?.entries {
            for e in entries {
                let s = try ServiceTransform.transform(name: e.key, node: e.value, declaredAt: e.keyLocation, context: tc, diagnostics: &diagnostics)
                if Profiles.isEnabled(s.profiles, active: context.profiles) { services.append(s) } else { disabled.append(s) }
            }
        }
        // Evidence beside the compose files: the routes a reverse proxy's own configuration declares.
        for i in services.indices { services[i].proxyRoutes = ProxyConfigFiles.routes(for: services[i]) }
        // And what the code in a build context uses: its dependency manifests and source files.
        for i in services.indices { services[i].contextFiles = BuildContextFiles.files(for: services[i]) }
        // And an MQTT broker's own configuration: its listeners, users and ACL topics.
        for i in services.indices { services[i].brokerConfig = BrokerConfigFiles.mosquitto(for: services[i]) }
        project.services = services.sorted { $0.name < $1.name }
        project.disabledServices = disabled.sorted { $0.name < $1.name }
        project.networks = try TopLevelSyntax.networks(root["networks"])
        project.volumes = try TopLevelSyntax.volumes(root["volumes"])
        project.secrets = try TopLevelSyntax.fileObjects(root["secrets"], kind: "secrets", base: context.workingDirectory, home: context.home)
        project.configs = try TopLevelSyntax.fileObjects(root["configs"], kind: "configs", base: context.workingDirectory, home: context.home)
        for e in root.entries ?? [] where e.key.hasPrefix("x-") { project.extensions[e.key] = e.value.composeValue }
        Defaults.apply(to: &project)

        try Validator.validate(project, diagnostics: &diagnostics)
        project.diagnostics = diagnostics.sorted(by: Diagnostic.stableOrder)
        project.variableOrigins = shared.referencedVariables
        return project
    }

    static func projectName(_ root: YAMLNode, context: ProjectContext) throws -> String {
        if let explicit = context.explicitName {
            guard ProjectContext.isValidProjectName(explicit) else {
                throw ComposeError("invalid project name \"\(explicit)\": use lowercase letters, digits, \"_\" and \"-\", starting with a letter or digit")
            }
            return explicit
        }
        if let n = root["name"], let text = n.text, !text.isEmpty {
            guard ProjectContext.isValidProjectName(text) else {
                throw ComposeError("invalid project name \"\(text)\": use lowercase letters, digits, \"_\" and \"-\", starting with a letter or digit", at: n.location)
            }
            return text
        }
        let fromDir = ProjectContext.normalizeProjectName(Paths.base(of: context.workingDirectory))
        return fromDir.isEmpty ? "default" : fromDir
    }
}

extension Diagnostic {
    /// File, line, column, then message: stable whatever order stages ran in.
    static func stableOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        let la = a.location, lb = b.location
        if la?.file != lb?.file { return (la?.file ?? "") < (lb?.file ?? "") }
        if la?.line != lb?.line { return (la?.line ?? 0) < (lb?.line ?? 0) }
        if la?.column != lb?.column { return (la?.column ?? 0) < (lb?.column ?? 0) }
        return a.message < b.message
    }
}

/// What Docker Compose adds to every project: the `default` network when a service uses
/// it, and resource names prefixed with the project name.
enum Defaults {
    static func apply(to project: inout Project) {
        let all = project.services + project.disabledServices
        if project.networks["default"] == nil, all.contains(where: { $0.networks.isEmpty && $0.networkMode == nil }) {
            project.networks["default"] = Network()
        }
        for (k, var n) in project.networks where n.name == nil {
            n.name = n.external ? k : "\(project.name)_\(k)"
            project.networks[k] = n
        }
        for (k, var v) in project.volumes where v.name == nil {
            v.name = v.external ? k : "\(project.name)_\(k)"
            project.volumes[k] = v
        }
        for (k, var s) in project.secrets where s.name == nil {
            s.name = s.external ? k : "\(project.name)_\(k)"
            project.secrets[k] = s
        }
        for (k, var c) in project.configs where c.name == nil {
            c.name = c.external ? k : "\(project.name)_\(k)"
            project.configs[k] = c
        }
    }
}
