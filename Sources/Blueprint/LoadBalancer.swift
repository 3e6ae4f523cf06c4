/// The one internet-facing application load balancer: listeners, target groups (one per
/// public workload) and path rules. Present when at least one workload is public.
public struct LoadBalancer: Sendable, Codable, Equatable {
    public var name: String
    /// `internet-facing` or `internal`.
    public var scheme: String
    public var listeners: [Listener]
    public var targetGroups: [TargetGroup]
    /// Path rules on the HTTPS listener, sorted by priority (lower wins).
    public var rules: [ListenerRule]
    /// Target group (`targetGroups[].name`) for requests no rule matches.
    public var defaultTargetGroup: String?
    public var certificate: CertificateSource
    /// A custom domain (`x-ferry.domain`), nil to use the load balancer's DNS name.
    public var domain: String?
    /// AWS WAF web ACL with managed rule groups in front of the load balancer.
    public var waf: Bool
    public var idleTimeoutSeconds: Int
    /// Security group (`NetworkPlan.securityGroups[].name`).
    public var securityGroup: String
    public var accessLogs: Bool
    /// An existing load balancer to attach to (`x-aws-loadbalancer`), instead of creating one.
    public var existingLoadBalancerArn: String?
    public var decisions: [Decision]

    public init(name: String, scheme: String = "internet-facing", listeners: [Listener] = [],
                targetGroups: [TargetGroup] = [], rules: [ListenerRule] = [], defaultTargetGroup: String? = nil,
                certificate: CertificateSource = .parameter(name: "CertificateArn"), domain: String? = nil,
                waf: Bool = false, idleTimeoutSeconds: Int = 60, securityGroup: String = "alb",
                accessLogs: Bool = false, decisions: [Decision] = []) {
        self.name = name
        self.scheme = scheme
        self.listeners = listeners
        self.targetGroups = targetGroups
        self.rules = rules
        self.defaultTargetGroup = defaultTargetGroup
        self.certificate = certificate
        self.domain = domain
        self.waf = waf
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.securityGroup = securityGroup
        self.accessLogs = accessLogs
        self.existingLoadBalancerArn = nil
        self.decisions = decisions
    }
}

/// Where the HTTPS certificate comes from.
public enum CertificateSource: Sendable, Codable, Equatable {
    /// A template parameter holding an existing certificate ARN.
    case parameter(name: String)
    /// An ACM certificate requested for the domain (DNS validation).
    case acm(domain: String)
    /// A fixed ARN given with `x-ferry.certificate`.
    case arn(String)
    /// No certificate: the load balancer serves plain HTTP on its own DNS name (the dev tier without
    /// a domain, or `--allow-http`). Adding `x-ferry.domain` later turns it into HTTPS with the redirect.
    case httpOnly
}

extension LoadBalancer {
    /// Whether the listeners serve HTTPS (a certificate is set up).
    public var servesHTTPS: Bool { certificate != .httpOnly }
    /// The scheme of the application's public URL.
    public var publicScheme: String { servesHTTPS ? "https" : "http" }
}

/// A listener: HTTPS forwarding to target groups, or HTTP redirecting to HTTPS.
public struct Listener: Sendable, Codable, Equatable {
    public enum Action: String, Sendable, Codable, Equatable {
        /// Forward by rules, default target group otherwise.
        case forward
        /// Permanent redirect to HTTPS on 443.
        case redirectToHTTPS = "redirect-https"
    }
    public var port: Int
    /// `HTTP` or `HTTPS`.
    public var proto: String
    public var action: Action
    /// ELB security policy for HTTPS.
    public var sslPolicy: String?

    public init(port: Int, proto: String, action: Action, sslPolicy: String? = nil) {
        self.port = port
        self.proto = proto
        self.action = action
        self.sslPolicy = sslPolicy
    }
}

/// A target group in front of one workload's port.
public struct TargetGroup: Sendable, Codable, Equatable {
    public var name: String
    /// `Blueprint.workloads[].name`.
    public var workload: String
    public var port: Int
    /// `HTTP` (or `HTTPS` when the app speaks TLS itself).
    public var proto: String
    public var healthCheckPath: String
    /// Status codes counted healthy, e.g. `200-399`.
    public var healthCheckMatcher: String
    public var healthCheckIntervalSeconds: Int
    public var deregistrationDelaySeconds: Int
    /// Cookie stickiness (websockets/SSE behind several tasks).
    public var stickiness: Bool
    public var decisions: [Decision]

    public init(name: String, workload: String, port: Int, proto: String = "HTTP", healthCheckPath: String = "/",
                healthCheckMatcher: String = "200-399", healthCheckIntervalSeconds: Int = 30,
                deregistrationDelaySeconds: Int = 30, stickiness: Bool = false, decisions: [Decision] = []) {
        self.name = name
        self.workload = workload
        self.port = port
        self.proto = proto
        self.healthCheckPath = healthCheckPath
        self.healthCheckMatcher = healthCheckMatcher
        self.healthCheckIntervalSeconds = healthCheckIntervalSeconds
        self.deregistrationDelaySeconds = deregistrationDelaySeconds
        self.stickiness = stickiness
        self.decisions = decisions
    }
}

/// A listener rule: path patterns (and optionally host headers) to a target group.
public struct ListenerRule: Sendable, Codable, Equatable {
    /// 1...50000, unique; lower is evaluated first.
    public var priority: Int
    public var pathPatterns: [String]
    public var hostHeaders: [String]
    /// `targetGroups[].name`.
    public var targetGroup: String
    public var decisions: [Decision]

    public init(priority: Int, pathPatterns: [String], hostHeaders: [String] = [], targetGroup: String,
                decisions: [Decision] = []) {
        self.priority = priority
        self.pathPatterns = pathPatterns
        self.hostHeaders = hostHeaders
        self.targetGroup = targetGroup
        self.decisions = decisions
    }
}

/// The Cloud Map private DNS namespace internal services register in (`app.internal`).
public struct ServiceDiscoveryNamespace: Sendable, Codable, Equatable {
    /// DNS name, e.g. `smartboard.internal`.
    public var name: String
    /// Registered services: `shortName` → workload.
    public var services: [DiscoveryService]
    public var decisions: [Decision]
    public init(name: String, services: [DiscoveryService] = [], decisions: [Decision] = []) {
        self.name = name
        self.services = services
        self.decisions = decisions
    }
}

/// One Cloud Map service (A records of its tasks).
public struct DiscoveryService: Sendable, Codable, Equatable {
    /// DNS label (`svc-auth` → `svc-auth.smartboard.internal`).
    public var name: String
    public var workload: String
    public var port: Int
    public init(name: String, workload: String, port: Int) {
        self.name = name
        self.workload = workload
        self.port = port
    }
}
