import Blueprint

/// Lookups over the Blueprint that checks share: service names and where they are declared.
struct BlueprintIndex {
    var serviceNames: [String] = []
    /// Name prefixes of logical IDs (letters and digits, lowercased) → the service they belong to:
    /// the service name and the workload's short name (`smartboard-gateway` renders as `Gateway…`).
    var logicalPrefixes: [(prefix: String, service: String)] = []
    var positions: [String: SourcePosition] = [:]

    init() {}

    init(_ blueprint: Blueprint) {
        var names = Set(blueprint.services.map(\.name))
        names.formUnion(blueprint.workloads.map(\.name))
        names.formUnion(blueprint.dataStores.map(\.name))
        serviceNames = names.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        var prefixes = serviceNames.map { (PolicyContext.alnum($0), $0) }
        prefixes += blueprint.workloads.map { (PolicyContext.alnum($0.shortName), $0.name) }
        logicalPrefixes = prefixes.filter { !$0.0.isEmpty }
            .sorted { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : ($0.0, $0.1) < ($1.0, $1.1) }
        for s in blueprint.services {
            // Only the service's own keys: decisions also cite other services (who calls whom).
            let evidence = (s.decisions.flatMap(\.evidence) + s.environment.flatMap(\.evidence))
                .filter { $0.path == "services.\(s.name)" || $0.path.hasPrefix("services.\(s.name).") }
            if let p = evidence.compactMap(\.position).sorted().first { positions[s.name] = p }
        }
    }
}
