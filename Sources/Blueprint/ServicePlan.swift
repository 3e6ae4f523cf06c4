/// What became of one compose service: its role and target with the reasons, whether it is
/// public, and every compose key that does not carry over. One per compose service, deployed
/// or not; `plan` prints these.
public struct ServicePlan: Sendable, Codable, Equatable {
    /// The compose service name.
    public var name: String
    public var role: ServiceRole
    public var target: DeploymentTarget
    public var isPublic: Bool
    /// Human-readable reasons, strongest first.
    public var reasons: [String]
    public var dropped: [DroppedKey]
    /// The Blueprint element that carries it out, e.g. `workloads.gateway`, `dataStores.postgres`,
    /// `buckets.datasets`; nil when nothing is deployed.
    public var element: String?
    /// Environment classification for services that are not workloads (datastores, init
    /// jobs, devtools); a workload's variables live in `Workload.environment`.
    public var environment: [EnvVar]
    public var decisions: [Decision]

    public init(name: String, role: ServiceRole, target: DeploymentTarget, isPublic: Bool = false, reasons: [String] = [],
                dropped: [DroppedKey] = [], element: String? = nil, environment: [EnvVar] = [], decisions: [Decision] = []) {
        self.name = name
        self.role = role
        self.target = target
        self.isPublic = isPublic
        self.reasons = reasons
        self.dropped = dropped
        self.element = element
        self.environment = environment
        self.decisions = decisions
    }
}

/// A compose key that does not carry over to AWS, with why and what to do instead.
public struct DroppedKey: Sendable, Codable, Equatable {
    /// Key path inside the service (`volumes[0]`, `privileged`, `network_mode`).
    public var key: String
    public var reason: String
    public var instead: String
    public var position: SourcePosition?
    public init(key: String, reason: String, instead: String, position: SourcePosition? = nil) {
        self.key = key
        self.reason = reason
        self.instead = instead
        self.position = position
    }
}
