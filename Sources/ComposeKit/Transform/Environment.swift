import Foundation

/// `environment` (already a mapping, see Canonical) and `env_file` (string, list, or
/// `{path, required, format}`), merged into one sorted list; `environment` wins. A bare
/// `KEY` takes its value from the project environment, or stays unset.
enum EnvironmentSyntax {
    static func transform(environment: YAMLNode?, envFile: YAMLNode?, service: String, context: TransformContext) throws -> [EnvironmentEntry] {
        var byName: [String: EnvironmentEntry] = [:]
        if let envFile, !envFile.isNull {
            for (i, item) in try envFile.asList("services.\(service).env_file").enumerated() {
                let path = "services.\(service).env_file[\(i)]"
                var required = true
                var raw = false
                let fileNode: YAMLNode
                if item.entries != nil {
                    guard let p = item["path"] else { throw ComposeError("\(path): an env_file entry needs a path", at: item.location) }
                    fileNode = p
                    if let r = item["required"] { required = try r.asBool("\(path).required") }
                    if let f = item["format"] {
                        switch try f.asString("\(path).format") {
                        case "raw": raw = true
                        case "", "dotenv": raw = false
                        case let other: throw ComposeError("\(path).format: unsupported env file format \"\(other)\" (use raw, or leave it out)", at: f.location)
                        }
                    }
                } else {
                    fileNode = item
                }
                let file = Paths.resolve(try fileNode.asString(path), against: context.baseDirectory, home: context.home)
                guard Paths.exists(file) else {
                    if required { throw ComposeError("env file \(file) not found", at: fileNode.location) }
                    continue
                }
                if raw {
                    // `format: raw`: KEY=VALUE lines taken as written, no quotes, escapes or interpolation.
                    let text = try Paths.read(file, limits: context.limits, referencedAt: fileNode.location, what: "env file")
                    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                        let entry = line.hasSuffix("\r") ? line.dropLast() : line
                        let trimmed = entry.drop { $0 == " " || $0 == "\t" }
                        if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                        let key = trimmed.prefix { $0 != "=" }.trimmingCharacters(in: .whitespaces)
                        guard !key.isEmpty else { continue }
                        let value = trimmed.firstIndex(of: "=").map { String(trimmed[trimmed.index(after: $0)...]) }
                        byName[key] = EnvironmentEntry(name: key, value: value ?? context.environment.value(key), template: nil, references: [],
                                                       source: .envFile(file), location: SourceLocation(file: file, line: index + 1, column: 1))
                    }
                    continue
                }
                for e in try context.envFiles.entries(file, context: context, referencedAt: fileNode.location) {
                    byName[e.name] = EnvironmentEntry(name: e.name, value: e.value, template: e.template, references: e.references,
                                                      substitutions: e.substitutions, source: .envFile(file), location: SourceLocation(file: file, line: e.line, column: 1))
                }
            }
        }
        if let environment, !environment.isNull {
            for (name, value, node) in try environment.asStringMap("services.\(service).environment") {
                let scalar = node.scalar
                if let value {
                    byName[name] = EnvironmentEntry(name: name, value: value, template: scalar?.template,
                                                    references: scalar?.references ?? [], substitutions: scalar?.substitutions ?? [],
                                                    source: .environment, location: node.location)
                } else {
                    let fromEnv = context.environment.value(name)
                    byName[name] = EnvironmentEntry(name: name, value: fromEnv, template: nil,
                                                    references: fromEnv == nil ? [] : [VariableReference(variable: name, resolution: .environment)],
                                                    substitutions: fromEnv.map { [Substitution(range: 0..<$0.utf8.count, variables: [name])] } ?? [],
                                                    source: .environment, location: node.location)
                }
            }
        }
        return byName.keys.sorted().compactMap { byName[$0] }
    }
}

/// `labels` (mapping after Canonical): `null` values become empty strings.
enum LabelsSyntax {
    static func transform(_ node: YAMLNode, path: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for (k, v, _) in try node.asStringMap(path) { out[k] = v ?? "" }
        return out
    }
}
