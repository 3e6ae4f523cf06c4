/// `extends`: a service starts from another service (same file, or `file:` relative to
/// the extending file) and merges its own keys over it by the usual merge rules.
/// Chains are followed; a cycle is an error naming the chain.
enum Extends {
    static func apply(to doc: YAMLNode, file: String, loader: DocumentLoader) throws -> YAMLNode {
        guard let services = doc["services"]?.entries, services.contains(where: { $0.value["extends"] != nil }) else { return doc }
        var out = doc
        var resolvedServices: [YAMLNode.Entry] = []
        for e in services {
            var entry = e
            entry.value = try resolve(e.key, in: services, file: file, loader: loader, chain: [])
            resolvedServices.append(entry)
        }
        var s = doc["services"] ?? YAMLNode(.mapping([]), at: doc.location)
        s.kind = .mapping(resolvedServices)
        out.set("services", s)
        return out
    }

    static func resolve(_ name: String, in services: [YAMLNode.Entry], file: String, loader: DocumentLoader, chain: [String]) throws -> YAMLNode {
        guard let entry = services.last(where: { $0.key == name }) else {
            throw ComposeError("extends: service \"\(name)\" not found in \(file)")
        }
        let node = entry.value
        guard let ext = node["extends"] else { return node }
        let here = "\(file)#\(name)"
        if chain.contains(here) {
            let names = (chain + [here]).map { String($0.split(separator: "#").last ?? "") }
            throw ComposeError("extends cycle: \(names.joined(separator: " -> "))", at: ext.location)
        }
        let baseName: String
        var baseFile = file
        if ext.scalar != nil {
            baseName = try ext.asString("services.\(name).extends")
        } else {
            guard let s = ext["service"] else { throw ComposeError("services.\(name).extends needs a service", at: ext.location) }
            baseName = try s.asString("services.\(name).extends.service")
            if let f = ext["file"], !f.isNull {
                baseFile = Paths.resolve(try f.asString("services.\(name).extends.file"), against: Paths.directory(of: file), home: loader.home)
            }
        }
        var base: YAMLNode
        if baseFile == file {
            guard services.contains(where: { $0.key == baseName }) else {
                throw ComposeError("services.\(name).extends: service \"\(baseName)\" not found", at: ext.location)
            }
            base = try resolve(baseName, in: services, file: file, loader: loader, chain: chain + [here])
        } else {
            let other = try loader.document(baseFile, referencedAt: ext.location)
            guard let otherServices = other["services"]?.entries, otherServices.contains(where: { $0.key == baseName }) else {
                throw ComposeError("services.\(name).extends: service \"\(baseName)\" not found in \(baseFile)", at: ext.location)
            }
            base = try resolve(baseName, in: otherServices, file: baseFile, loader: loader, chain: chain + [here])
            base = PathRebase.service(base, base: Paths.directory(of: baseFile), home: loader.home)
        }
        base.remove("extends")
        var own = node
        own.remove("extends")
        if base.isNull { base = YAMLNode(.mapping([]), at: node.location) }
        var merged = Merge.merge(base, own, path: ["services", name])
        merged.location = node.location
        return merged
    }
}
