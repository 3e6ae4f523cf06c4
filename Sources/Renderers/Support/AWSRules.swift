import Blueprint

/// Facts about AWS's own rules that every infrastructure renderer needs the same way (CloudFormation and
/// Terraform): valid values, name limits and the documents AWS expects. Pure functions of their inputs.
public enum AWSRules {
    /// Project, Environment and ManagedBy, unless the Blueprint sets them itself; sorted by key.
    public static func tags(_ b: Blueprint) -> [Tag] {
        var tags = [Tag(key: "Project", value: b.project), Tag(key: "Environment", value: b.environment), Tag(key: "ManagedBy", value: "ferry")]
        for tag in b.tags {
            tags.removeAll { $0.key == tag.key }
            tags.append(tag)
        }
        return tags.sorted { $0.key < $1.key }
    }

    public static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { min(max(value, low), high) }

    /// CloudWatch Logs accepts only these retention periods; round up to the next one.
    public static let retentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]

    public static func validRetention(_ days: Int) -> Int { retentionDays.first { $0 >= days } ?? 3653 }

    /// ECR lifecycle policy: expire everything beyond the newest `keep` images.
    public static func ecrLifecyclePolicy(keep: Int) -> String {
        JSONEmitter.compact(["rules": [[
            "rulePriority": 1,
            "description": .string("Keep the last \(keep) images"),
            "selection": ["tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": .int(max(1, keep))],
            "action": ["type": "expire"],
        ]]])
    }

    /// Bucket names: 3–63 lowercase letters, digits, dots and hyphens. The account (12) and region (≤ 14)
    /// suffixes take up to 28 characters, leaving 34 for the hint.
    public static func bucketPrefix(_ hint: String) -> String {
        let lowered = hint.lowercased().map { ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "-" ? $0 : "-" }
        var prefix = String(String(lowered).prefix(34))
        while prefix.hasSuffix("-") { prefix.removeLast() }
        while prefix.hasPrefix("-") { prefix.removeFirst() }
        return prefix.isEmpty ? "bucket" : prefix
    }

    /// Security-group descriptions accept only `a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*`, at most 255 characters.
    public static func securityGroupText(_ text: String) -> String {
        if text.utf8.count <= 255, text.utf8.allSatisfy({ $0 < 128 && allowedBytes[Int($0)] }) { return text }
        let mapped = String(text.replacing("→", with: "to").map { allowed.contains($0) ? $0 : " " })
        return String(mapped.prefix(255))
    }

    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789. _-:/()#,@[]+=&;{}!$*")
    private static let allowedBytes: [Bool] = (0..<128).map { allowed.contains(Character(Unicode.Scalar(UInt8($0)))) }

    /// `15.4` → `15` for PostgreSQL, `8.0.35` → `8.0` for MySQL: the parameter-group family suffix.
    public static func parameterGroupFamily(_ store: DataStore) -> String {
        let parts = store.engineVersion.split(separator: ".").map(String.init)
        let postgres = store.engine.contains("postgres")
        let version = postgres ? (parts.first ?? "16") : parts.prefix(2).joined(separator: ".")
        switch store.kind {
        case .auroraPostgresql: return "aurora-postgresql\(version)"
        case .auroraMysql: return "aurora-mysql\(version.isEmpty ? "8.0" : version)"
        case .rdsPostgresql: return "postgres\(version)"
        default: return "mysql\(version.isEmpty ? "8.0" : version)"
        }
    }

    /// Characters that break connection strings and ElastiCache auth tokens.
    public static let unsafePasswordCharacters = "\"'@/\\:?#%&+=` "

    /// Container and volume names: letters, digits, `-` and `_`, at most 255.
    public static func containerName(_ w: Workload) -> String { ecsName(w.shortName, fallback: "app") }
    public static func volumeName(_ name: String) -> String { ecsName(name, fallback: "scratch") }

    static func ecsName(_ name: String, fallback: String) -> String {
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        return String((cleaned.isEmpty ? fallback : cleaned).prefix(255))
    }

    public static func cpuArchitecture(_ w: Workload) -> String {
        (w.image.build?.platform ?? "").contains("arm64") ? "ARM64" : "X86_64"
    }

    /// The image a workload runs when it names none.
    public static let fallbackImage = "public.ecr.aws/docker/library/busybox:latest"

    public static let defaultSSLPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

    /// Target-group attributes, sorted by key.
    public static func targetGroupAttributes(_ group: TargetGroup) -> [(String, String)] {
        var attributes: [(String, String)] = [
            ("deregistration_delay.timeout_seconds", String(clamp(group.deregistrationDelaySeconds, 0, 3600))),
            ("stickiness.enabled", group.stickiness ? "true" : "false"),
        ]
        if group.stickiness { attributes.append(("stickiness.type", "lb_cookie")) }
        return attributes.sorted { $0.0 < $1.0 }
    }

    /// Inline policy names: `+=,.@-_` and alphanumerics, at most 128.
    public static func policyName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0)
            || ("0"..."9").contains($0) || "+=,.@-_".unicodeScalars.contains($0) }.map(Character.init))
        return String((cleaned.isEmpty ? "policy" : cleaned).prefix(128))
    }

    /// A role's description, naming the workload it serves.
    public static func roleDescription(_ role: IAMRole) -> String {
        let what: String
        switch role.kind {
        case .taskExecution: what = "ECS task execution role (image pulls, secrets, logs)"
        case .task: what = "task role (what the application may do)"
        case .service: what = "role for \(role.assumedBy)"
        }
        let owner = role.workload.map { "\($0): " } ?? ""
        return String((owner + what).prefix(1000))
    }

    /// Statement IDs: alphanumerics only.
    public static func statementID(_ sid: String) -> String { LogicalIDs.base(sid) }

    /// RDS and Aurora expose the secret they manage; DocumentDB does not, and a relational store whose plan
    /// chose generated credentials has none: for those the renderer creates the credentials secret itself.
    public static func exposesManagedSecret(_ store: DataStore) -> Bool { store.kind.isRelational && store.credentials == .service }

    /// The three AWS managed WAF rule groups ferry puts in front of the load balancer.
    public static let wafManagedRuleGroups = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"]

    /// RDS instance storage: at least 20 GiB, autoscaling up to five times that (at least 100).
    public static func rdsStorage(_ store: DataStore) -> (allocated: Int, maximum: Int) {
        let storage = max(20, store.storageGB ?? 20)
        return (storage, max(storage * 5, 100))
    }

    /// ElastiCache nodes and whether failover is on.
    public static func cacheNodes(_ store: DataStore) -> (nodes: Int, failover: Bool) {
        let nodes = max(store.multiAZ ? 2 : 1, store.instanceCount)
        return (nodes, store.multiAZ && nodes >= 2)
    }

    /// How long a service waits before health checks count: 60 s plus the container's start period.
    public static func healthCheckGracePeriod(_ w: Workload) -> Int { 60 + clamp(w.healthCheck?.startPeriod ?? 0, 0, 300) }

    /// Where in CloudWatch: the log group of the VPC flow logs.
    public static func flowLogGroupName(_ b: Blueprint) -> String { "/\(b.project)/\(b.environment)/vpc-flow-logs" }
}

/// Elastic Load Balancing's log-delivery accounts for regions opened before August 2022; newer regions
/// use the `logdelivery.elasticloadbalancing.amazonaws.com` service principal instead.
public enum LoadBalancerLogDelivery {
    public static let accounts: [String: String] = [
        "af-south-1": "098369216593", "ap-east-1": "754344448648", "ap-northeast-1": "582318560864",
        "ap-northeast-2": "600734575887", "ap-northeast-3": "383597477331", "ap-south-1": "718504428378",
        "ap-southeast-1": "114774131450", "ap-southeast-2": "783225319266", "ap-southeast-3": "589379963580",
        "ca-central-1": "985666609251", "eu-central-1": "054676820928", "eu-north-1": "897822967062",
        "eu-south-1": "635631232127", "eu-west-1": "156460612806", "eu-west-2": "652711504416",
        "eu-west-3": "009996457667", "me-south-1": "076674570225", "sa-east-1": "507241528517",
        "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980",
        "us-west-2": "797873946194",
    ]
}
