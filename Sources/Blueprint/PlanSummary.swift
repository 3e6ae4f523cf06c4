/// The stable JSON contract of `ferry plan --format json` (DESIGN.md): per service its role,
/// target, public flag, reasons and dropped keys; per env var its disposition; resources
/// counted by CloudFormation type; findings. Derived from a Blueprint by `PlanSummary(_:)`.
public struct PlanSummary: Sendable, Codable, Equatable {
    public var project: String
    public var tier: Tier
    public var region: String
    public var services: [Service]
    public var env: [Env]
    /// CloudFormation resource type → count (the JSON object's keys sort when encoded sorted).
    public var resources: [String: Int]
    public var findings: [Finding]
    /// What the app's code must change for replaced cloud services (Google Cloud, Firebase); absent when nothing.
    public var codeChanges: [CodeChange]?

    /// One compose service.
    public struct Service: Sendable, Codable, Equatable {
        public var name: String
        public var role: ServiceRole
        public var target: DeploymentTarget
        public var `public`: Bool
        public var reasons: [String]
        public var dropped: [DroppedKey]
        public init(name: String, role: ServiceRole, target: DeploymentTarget, public isPublic: Bool,
                    reasons: [String], dropped: [DroppedKey]) {
            self.name = name
            self.role = role
            self.target = target
            self.public = isPublic
            self.reasons = reasons
            self.dropped = dropped
        }
    }

    /// One environment variable of one service.
    public struct Env: Sendable, Codable, Equatable {
        public var service: String
        public var name: String
        public var disposition: EnvDisposition
        public var reason: String
        public init(service: String, name: String, disposition: EnvDisposition, reason: String) {
            self.service = service
            self.name = name
            self.disposition = disposition
            self.reason = reason
        }
    }

    public init(project: String, tier: Tier, region: String, services: [Service], env: [Env],
                resources: [String: Int], findings: [Finding]) {
        self.project = project
        self.tier = tier
        self.region = region
        self.services = services
        self.env = env
        self.resources = resources
        self.findings = findings
    }

    /// The summary of a Blueprint.
    public init(_ blueprint: Blueprint) {
        self.project = blueprint.project
        self.tier = blueprint.tier
        self.region = blueprint.region
        self.services = blueprint.services.map {
            Service(name: $0.name, role: $0.role, target: $0.target, public: $0.isPublic, reasons: $0.reasons,
                    dropped: $0.dropped)
        }
        self.env = blueprint.services.flatMap { s in
            let vars = blueprint.workload(named: s.name)?.environment ?? s.environment
            return vars.map { Env(service: s.name, name: $0.name, disposition: $0.disposition, reason: $0.reason) }
        }
        self.resources = ResourceCounter.count(blueprint)
        self.findings = blueprint.findings
        self.codeChanges = blueprint.codeChanges
    }
}
