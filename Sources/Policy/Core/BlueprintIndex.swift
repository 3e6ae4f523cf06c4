import Blueprint

/// Lookups over the Blueprint that checks share: service names and where they are declared.
struct BlueprintIndex {
    var serviceNames: [String] = []
    var positions: [String: SourcePosition] = [:]

    init() {}

    init(_ blueprint: Blueprint) {
        var names = Set(blueprint.services.map(\.name))
        names.formUnion(blueprint.workloads.map(\.name))
        names.formUnion(blueprint.dataStores.map(\.name))
        serviceNames = names.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        for s in blueprint.services {
            let evidence = s.decisions.flatMap(\.evidence) + s.environment.flatMap(\.evidence)
            if let p = evidence.compactMap(\.position).sorted().first { positions[s.name] = p }
        }
    }
}
