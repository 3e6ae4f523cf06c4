/// `include`: each entry is loaded as a project of its own (its project directory,
/// its env files layered over the including project's environment), its relative paths
/// made absolute, and its resources added; a resource defined on both sides is an error.
enum Include {
    static let resourceKeys = ["services", "networks", "volumes", "secrets", "configs"]

    static func apply(_ include: YAMLNode, to doc: YAMLNode, file: String, loader: DocumentLoader, chain: [String]) throws -> YAMLNode {
        let dir = Paths.directory(of: file)
        var out = doc
        for (i, item) in try include.asList("include").enumerated() {
            let p = "include[\(i)]"
            var paths: [String]
            var projectDirectory: String?
            var envFiles: [String]?
            if item.scalar != nil {
                paths = [try item.asString(p)]
            } else {
                guard let pathNode = item["path"] else { throw ComposeError("\(p) needs a path", at: item.location) }
                paths = try pathNode.asStringList("\(p).path")
                projectDirectory = try item["project_directory"]?.asOptionalString("\(p).project_directory")
                if let e = item["env_file"], !e.isNull { envFiles = try e.asStringList("\(p).env_file") }
            }
            paths = paths.map { Paths.resolve($0, against: dir, home: loader.home) }
            guard let first = paths.first else { continue }
            for path in paths {
                if chain.contains(path) {
                    throw ComposeError("include cycle: \((chain + [path]).map(Paths.base).joined(separator: " -> "))", at: item.location)
                }
                guard Paths.exists(path) else { throw ComposeError("included file not found: \(path)", at: item.location) }
            }
            let projectDir = projectDirectory.map { Paths.resolve($0, against: dir, home: loader.home) } ?? Paths.directory(of: first)
            let envPaths = envFiles?.map { Paths.resolve($0, against: dir, home: loader.home) } ?? [projectDir + "/.env"].filter(Paths.exists)
            var fromFiles = loader.environment.fromFiles
            var overlay: [String: String] = [:]
            for envPath in envPaths {
                let text = try Paths.read(envPath, limits: loader.limits, referencedAt: item.location, what: "env file")
                let base = loader.environment.merged
                let current = overlay
                for e in try DotEnv.parse(text, file: envPath, lookup: { current[$0] ?? base[$0] }) { overlay[e.name] = e.value }
            }
            fromFiles.merge(overlay) { _, new in new }
            // The included project's env file wins over the including environment.
            var shell = loader.environment.shell
            for k in overlay.keys { shell.removeValue(forKey: k) }
            let sub = DocumentLoader(environment: InterpolationEnvironment(shell: shell, fromFiles: fromFiles),
                                     limits: loader.limits, home: loader.home, shared: loader.shared)
            var included: YAMLNode?
            for path in paths {
                let d = try sub.resolved(path, referencedAt: item.location, includeChain: chain)
                included = included.map { Merge.merge($0, d, path: []) } ?? Merge.stripResets(d)
            }
            guard let included else { continue }
            for key in resourceKeys {
                guard let theirs = included[key]?.entries, !theirs.isEmpty else { continue }
                var mine = out[key]?.entries ?? []
                for var e in theirs {
                    if let existing = mine.first(where: { $0.key == e.key }) {
                        throw ComposeError("\(key).\(e.key) is defined both here and in included file \(e.keyLocation.file)", at: existing.keyLocation)
                    }
                    if key == "services" { e.value = PathRebase.service(e.value, base: projectDir, home: loader.home) }
                    if key == "secrets" || key == "configs" { e.value = PathRebase.fileObject(e.value, base: projectDir, home: loader.home) }
                    mine.append(e)
                }
                var node = out[key] ?? YAMLNode(.mapping([]), at: doc.location)
                node.kind = .mapping(mine)
                out.set(key, node)
            }
        }
        return out
    }
}
