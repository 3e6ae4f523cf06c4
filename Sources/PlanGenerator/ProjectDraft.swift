/// The project while it is being generated: services so far, what later parts can refer to,
/// and the files, variables and secrets that come with them.
struct ProjectDraft {
    var rng: SplitMix64
    var services: [ServiceSpec] = []
    var namedVolumes: [String] = []
    var composeSecrets: [(String, String)] = []
    var topLevel: [(String, YAMLNode)] = []
    var files: [String: String] = [:]
    /// `.env` lines, written when any exist.
    var dotenv: [(String, String)] = []
    var secretValues: [String] = []
    /// Connection variables a client of each datastore sets (name → value), by datastore service.
    var clientEnvironment: [String: [(String, String)]] = [:]
    private var nextHostPort = 18000

    init(rng: SplitMix64) { self.rng = rng }

    var datastoreNames: [String] { services.map(\.name).filter { clientEnvironment[$0] != nil } }
    /// Long-running HTTP services a proxy or another app can call.
    var httpApps: [ServiceSpec] { services.filter { $0.servedPort != nil && !$0.isOneShot && $0.profiles.isEmpty && clientEnvironment[$0.name] == nil } }

    func has(_ name: String) -> Bool { services.contains { $0.name == name } }

    /// `base`, or `base-2`, `base-3`… when taken.
    func freshName(_ base: String) -> String {
        if !has(base) { return base }
        var n = 2
        while has("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }

    /// A host port no other service publishes.
    mutating func hostPort(preferring port: Int) -> Int {
        let taken = Set(publishedHostPorts)
        if !taken.contains(port), rng.chance(0.7) { publishedHostPorts.append(port); return port }
        nextHostPort += 1
        publishedHostPorts.append(nextHostPort)
        return nextHostPort
    }
    private var publishedHostPorts: [Int] = []

    /// A random secret literal, remembered so the checks can look for it in every output.
    mutating func secret() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let value = GeneratedProject.secretPrefix + String((0..<18).map { _ in rng.pick(alphabet) })
        secretValues.append(value)
        return value
    }

    /// A secret either written inline or read from `.env` through `${NAME}`; returns the compose text.
    mutating func secretReference(_ variable: String) -> String {
        if let existing = dotenv.first(where: { $0.0 == variable }) {
            _ = existing
            return rng.chance(0.8) ? "${\(variable)}" : "${\(variable):-}"
        }
        let value = secret()
        if rng.chance(0.6) {
            dotenv.append((variable, value))
            return rng.chance(0.85) ? "${\(variable)}" : "${\(variable):?set \(variable) in .env}"
        }
        return value
    }

    /// Ports: published (several spellings), only exposed, or none.
    mutating func ports(for port: Int, proto: String? = nil, publishChance: Double = 0.6) -> (ports: [YAMLNode], expose: [String]) {
        let suffix = proto.map { "/\($0)" } ?? ""
        if rng.chance(publishChance) {
            let host = hostPort(preferring: port)
            switch rng.int(0...3) {
            case 0: return ([.text("\(host):\(port)\(suffix)")], [])
            case 1: return ([.text("127.0.0.1:\(host):\(port)\(suffix)")], [])
            case 2:
                var long: [(String, YAMLNode)] = [("target", .number(port)), ("published", .text(String(host)))]
                if let proto { long.append(("protocol", .text(proto))) }
                return ([.map(long)], [])
            default: return ([.text("\(port)\(suffix)")], [])
            }
        }
        if rng.chance(0.5) { return ([], ["\(port)\(suffix)"]) }
        return ([], [])
    }

    mutating func restartPolicy() -> String? {
        rng.chance(0.3) ? nil : rng.pick(["no", "on-failure", "always", "unless-stopped", "on-failure:3"])
    }

    mutating func namedVolume(_ base: String) -> String {
        var name = base
        var n = 2
        while namedVolumes.contains(name) { name = "\(base)\(n)"; n += 1 }
        namedVolumes.append(name)
        return name
    }
}
