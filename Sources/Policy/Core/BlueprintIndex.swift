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
            // Only the service's own keys: decisions also cite other services (who calls whom).
            let evidence = (s.decisions.flatMap(\.evidence) + s.environment.flatMap(\.evidence))
                .filter { $0.path == "services.\(s.name)" || $0.path.hasPrefix("services.\(s.name).") }
            if let p = evidence.compactMap(\.position).sorted().first { positions[s.name] = p }
        }
    }
}
