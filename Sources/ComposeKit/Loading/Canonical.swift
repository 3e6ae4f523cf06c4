/// Before files are merged, keys with both a list and a mapping form are brought to the
/// mapping form, so an override file written in one syntax merges key by key with a base
/// written in the other (as compose-go does).
enum Canonical {
    /// Keys whose list form is `KEY=VALUE` (or bare `KEY`).
    static let keyValueLists: Set<String> = ["environment", "labels", "annotations", "sysctls"]

    static func service(_ node: YAMLNode) throws -> YAMLNode {
        guard var entries = node.entries else { return node }
        for i in entries.indices {
            let key = entries[i].key
            var value = entries[i].value
            switch key {
            case _ where keyValueLists.contains(key):
                value = try keyValueMapping(value, what: key)
            case "depends_on":
                value = try dependsOnMapping(value)
            case "networks":
                value = try listToNullMapping(value, what: "networks")
            case "build":
                if let s = value.scalar, s.resolved != .null {
                    value = YAMLNode(.mapping([YAMLNode.Entry(key: "context", keyLocation: value.location, value: value)]), at: value.location, overrideTag: value.overrideTag)
                }
                if var build = value.entries {
                    for j in build.indices where build[j].key == "args" || build[j].key == "labels" {
                        build[j].value = try keyValueMapping(build[j].value, what: "build.\(build[j].key)")
                    }
                    value.kind = .mapping(build)
                }
            case "env_file":
                if value.scalar != nil, !value.isNull { value = YAMLNode(.sequence([value]), at: value.location, overrideTag: value.overrideTag) }
            default:
                break
            }
            entries[i].value = value
        }
        var out = node
        out.kind = .mapping(entries)
        return out
    }

    /// `["A=1", "B"]` → `{A: "1", B: null}`; a mapping is returned as it is.
    static func keyValueMapping(_ node: YAMLNode, what: String) throws -> YAMLNode {
        guard let items = node.items else { return node }
        var entries: [YAMLNode.Entry] = []
        for item in items {
            guard let s = item.scalar, s.resolved != .null else {
                throw ComposeError("\(what) entries must be strings like KEY=VALUE, found \(item.kindName)", at: item.location)
            }
            let text = s.text
            let key: String, value: YAMLNode
            if let eq = text.firstIndex(of: "=") {
                key = String(text[..<eq])
                var v = Scalar(String(text[text.index(after: eq)...]))
                if let template = s.template, let teq = template.firstIndex(of: "=") {
                    v.template = String(template[template.index(after: teq)...])
                    v.references = s.references
                    // Offsets move to the value: past `KEY=`; a substitution in the key is not the value's.
                    let shift = text.utf8.distance(from: text.startIndex, to: text.index(after: eq))
                    v.substitutions = s.substitutions.compactMap { sub in
                        sub.range.lowerBound >= shift ? Substitution(range: (sub.range.lowerBound - shift)..<(sub.range.upperBound - shift), variables: sub.variables) : nil
                    }
                    if !(v.template?.contains("$") ?? false) { v.template = nil; v.references = []; v.substitutions = [] }
                }
                value = YAMLNode(.scalar(v), at: item.location)
            } else {
                key = text
                value = YAMLNode(.scalar(Scalar("", .null)), at: item.location)
            }
            if key.isEmpty || key.contains(where: { $0.isWhitespace }) && what == "environment" {
                throw ComposeError("invalid \(what) entry \"\(text)\"", at: item.location)
            }
            entries.removeAll { $0.key == key }
            entries.append(YAMLNode.Entry(key: key, keyLocation: item.location, value: value))
        }
        return YAMLNode(.mapping(entries), at: node.location, overrideTag: node.overrideTag)
    }

    static func dependsOnMapping(_ node: YAMLNode) throws -> YAMLNode {
        guard let items = node.items else { return node }
        var entries: [YAMLNode.Entry] = []
        for item in items {
            guard let name = item.text else {
                throw ComposeError("depends_on entries must be service names, found \(item.kindName)", at: item.location)
            }
            let condition = YAMLNode.Entry(key: "condition", keyLocation: item.location, value: .string("service_started", at: item.location))
            entries.removeAll { $0.key == name }
            entries.append(YAMLNode.Entry(key: name, keyLocation: item.location, value: YAMLNode(.mapping([condition]), at: item.location)))
        }
        return YAMLNode(.mapping(entries), at: node.location, overrideTag: node.overrideTag)
    }

    static func listToNullMapping(_ node: YAMLNode, what: String) throws -> YAMLNode {
        guard let items = node.items else { return node }
        var entries: [YAMLNode.Entry] = []
        for item in items {
            guard let name = item.text else {
                throw ComposeError("\(what) entries must be names, found \(item.kindName)", at: item.location)
            }
            entries.removeAll { $0.key == name }
            entries.append(YAMLNode.Entry(key: name, keyLocation: item.location, value: YAMLNode(.scalar(Scalar("", .null)), at: item.location)))
        }
        return YAMLNode(.mapping(entries), at: node.location, overrideTag: node.overrideTag)
    }
}
