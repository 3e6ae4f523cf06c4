/// One generated service, field by field, written in the order a person would write it.
struct ServiceSpec {
    var name: String
    var image: String?
    var build: YAMLNode?
    var command: YAMLNode?
    var entrypoint: YAMLNode?
    var ports: [YAMLNode] = []
    var expose: [String] = []
    var environment: [(String, String)] = []
    /// `environment:` as a list of `KEY=value` instead of a map.
    var environmentAsList = false
    var envFile: String?
    var dependsOn: [(String, String?)] = []
    var volumes: [YAMLNode] = []
    var healthcheck: YAMLNode?
    var restart: String?
    var profiles: [String] = []
    var labels: [(String, String)] = []
    var deploy: YAMLNode?
    var gpus: String?
    var secrets: [String] = []
    var extensions: [(String, YAMLNode)] = []

    /// The port other services reach it on, when it serves one (for URLs and proxy routes).
    var servedPort: Int?
    var hasHealthcheck: Bool { healthcheck != nil }
    var isOneShot = false

    init(_ name: String, image: String? = nil) {
        self.name = name
        self.image = image
    }

    var node: YAMLNode {
        var pairs: [(String, YAMLNode)] = []
        if let image { pairs.append(("image", .text(image))) }
        if let build { pairs.append(("build", build)) }
        if let entrypoint { pairs.append(("entrypoint", entrypoint)) }
        if let command { pairs.append(("command", command)) }
        if let restart { pairs.append(("restart", .text(restart))) }
        if !profiles.isEmpty { pairs.append(("profiles", .texts(profiles))) }
        if !ports.isEmpty { pairs.append(("ports", .list(ports))) }
        if !expose.isEmpty { pairs.append(("expose", .texts(expose))) }
        if let envFile { pairs.append(("env_file", .texts([envFile]))) }
        if !environment.isEmpty {
            pairs.append(("environment", environmentAsList
                ? .texts(environment.map { "\($0.0)=\($0.1)" })
                : .map(environment.map { ($0.0, .text($0.1)) })))
        }
        if !dependsOn.isEmpty {
            if dependsOn.allSatisfy({ $0.1 == nil }) {
                pairs.append(("depends_on", .texts(dependsOn.map(\.0))))
            } else {
                pairs.append(("depends_on", .map(dependsOn.map { ($0.0, .map([("condition", .text($0.1 ?? "service_started"))])) })))
            }
        }
        if !volumes.isEmpty { pairs.append(("volumes", .list(volumes))) }
        if !secrets.isEmpty { pairs.append(("secrets", .texts(secrets))) }
        if let healthcheck { pairs.append(("healthcheck", healthcheck)) }
        if !labels.isEmpty { pairs.append(("labels", .map(labels.map { ($0.0, .text($0.1)) }))) }
        if let deploy { pairs.append(("deploy", deploy)) }
        if let gpus { pairs.append(("gpus", .text(gpus))) }
        pairs += extensions
        return .map(pairs)
    }
}
