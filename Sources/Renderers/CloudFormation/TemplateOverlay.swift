import Blueprint

/// Docker's `x-aws-cloudformation`: a fragment merged over the generated root template. Objects merge
/// key by key (recursively); any other value in the overlay replaces the generated one. The overlay is the
/// user's own CloudFormation, applied last and checked only by cfn-lint.
enum TemplateOverlay {
    static func apply(_ overlay: JSONValue, to base: DataNode) -> DataNode {
        merge(base, node(withoutDanglingPatches(overlay, base: base)))
    }

    /// A patch (no `Type`) to a resource the template does not have would create a resource without
    /// a type (cfn-lint E3001): it is left out (the plan reports it as FERRY-PLAN-OVERLAY-UNKNOWN).
    static func withoutDanglingPatches(_ overlay: JSONValue, base: DataNode) -> JSONValue {
        guard case .object(var root) = overlay, case .object(var resources)? = root["Resources"] else { return overlay }
        var existing: Set<String> = []
        if case .ordered(let top) = base, let r = top.first(where: { $0.0 == "Resources" })?.1 {
            switch r {
            case .ordered(let pairs): existing = Set(pairs.map(\.0))
            case .object(let dict): existing = Set(dict.keys)
            default: break
            }
        }
        for (key, value) in resources where !existing.contains(key) {
            if case .object(let entry) = value, entry["Type"] != nil { continue }
            resources[key] = nil
        }
        root["Resources"] = .object(resources)
        return .object(root)
    }

    /// Overlay entries keyed by Docker's logical IDs move to the IDs this renderer gives the same elements.
    static func retargeted(_ overlay: JSONValue, _ b: Blueprint) -> JSONValue {
        guard let targets = b.templateOverlayTargets, !targets.isEmpty,
              case .object(var root) = overlay, case .object(var resources)? = root["Resources"] else { return overlay }
        let names = CFNNames(b)
        for (key, t) in targets.sorted(by: { $0.key < $1.key }) {
            guard let entry = resources.removeValue(forKey: key) else { continue }
            let id = t.fixed ? t.name : names.id(t.name, t.suffix)
            resources[id] = resources[id].map { mergeJSON($0, entry) } ?? entry
        }
        root["Resources"] = .object(resources)
        return .object(root)
    }

    private static func mergeJSON(_ a: JSONValue, _ b: JSONValue) -> JSONValue {
        guard case .object(var x) = a, case .object(let y) = b else { return b }
        for (k, v) in y { x[k] = x[k].map { mergeJSON($0, v) } ?? v }
        return .object(x)
    }

    static func merge(_ base: DataNode, _ overlay: DataNode) -> DataNode {
        switch (base, overlay) {
        case (.ordered(let pairs), .object(let changes)):
            var merged = pairs.map { key, value in (key, changes[key].map { merge(value, $0) } ?? value) }
            let known = Set(pairs.map(\.0))
            merged += changes.keys.sorted().filter { !known.contains($0) }.compactMap { key in changes[key].map { (key, $0) } }
            return .ordered(merged)
        case (.object(let dict), .object(let changes)):
            var merged = dict
            for (key, value) in changes { merged[key] = dict[key].map { merge($0, value) } ?? value }
            return .object(merged)
        default:
            return overlay
        }
    }

    static func node(_ value: JSONValue) -> DataNode {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? .int(Int(n)) : .string(String(n))
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(node))
        case .object(let dict): return .object(dict.mapValues(node))
        }
    }
}
