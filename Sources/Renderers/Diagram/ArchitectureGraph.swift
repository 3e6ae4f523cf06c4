import Blueprint
/// The architecture as a diagram sees it: boxes in tiers and the arrows between them.
/// Built from a Blueprint by `ArchitectureGraph.init(blueprint:)`; both the Mermaid and the
/// ASCII writers draw this one value, so the two diagrams always agree.
public struct ArchitectureGraph: Sendable, Equatable {
    /// Tiers, top to bottom in the order traffic flows.
    public enum Tier: Int, Sendable, Comparable, CaseIterable {
        case clients, edge, publicServices, internalServices, workers, jobs, data, external, operations

        public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }

        public var title: String {
            switch self {
            case .clients: return "Clients"
            case .edge: return "Edge"
            case .publicServices: return "Public services"
            case .internalServices: return "Internal services"
            case .workers: return "Workers"
            case .jobs: return "Jobs"
            case .data: return "Managed data"
            case .external: return "Outside AWS"
            case .operations: return "Operations"
            }
        }

        /// Whether the tier sits inside the VPC (drawn inside the VPC group).
        public var insideVPC: Bool {
            switch self {
            case .publicServices, .internalServices, .workers, .jobs: return true
            default: return false
            }
        }
    }

    public enum Shape: Sendable, Equatable { case box, rounded, database, circle, stadium }

    public struct Node: Sendable, Equatable {
        /// Stable key (usually the Compose service or resource name); writers derive safe ids from it.
        public var key: String
        public var title: String
        /// Short lines under the title (AWS target, port, size).
        public var details: [String]
        public var tier: Tier
        public var shape: Shape

        public init(key: String, title: String, details: [String] = [], tier: Tier, shape: Shape = .box) {
            self.key = key; self.title = title; self.details = details; self.tier = tier; self.shape = shape
        }
    }

    public struct Edge: Sendable, Equatable {
        public var from: String
        public var to: String
        public var label: String?
        /// Drawn dashed: configuration or control-plane flow rather than request traffic.
        public var dashed: Bool

        public init(from: String, to: String, label: String? = nil, dashed: Bool = false) {
            self.from = from; self.to = to; self.label = label; self.dashed = dashed
        }
    }

    public var title: String
    public var nodes: [Node]
    public var edges: [Edge]

    public init(title: String, nodes: [Node] = [], edges: [Edge] = []) {
        self.title = title
        self.nodes = nodes
        self.edges = edges
    }

    /// Nodes sorted by tier then key; edges deduplicated, dropped when an end is unknown,
    /// and sorted: the writers only ever see this form, so output is byte-stable.
    public func normalized() -> ArchitectureGraph {
        var seen = Set<String>()
        var uniqueNodes: [Node] = []
        for node in nodes where !seen.contains(node.key) {
            seen.insert(node.key)
            uniqueNodes.append(node)
        }
        uniqueNodes.sort { ($0.tier, $0.key) < ($1.tier, $1.key) }
        var edgeKeys = Set<String>()
        var uniqueEdges: [Edge] = []
        for edge in edges where seen.contains(edge.from) && seen.contains(edge.to) && edge.from != edge.to {
            let key = "\(edge.from)\u{0}\(edge.to)\u{0}\(edge.label ?? "")"
            if edgeKeys.insert(key).inserted { uniqueEdges.append(edge) }
        }
        let order = Dictionary(uniqueKeysWithValues: uniqueNodes.enumerated().map { ($1.key, $0) })
        uniqueEdges.sort {
            let a = (order[$0.from] ?? 0, order[$0.to] ?? 0, $0.label ?? "")
            let b = (order[$1.from] ?? 0, order[$1.to] ?? 0, $1.label ?? "")
            return a < b
        }
        return ArchitectureGraph(title: title, nodes: uniqueNodes, edges: uniqueEdges)
    }

    public func node(_ key: String) -> Node? { nodes.first { $0.key == key } }
}
