/// Stage 7: references and cycles, checked on every service (enabled or not), each error
/// at the place the reference was written.
enum Validator {
    static func validate(_ project: Project, diagnostics: inout [Diagnostic]) throws {
        let all = project.services + project.disabledServices
        let names = Set(all.map(\.name))
        let enabled = Set(project.services.map(\.name))
        for s in all {
            func at(_ key: String) -> SourceLocation? { s.locations[key] ?? s.location }
            let path = "services.\(s.name)"
            if s.image == nil, s.build == nil {
                throw ComposeError("service \"\(s.name)\" has neither an image nor a build context specified", at: s.location)
            }
            for d in s.dependsOn {
                if !names.contains(d.service) {
                    if d.required {
                        throw ComposeError("service \"\(s.name)\" depends on undefined service \"\(d.service)\"", at: at("depends_on.\(d.service)"))
                    }
                    diagnostics.append(Diagnostic(.warning, "service \"\(s.name)\" depends on undefined service \"\(d.service)\" (not required)", at: at("depends_on.\(d.service)"), keyPath: "\(path).depends_on.\(d.service)"))
                } else if enabled.contains(s.name), !enabled.contains(d.service), d.required {
                    diagnostics.append(Diagnostic(.warning, "service \"\(s.name)\" depends on \"\(d.service)\", which no active profile enables", at: at("depends_on.\(d.service)"), keyPath: "\(path).depends_on.\(d.service)"))
                }
            }
            for (i, link) in s.links.enumerated() {
                let target = String(link.split(separator: ":").first ?? "")
                if !names.contains(target) {
                    throw ComposeError("service \"\(s.name)\" links to undefined service \"\(target)\"", at: at("links[\(i)]"))
                }
            }
            if let mode = s.networkMode, mode.hasPrefix("service:") {
                let target = String(mode.dropFirst("service:".count))
                if !names.contains(target) {
                    throw ComposeError("service \"\(s.name)\" uses network_mode of undefined service \"\(target)\"", at: at("network_mode"))
                }
            }
            if case let .sequence(items)? = s.otherKeys["volumes_from"] {
                for (i, item) in items.enumerated() {
                    guard let text = item.scalarText, !text.hasPrefix("container:") else { continue }
                    let target = String(text.split(separator: ":").first ?? "")
                    if !names.contains(target) {
                        throw ComposeError("service \"\(s.name)\" uses volumes from undefined service \"\(target)\"", at: at("volumes_from[\(i)]"))
                    }
                }
            }
            for net in s.networks.keys.sorted() where project.networks[net] == nil {
                throw ComposeError("service \"\(s.name)\" refers to undefined network \"\(net)\"", at: at("networks.\(net)"))
            }
            for (i, v) in s.volumes.enumerated() where v.type == .volume {
                if let source = v.source, project.volumes[source] == nil {
                    throw ComposeError("service \"\(s.name)\" refers to undefined volume \"\(source)\"", at: v.location ?? at("volumes[\(i)]"))
                }
            }
            for (i, r) in s.secrets.enumerated() where project.secrets[r.source] == nil {
                throw ComposeError("service \"\(s.name)\" refers to undefined secret \"\(r.source)\"", at: at("secrets[\(i)]"))
            }
            for (i, r) in s.configs.enumerated() where project.configs[r.source] == nil {
                throw ComposeError("service \"\(s.name)\" refers to undefined config \"\(r.source)\"", at: at("configs[\(i)]"))
            }
        }
        try checkDependencyCycles(all)
        for (name, secret) in project.secrets.sorted(by: { $0.key < $1.key }) {
            if let file = secret.file, !Paths.exists(file) {
                diagnostics.append(Diagnostic(.warning, "secret \"\(name)\" file \(file) does not exist", at: secret.location, keyPath: "secrets.\(name).file"))
            }
        }
    }

    /// depends_on must form no cycle; the error names it (`a -> b -> a`).
    static func checkDependencyCycles(_ services: [Service]) throws {
        let byName = Dictionary(services.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var state: [String: Int] = [:]   // 1 visiting, 2 done
        var stack: [String] = []
        func visit(_ name: String) throws {
            if state[name] == 2 { return }
            if state[name] == 1 {
                let start = stack.firstIndex(of: name) ?? 0
                let cycle = Array(stack[start...]) + [name]
                let first = byName[stack[start]]
                let next = cycle.count > 1 ? cycle[1] : name
                throw ComposeError("dependency cycle: \(cycle.joined(separator: " -> "))", at: first?.locations["depends_on.\(next)"] ?? first?.location)
            }
            state[name] = 1
            stack.append(name)
            for d in byName[name]?.dependsOn ?? [] where byName[d.service] != nil { try visit(d.service) }
            stack.removeLast()
            state[name] = 2
        }
        for s in services.sorted(by: { $0.name < $1.name }) { try visit(s.name) }
    }
}
