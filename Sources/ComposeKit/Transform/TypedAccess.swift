/// Typed reads of a node for the normalizers. A wrong type is an error at the node's
/// position naming the key path (`services.web.ports must be a list, found a mapping`).
extension YAMLNode {
    func asString(_ path: String) throws -> String {
        guard case let .scalar(s) = kind, s.resolved != .null else {
            throw ComposeError("\(path) must be a string, found \(kindName)", at: location)
        }
        return s.text
    }

    func asOptionalString(_ path: String) throws -> String? {
        if isNull { return nil }
        return try asString(path)
    }

    func asInt(_ path: String) throws -> Int {
        guard case let .scalar(s) = kind, s.resolved != .null, s.resolved != .bool, let v = YAMLNode.parseInt(s.text.trimmed(" ")) else {
            throw ComposeError("\(path) must be an integer, found \(kindName == "a string" ? "\"\(text ?? "")\"" : kindName)", at: location)
        }
        return v
    }

    func asDouble(_ path: String) throws -> Double {
        guard case let .scalar(s) = kind, s.resolved != .null, s.resolved != .bool, let v = Double(s.text.trimmed(" ")) else {
            throw ComposeError("\(path) must be a number, found \(kindName == "a string" ? "\"\(text ?? "")\"" : kindName)", at: location)
        }
        return v
    }

    /// YAML booleans, and the strings Compose also accepts for booleans.
    func asBool(_ path: String) throws -> Bool {
        if case let .scalar(s) = kind {
            switch s.text.lowercased() {
            case "true", "yes", "y", "on", "1": return true
            case "false", "no", "n", "off", "0": return false
            default: break
            }
        }
        throw ComposeError("\(path) must be a boolean, found \(kindName)", at: location)
    }

    func asList(_ path: String) throws -> [YAMLNode] {
        guard case let .sequence(items) = kind else {
            throw ComposeError("\(path) must be a list, found \(kindName)", at: location)
        }
        return items
    }

    func asMapping(_ path: String) throws -> [Entry] {
        guard case let .mapping(entries) = kind else {
            throw ComposeError("\(path) must be a mapping, found \(kindName)", at: location)
        }
        return entries
    }

    /// A string or a list of strings (command, entrypoint, dns, tmpfs ...).
    func asStringList(_ path: String) throws -> [String] {
        if case .scalar = kind { return [try asString(path)] }
        return try asList(path).enumerated().map { try $1.asString("\(path)[\($0)]") }
    }

    /// A `KEY: value` mapping (already canonical) as text values; null stays nil.
    func asStringMap(_ path: String) throws -> [(String, String?, YAMLNode)] {
        try asMapping(path).map { e in
            if case .scalar(let s) = e.value.kind {
                return (e.key, s.resolved == .null ? nil : s.text, e.value)
            }
            throw ComposeError("\(path).\(e.key) must be a string, found \(e.value.kindName)", at: e.value.location)
        }
    }
}
