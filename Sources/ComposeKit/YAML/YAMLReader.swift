import Yams

/// Stage 1: text → `YAMLNode`, with positions. Aliases are expanded here under a node
/// budget, merge keys (`<<`) are applied, and scalars are typed by the YAML 1.2 core
/// schema as Docker Compose's parser types them (`yes` stays a string).
enum YAMLReader {
    static func parse(_ text: String, file: String, limits: LoadLimits = .default) throws -> YAMLNode? {
        if text.utf8.count > limits.maxFileBytes {
            throw ComposeError("file is larger than \(limits.maxFileBytes) bytes", at: SourceLocation(file: file, line: 1, column: 1))
        }
        try YAMLPrescan.check(text, file: file, maxDepth: limits.maxDepth)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw composeError(from: error, file: file)
        }
        guard let root else { return nil }
        var converter = Converter(file: file, limits: limits)
        return try converter.convert(root, depth: 0)
    }

    static func composeError(from error: YamlError, file: String) -> ComposeError {
        func loc(_ m: Mark) -> SourceLocation { SourceLocation(file: file, line: max(1, m.line), column: max(1, m.column)) }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let ctx = context.map { " \($0.text)" } ?? ""
            return ComposeError("invalid YAML: \(problem)\(ctx)", at: loc(mark))
        case let .reader(problem, offset, _, _):
            return ComposeError("invalid YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")", at: SourceLocation(file: file, line: 1, column: 1))
        case let .duplicatedKeysInMapping(duplicates, context):
            return ComposeError("duplicate key \(duplicates.joined(separator: ", ")) in mapping", at: loc(context.mark))
        default:
            return ComposeError("invalid YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    private struct Converter {
        let file: String
        let limits: LoadLimits
        var nodes = 0
        /// Collections already converted, by start position and kind: an alias is the
        /// anchored node itself (same position), so a node reused by many `<<` merge keys or
        /// aliases is converted once. Stored with its size and height.
        var converted: [CacheKey: (node: YAMLNode, size: Int, height: Int)] = [:]
        struct CacheKey: Hashable { var line: Int; var column: Int; var isMapping: Bool }
        /// Height of the subtree the last `convert` call returned (0 for a scalar).
        var lastHeight = 0

        init(file: String, limits: LoadLimits) { self.file = file; self.limits = limits }

        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
        }

        mutating func convert(_ node: Node, depth: Int) throws -> YAMLNode {
            let key: CacheKey
            switch node {
            case .mapping(let m) where m.mark != nil: key = CacheKey(line: m.mark?.line ?? 0, column: m.mark?.column ?? 0, isMapping: true)
            case .sequence(let q) where q.mark != nil: key = CacheKey(line: q.mark?.line ?? 0, column: q.mark?.column ?? 0, isMapping: false)
            default:
                let (fresh, height) = try convertFresh(node, depth: depth)
                lastHeight = height
                return fresh
            }
            if let hit = converted[key] {
                // Reuse still counts against the budgets, as if expanded again.
                nodes += hit.size
                if nodes > limits.maxNodes {
                    throw ComposeError("document expands to more than \(limits.maxNodes) nodes (too many aliases)", at: location(node.mark))
                }
                if depth + hit.height > limits.maxDepth {
                    throw ComposeError("nesting is too deep (more than \(limits.maxDepth) levels)", at: location(node.mark))
                }
                lastHeight = hit.height
                return hit.node
            }
            let before = nodes
            let (fresh, height) = try convertFresh(node, depth: depth)
            converted[key] = (fresh, nodes - before, height)
            lastHeight = height
            return fresh
        }

        /// Converts `node`; also returns the height of the converted subtree.
        private mutating func convertFresh(_ node: Node, depth: Int) throws -> (node: YAMLNode, height: Int) {
            nodes += 1
            let here = location(node.mark)
            if nodes > limits.maxNodes {
                throw ComposeError("document expands to more than \(limits.maxNodes) nodes (too many aliases)", at: here)
            }
            if depth > limits.maxDepth {
                throw ComposeError("nesting is too deep (more than \(limits.maxDepth) levels)", at: here)
            }
            switch node {
            case .scalar(let s):
                let tag = s.tag.rawValue
                return (YAMLNode(.scalar(Scalar(s.string, Self.resolve(s.string, style: s.style, tag: tag))), at: here,
                                 overrideTag: Self.overrideTag(tag)), 0)
            case .sequence(let seq):
                var items: [YAMLNode] = []
                items.reserveCapacity(seq.count)
                var height = 0
                for child in seq {
                    items.append(try convert(child, depth: depth + 1))
                    height = max(height, lastHeight)
                }
                return (YAMLNode(.sequence(items), at: here, overrideTag: Self.overrideTag(seq.tag.rawValue)), height + 1)
            case .mapping(let map):
                var own: [YAMLNode.Entry] = []
                var merged: [YAMLNode.Entry] = []
                var height = 0
                for (k, v) in map {
                    guard case let .scalar(keyScalar) = k else {
                        throw ComposeError("mapping keys must be strings", at: location(k.mark))
                    }
                    if keyScalar.string == "<<" && keyScalar.style != .singleQuoted && keyScalar.style != .doubleQuoted {
                        try merge(v, into: &merged, depth: depth + 1, height: &height)
                        continue
                    }
                    let value = try convert(v, depth: depth + 1)
                    height = max(height, lastHeight)
                    own.append(YAMLNode.Entry(key: keyScalar.string, keyLocation: location(k.mark), value: value))
                }
                // Explicit keys win over merged ones; among merge sources the first wins.
                let entries: [YAMLNode.Entry]
                if merged.isEmpty {
                    entries = own
                } else {
                    let ownKeys = Set(own.map(\.key))
                    entries = merged.filter { !ownKeys.contains($0.key) } + own
                }
                return (YAMLNode(.mapping(entries), at: here, overrideTag: Self.overrideTag(map.tag.rawValue)), height + 1)
            case .alias(let alias):
                throw ComposeError("unresolved alias *\(alias.anchor.rawValue)", at: location(alias.mark))
            }
        }

        private mutating func merge(_ source: Node, into merged: inout [YAMLNode.Entry], depth: Int, height: inout Int) throws {
            let sources: [Node]
            switch source {
            case .mapping: sources = [source]
            case .sequence(let seq): sources = Array(seq)
            default:
                throw ComposeError("a merge key (<<) needs a mapping or a list of mappings", at: location(source.mark))
            }
            for src in sources {
                let converted = try convert(src, depth: depth)
                height = max(height, lastHeight - 1)
                guard let entries = converted.entries else {
                    throw ComposeError("a merge key (<<) needs a mapping or a list of mappings", at: converted.location)
                }
                var seen = Set(merged.map(\.key))
                for e in entries where !seen.contains(e.key) { merged.append(e); seen.insert(e.key) }
            }
        }

        static func overrideTag(_ tag: String) -> YAMLNode.OverrideTag? {
            switch tag {
            case "!reset": return .reset
            case "!override": return .override
            default: return nil
            }
        }

        static func resolve(_ text: String, style: Node.Scalar.Style, tag: String) -> Scalar.Resolved {
            switch tag {
            case Tag.Name.str.rawValue: return .string
            case Tag.Name.int.rawValue: return .int
            case Tag.Name.float.rawValue: return .double
            case Tag.Name.bool.rawValue: return .bool
            case Tag.Name.null.rawValue: return .null
            case "", "!reset", "!override": break
            default: return .string
            }
            if style != .plain && style != .any { return .string }
            switch text {
            case "", "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
            default: break
            }
            if YAMLNode.parseInt(text) != nil { return .int }
            if isFloat(text) { return .double }
            return .string
        }

        private static func isFloat(_ text: String) -> Bool {
            switch text {
            case ".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.Inf", "+.Inf", ".nan", ".NaN", ".NAN": return true
            default: break
            }
            guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == "." else { return false }
            return text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) } && Double(text) != nil
        }
    }
}
