/// `x-ferry` overrides (docs/OVERRIDES.md) and Docker's `x-aws-*` keys, on services and at the top level.
enum OverrideParts {
    static func service(_ s: inout ServiceSpec, isDatastore: Bool, _ d: inout ProjectDraft) {
        var keys: [(String, YAMLNode)] = []
        if isDatastore {
            if d.rng.chance(0.3) { keys.append(("engine", .text(d.rng.pick(["aurora", "rds", "valkey"])))) }
            if d.rng.chance(0.2) { keys.append(("credentials", .text(d.rng.pick(["managed", "generated"])))) }
            if d.rng.chance(0.2) { keys.append(("storage", .number(d.rng.pick([20, 100, 500])))) }
            if d.rng.chance(0.15) { keys.append(("target", .text(d.rng.pick(["rds-postgresql", "aurora-postgresql", "elasticache-valkey", "s3", "dynamodb", "ecs-fargate", "none"])))) }
            if d.rng.chance(0.1) { keys.append(("role", .text(d.rng.pick(["internal", "external", "devtool"])))) }
            if (s.image ?? "").contains("dynamodb"), d.rng.chance(0.5) {
                keys += [("table", .text("items")), ("partition_key", .text("id")), ("sort_key", .text("createdAt:N"))]
            }
            if (s.image ?? "").contains("minio"), d.rng.chance(0.5) {
                keys.append(("bucket", .map([("name", .text("uploads")), ("versioning", .bool(d.rng.chance(0.5))), ("cors", .texts(["https://app.example.com"]))])))
            }
            if (s.image ?? "").contains("mosquitto"), d.rng.chance(0.5) { keys.append(("topics", .texts(["devices/+/telemetry", "commands/#"]))) }
        } else {
            if d.rng.chance(0.25) { keys.append(("role", .text(d.rng.pick(["web", "internal", "worker", "job", "init", "static", "proxy", "devtool"])))) }
            if d.rng.chance(0.2) { keys.append(("public", .bool(d.rng.chance(0.5)))) }
            if d.rng.chance(0.2) { keys.append(("path", .text(d.rng.pick(["/", "/api", "/\(s.name)"])))) }
            if d.rng.chance(0.1) { keys.append(("host", .text("\(s.name).example.com"))) }
            if d.rng.chance(0.15), let port = s.servedPort { keys.append(("port", .number(d.rng.chance(0.8) ? port : 9999))) }
            if d.rng.chance(0.15) { keys.append(("health", .text(d.rng.pick(["/healthz", "/health", "/"])))) }
            if d.rng.chance(0.2) { keys.append(("cpu", .text(d.rng.pick(["256", "0.5", "2", "500m"])))) }
            if d.rng.chance(0.2) { keys.append(("memory", .text(d.rng.pick(["512", "1G", "2G", "3072M"])))) }
            if d.rng.chance(0.1) { keys.append(("replicas", .number(d.rng.int(1...4)))) }
            if d.rng.chance(0.1) { keys.append(("scaling", d.rng.chance(0.2) ? .bool(false) : .map([("min", .number(1)), ("max", .number(d.rng.int(2...10))), ("cpu", .number(60))]))) }
            if d.rng.chance(0.05) { keys.append(("schedule", .text(d.rng.pick(["rate(1 day)", "cron(0 3 * * ? *)"])))) }
            if d.rng.chance(0.1) { keys.append(("env", .map([(s.environment.first?.0 ?? "LOG_LEVEL", .text(d.rng.pick(["secret", "parameter", "plain", "removed"])))]))) }
            if d.rng.chance(0.05) { keys.append(("skip", .bool(true))) }
        }
        if !keys.isEmpty { s.extensions.append(("x-ferry", .map(keys))) }
        guard !isDatastore else { return }
        if d.rng.chance(0.1) { s.extensions.append(("x-aws-autoscaling", .map([("min", .number(1)), ("max", .number(d.rng.int(2...6))), ("cpu", .number(70))]))) }
        if d.rng.chance(0.08) { s.extensions.append(("x-aws-policies", .texts(["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]))) }
        if d.rng.chance(0.06) {
            s.extensions.append(("x-aws-role", .map([("Version", .text("2012-10-17")), ("Statement", .list([.map([
                ("Effect", .text("Allow")), ("Action", .texts(["sqs:SendMessage"])), ("Resource", .text("*")),
            ])]))])))
        }
        if d.rng.chance(0.05) { s.extensions.append(("x-aws-min_percent", .number(50))); s.extensions.append(("x-aws-max_percent", .number(200))) }
        if d.rng.chance(0.04) { s.extensions.append(("x-aws-protocol", .text("https"))) }
        if d.rng.chance(0.03) { s.extensions.append(("x-aws-pull_credentials", .text("arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-AbCdEf"))) }
    }

    static func project(_ d: inout ProjectDraft) {
        var keys: [(String, YAMLNode)] = []
        if d.rng.chance(0.15) { keys.append(("tier", .text(d.rng.pick(["dev", "mvp", "prod"])))) }
        if d.rng.chance(0.2) { keys.append(("region", .text(d.rng.pick(["eu-west-1", "eu-central-1", "us-west-2", "us-east-1"])))) }
        if d.rng.chance(0.1) { keys.append(("environment", .text("staging"))) }
        if d.rng.chance(0.15) { keys.append(("domain", .text("app.example.com"))) }
        if d.rng.chance(0.05) { keys.append(("certificate", .text("arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-aaaa-bbbb-cccc-1234567890ab"))) }
        if d.rng.chance(0.1) { keys.append(("tags", .map([("Owner", .text("platform")), ("CostCenter", .text("42"))]))) }
        if d.rng.chance(0.1) { keys.append(("budget", .number(d.rng.pick([50, 500])))) }
        if d.rng.chance(0.1) { keys.append(("nat", .number(d.rng.int(0...2)))) }
        if d.rng.chance(0.1) { keys.append(("azs", .number(d.rng.int(2...3)))) }
        if d.rng.chance(0.1) { keys.append(("log_retention", .number(d.rng.pick([1, 14, 365])))) }
        if d.rng.chance(0.05) { keys.append(("namespace", .text("app.internal"))) }
        if !keys.isEmpty { d.topLevel.append(("x-ferry", .map(keys))) }
        if d.rng.chance(0.05) { d.topLevel.append(("x-aws-logs_retention", .number(14))) }
        if d.rng.chance(0.04) { d.topLevel.append(("x-aws-vpc", .text("vpc-0a1b2c3d4e5f67890"))) }
        if d.rng.chance(0.03) { d.topLevel.append(("x-aws-cluster", .text("arn:aws:ecs:us-east-1:123456789012:cluster/shared"))) }
        if d.rng.chance(0.02) {
            d.topLevel.append(("x-aws-loadbalancer", .text("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shared/0123456789abcdef")))
        }
    }
}
