/// Reads one compose file through the per-file stages: parse (with positions) →
/// interpolate → check top-level keys → canonical list/mapping forms → `include` →
/// `extends`. One instance serves one project environment; `include` makes another.
final class DocumentLoader {
    let environment: InterpolationEnvironment
    let limits: LoadLimits
    let home: String?
    /// Shared across nested loaders: every file read, diagnostics, the include chain.
    let shared: SharedState

    final class SharedState {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var referencedVariables: [String: VariableOrigin] = [:]
        var reads = 0
    }

    private var cache: [String: YAMLNode] = [:]

    init(environment: InterpolationEnvironment, limits: LoadLimits, home: String?, shared: SharedState) {
        self.environment = environment; self.limits = limits; self.home = home; self.shared = shared
    }

    static let topLevelKeys: Set<String> = ["version", "name", "services", "networks", "volumes", "secrets", "configs", "include", "models"]

    /// Parse + interpolate + top-level checks + canonical service forms. Cached per file.
    func document(_ path: String, referencedAt: SourceLocation?, text: String? = nil) throws -> YAMLNode {
        if let cached = cache[path] { return cached }
        shared.reads += 1
        if shared.reads > limits.maxFiles {
            throw ComposeError("more than \(limits.maxFiles) files read (include/extends loop?)", at: referencedAt)
        }
        let source = try text ?? Paths.read(path, limits: limits, referencedAt: referencedAt, what: "compose file")
        if !shared.files.contains(path) { shared.files.append(path) }
        // Docker Compose refuses a file with no document (empty, or only comments).
        guard var root = try YAMLReader.parse(source, file: path, limits: limits) else {
            throw ComposeError("empty compose file", at: SourceLocation(file: path, line: 1, column: 1))
        }
        guard let entries = root.entries else {
            throw ComposeError("a compose file must be a mapping at the top level, found \(root.kindName)", at: root.location)
        }
        for e in entries {
            if e.key == "version" {
                shared.diagnostics.append(Diagnostic(.notice, "the top-level \"version\" key is obsolete and ignored", at: e.keyLocation, keyPath: "version"))
            } else if !e.key.hasPrefix("x-"), !Self.topLevelKeys.contains(e.key) {
                throw ComposeError("unknown top-level key \"\(e.key)\"", at: e.keyLocation)
            }
        }
        root.remove("version")
        var interpolation = InterpolationStage(environment: environment)
        try interpolation.apply(&root)
        shared.diagnostics += interpolation.diagnostics
        collectReferences(root)

        if let services = root["services"], !services.isNull {
            var list = try services.asMapping("services")
            for i in list.indices {
                guard ServiceName.isValid(list[i].key) else {
                    throw ComposeError("invalid service name \"\(list[i].key)\": use letters, digits, \".\", \"_\" and \"-\"", at: list[i].keyLocation)
                }
                if !list[i].value.isNull { _ = try list[i].value.asMapping("services.\(list[i].key)") }
                list[i].value = try Canonical.service(list[i].value)
            }
            var s = services
            s.kind = .mapping(list)
            root.set("services", s)
        }
        for key in ["networks", "volumes", "secrets", "configs"] {
            if let n = root[key], !n.isNull { _ = try n.asMapping(key) }
        }
        cache[path] = root
        return root
    }

    private func collectReferences(_ node: YAMLNode) {
        switch node.kind {
        case .scalar(let s):
            for r in s.references where shared.referencedVariables[r.variable] == nil {
                shared.referencedVariables[r.variable] = environment.origin(r.variable)
            }
        case .sequence(let items): items.forEach(collectReferences)
        case .mapping(let entries): entries.forEach { collectReferences($0.value) }
        }
    }

    /// A file with its `include`s merged in and its `extends` resolved.
    func resolved(_ path: String, referencedAt: SourceLocation?, includeChain: [String], text: String? = nil) throws -> YAMLNode {
        var doc = try document(path, referencedAt: referencedAt, text: text)
        if let include = doc["include"] {
            doc = try Include.apply(include, to: doc, file: path, loader: self, chain: includeChain + [path])
            doc.remove("include")
        }
        return try Extends.apply(to: doc, file: path, loader: self)
    }
}

enum ServiceName {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }
}
