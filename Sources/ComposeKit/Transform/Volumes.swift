/// Service `volumes`: short syntax `[SOURCE:]TARGET[:MODE]` (a source starting with `.`,
/// `/` or `~` is a bind mount, anything else a named volume) and long syntax. Bind
/// sources become absolute paths.
enum VolumeSyntax {
    static func transform(_ node: YAMLNode, service: String, base: String, home: String?) throws -> [VolumeMount] {
        try node.asList("services.\(service).volumes").enumerated().map { i, item in
            let path = "services.\(service).volumes[\(i)]"
            if let entries = item.entries {
                _ = entries
                return try long(item, path, base: base, home: home)
            }
            let text = try item.asString(path)
            guard var mount = parse(text) else {
                throw ComposeError("\(path): invalid volume \"\(text)\" (expected [SOURCE:]TARGET[:MODE])", at: item.location)
            }
            if mount.type == .bind, let source = mount.source {
                mount.source = Paths.resolve(source, against: base, home: home)
                mount.createHostPath = true
            }
            mount.location = item.location
            return mount
        }
    }

    static func long(_ item: YAMLNode, _ path: String, base: String, home: String?) throws -> VolumeMount {
        let typeText = try item["type"]?.asOptionalString("\(path).type") ?? "volume"
        guard let type = VolumeMount.Kind(rawValue: typeText) else {
            throw ComposeError("\(path).type: unknown volume type \"\(typeText)\"", at: item["type"]?.location ?? item.location)
        }
        guard let targetNode = item["target"] else { throw ComposeError("\(path): a volume needs a target", at: item.location) }
        var source = try item["source"]?.asOptionalString("\(path).source")
        if type == .bind, let s = source { source = Paths.resolve(s, against: base, home: home) }
        let readOnly = try item["read_only"].map { try $0.asBool("\(path).read_only") } ?? false
        var mount = VolumeMount(type: type, source: source, target: try targetNode.asString("\(path).target"), readOnly: readOnly, location: item.location)
        if let create = item["bind"]?["create_host_path"] { mount.createHostPath = try create.asBool("\(path).bind.create_host_path") }
        return mount
    }

    static func parse(_ text: String) -> VolumeMount? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let source: String?, target: String, mode: String?
        switch parts.count {
        case 1: source = nil; target = parts[0]; mode = nil
        case 2:
            if parts[1].hasPrefix("/") || parts[0].isEmpty { source = parts[0]; target = parts[1]; mode = nil }
            else { source = nil; target = parts[0]; mode = parts[1] }
        case 3: source = parts[0]; target = parts[1]; mode = parts[2]
        default: return nil
        }
        guard !target.isEmpty else { return nil }
        let readOnly = mode.map { $0.split(separator: ",").contains("ro") } ?? false
        guard let source, !source.isEmpty else {
            return VolumeMount(type: .volume, source: nil, target: target, readOnly: readOnly)
        }
        let isPath = source.hasPrefix(".") || source.hasPrefix("/") || source.hasPrefix("~") || source.hasPrefix("$")
        return VolumeMount(type: isPath ? .bind : .volume, source: source, target: target, readOnly: readOnly)
    }

    /// The container path of a short-syntax volume (the unique key when files merge).
    static func target(ofShort text: String) -> String {
        parse(text)?.target ?? text
    }
}

/// `tmpfs`: a path or a list of paths (options after `:` kept).
enum TmpfsSyntax {
    static func transform(_ node: YAMLNode, service: String) throws -> [String] {
        try node.asStringList("services.\(service).tmpfs")
    }
}
