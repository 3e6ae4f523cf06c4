/// Generates Compose projects from realistic parts (catalog datastores, own services, proxies,
/// one-shots, GPU and non-HTTP servers, overrides). Project `index` of seed `seed` is always the same.
public struct ComposeProjectGenerator: Sendable {
    public var seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    public func project(_ index: Int) -> GeneratedProject {
        var d = ProjectDraft(rng: SplitMix64(seed: seed, index: index))
        for _ in 0..<d.rng.int(0...3) { DatastoreParts.add(d.rng.pick(DatastoreParts.kinds), to: &d) }
        let datastores = Set(d.services.map(\.name))
        for _ in 0..<d.rng.int(d.services.isEmpty ? 1...3 : 0...3) { AppParts.api(&d) }
        if d.rng.chance(0.4) { AppParts.frontend(&d) }
        if d.rng.chance(0.35) { AppParts.worker(&d) }
        if d.rng.chance(0.3) { OneShotParts.add(&d) }
        if d.rng.chance(0.12) { ExtraParts.nonHTTP(&d) }
        if d.rng.chance(0.08) { ExtraParts.gpu(&d) }
        if d.rng.chance(0.15) { ExtraParts.devtool(&d) }
        if d.rng.chance(0.35) { ProxyParts.add(&d) }
        if d.rng.chance(0.1) { composeSecret(&d) }
        if d.rng.chance(0.1) { limits(&d) }
        for i in d.services.indices where d.rng.chance(0.3) {
            var s = d.services[i]
            OverrideParts.service(&s, isDatastore: datastores.contains(s.name), &d)
            d.services[i] = s
        }
        OverrideParts.project(&d)
        let profiles: [String] = d.services.contains { !$0.profiles.isEmpty } && d.rng.chance(0.5) ? ["*"] : []
        let named = d.rng.chance(0.5)
        return GeneratedProject(seed: seed, index: index, name: "gen\(index)", compose: compose(d, named: named), files: files(d),
                                profiles: profiles, secretValues: d.secretValues)
    }

    /// A Compose `secrets:` file read by a datastore through `*_FILE`.
    private func composeSecret(_ d: inout ProjectDraft) {
        guard let i = d.services.firstIndex(where: { ($0.image ?? "").hasPrefix("postgres") }) else { return }
        let value = d.secret()
        d.files["secrets/db_password.txt"] = value + "\n"
        d.composeSecrets.append(("db_password", "./secrets/db_password.txt"))
        d.services[i].secrets.append("db_password")
        d.services[i].environment.removeAll { $0.0 == "POSTGRES_PASSWORD" }
        d.services[i].environment.append(("POSTGRES_PASSWORD_FILE", "/run/secrets/db_password"))
    }

    /// `deploy.resources.limits` on a service that sets no other `deploy` keys.
    private func limits(_ d: inout ProjectDraft) {
        guard let i = d.services.indices.filter({ d.services[$0].deploy == nil }).first else { return }
        d.services[i].deploy = .map([("resources", .map([("limits", .map([("cpus", .text(d.rng.pick(["0.5", "1", "2"]))),
                                                                            ("memory", .text(d.rng.pick(["256M", "1G", "4G"])))]))]))])
    }

    /// `named`: the file sets `name:` instead of leaving the project name to the directory.
    private func compose(_ d: ProjectDraft, named: Bool) -> String {
        var top: [(String, YAMLNode)] = []
        if named { top.append(("name", .text("gen-app"))) }
        top.append(("services", .map(d.services.map { ($0.name, $0.node) })))
        if !d.namedVolumes.isEmpty { top.append(("volumes", .map(d.namedVolumes.map { ($0, .map([])) }))) }
        if !d.composeSecrets.isEmpty { top.append(("secrets", .map(d.composeSecrets.map { ($0.0, .map([("file", .text($0.1))])) }))) }
        top += d.topLevel
        return YAMLNode.map(top).emit()
    }

    private func files(_ d: ProjectDraft) -> [String: String] {
        var files = d.files
        if !d.dotenv.isEmpty || d.services.contains(where: { $0.envFile != nil }) {
            files[".env"] = d.dotenv.map { "\($0.0)=\($0.1)\n" }.joined()
        }
        return files
    }
}
