import Blueprint

/// Docker's `x-aws-cloudformation`: a fragment merged over the generated root template. Objects merge
/// key by key (recursively); any other value in the overlay replaces the generated one. The overlay is the
/// user's own CloudFormation, applied last and checked only by cfn-lint.
enum TemplateOverlay {
    static func apply(_ overlay: JSONValue, to base: DataNode) -> DataNode {
        merge(base, node(overlay))
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
