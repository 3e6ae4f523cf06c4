import Blueprint

/// The usage a cost estimate assumes: hours, requests, GB stored and transferred, log volume.
/// Each tier has defaults (below); `x-ferry.usage` in the compose file and `--usage FILE` override them,
/// globally or for one service (`services.<name>.<key>` in the usage file, `x-ferry.usage` on a service).
public struct UsageProfile: Sendable, Equatable {
    /// One assumption: its documented meaning and its default at each tier (dev, mvp, prod).
    public struct Key: Sendable {
        public var name: String
        public var unit: String
        public var help: String
        public var dev: Double
        public var mvp: Double
        public var prod: Double
        func value(for tier: Tier) -> Double {
            switch tier {
            case .dev: return dev
            case .mvp: return mvp
            case .prod: return prod
            }
        }
    }

    /// Every key an estimator reads. Documented in docs/PRICING.md; unknown keys in overrides are errors.
    public static let keys: [Key] = [
        Key(name: "hours_per_month", unit: "hours", help: "Hours a long-running resource runs each month", dev: 730, mvp: 730, prod: 730),
        Key(name: "requests_per_month", unit: "requests", help: "HTTP requests reaching the load balancer (or CloudFront) per month", dev: 100_000, mvp: 1_000_000, prod: 10_000_000),
        Key(name: "nlb_lcu", unit: "NLCU", help: "Average network load balancer capacity units in use (1 NLCU = 800 new TCP or 400 UDP flows/s, 100,000 active TCP flows, 1 GB/h)", dev: 0.05, mvp: 0.1, prod: 1),
        Key(name: "alb_lcu", unit: "LCU", help: "Average load balancer capacity units in use (1 LCU = 25 new conn/s, 3,000 active conn/min, 1 GB/h, 1,000 rule evals/s)", dev: 0.05, mvp: 0.1, prod: 1),
        Key(name: "nat_gb", unit: "GB", help: "Data processed by the NAT gateways per month (image pulls, third-party APIs)", dev: 5, mvp: 20, prod: 100),
        Key(name: "internet_out_gb", unit: "GB", help: "Data sent from the load balancer to the internet per month", dev: 5, mvp: 20, prod: 200),
        Key(name: "log_ingest_gb", unit: "GB", help: "Log volume each workload writes per month", dev: 0.2, mvp: 1, prod: 5),
        Key(name: "flow_log_gb", unit: "GB", help: "VPC flow log volume per month (when flow logs are on)", dev: 1, mvp: 2, prod: 10),
        Key(name: "job_runs_per_month", unit: "runs", help: "Runs of each job (migrations, one-offs, schedules) per month", dev: 10, mvp: 30, prod: 60),
        Key(name: "gpu_hours_scaled_to_zero", unit: "hours", help: "Hours a GPU instance group that scales to zero (minimum 0: dev) has its instance running each month", dev: 40, mvp: 120, prod: 240),
        Key(name: "batch_hours_per_month", unit: "hours", help: "Hours each AWS Batch job (training) runs per month; its instances exist only then", dev: 10, mvp: 20, prod: 40),
        Key(name: "spot_price_percent", unit: "percent", help: "Spot price as a share of the on-demand price (AWS quotes savings of up to 90%; 35% is typical for m6i/r6i/g5)", dev: 35, mvp: 35, prod: 35),
        Key(name: "job_minutes_per_run", unit: "minutes", help: "Minutes one job run takes", dev: 5, mvp: 5, prod: 5),
        Key(name: "db_storage_gb", unit: "GB", help: "Database storage when the Blueprint does not size it", dev: 20, mvp: 20, prod: 100),
        Key(name: "aurora_io_million", unit: "million I/O", help: "Aurora I/O requests per month (Aurora Standard)", dev: 1, mvp: 5, prod: 50),
        Key(name: "aurora_acu", unit: "ACU", help: "Average Aurora Serverless v2 capacity", dev: 0.5, mvp: 1, prod: 2),
        Key(name: "s3_storage_gb", unit: "GB", help: "Objects stored in each bucket", dev: 1, mvp: 10, prod: 100),
        Key(name: "s3_put_requests", unit: "requests", help: "PUT/COPY/POST/LIST requests per bucket per month", dev: 10_000, mvp: 100_000, prod: 1_000_000),
        Key(name: "s3_get_requests", unit: "requests", help: "GET requests per bucket per month", dev: 100_000, mvp: 1_000_000, prod: 10_000_000),
        Key(name: "cloudfront_gb", unit: "GB", help: "Data CloudFront serves per month", dev: 5, mvp: 50, prod: 500),
        Key(name: "dynamodb_writes_million", unit: "million WRU", help: "DynamoDB write request units per table per month", dev: 0.1, mvp: 1, prod: 10),
        Key(name: "dynamodb_reads_million", unit: "million RRU", help: "DynamoDB read request units per table per month", dev: 0.5, mvp: 5, prod: 50),
        Key(name: "dynamodb_storage_gb", unit: "GB", help: "Data stored per DynamoDB table", dev: 1, mvp: 5, prod: 25),
        Key(name: "iot_devices", unit: "devices", help: "Devices connected to IoT Core around the clock", dev: 5, mvp: 50, prod: 500),
        Key(name: "cognito_mau", unit: "monthly active users", help: "Users who sign in to a Cognito user pool in a month (the first 10,000 are free)", dev: 50, mvp: 2_000, prod: 25_000),
        Key(name: "iot_messages_million", unit: "million messages", help: "MQTT messages (5 KB units) per month", dev: 0.1, mvp: 1, prod: 10),
        Key(name: "ecr_gb_per_repository", unit: "GB", help: "Image storage per ECR repository (lifecycle keeps the last 10 images)", dev: 1, mvp: 2, prod: 3),
        Key(name: "secret_api_calls", unit: "calls", help: "Secrets Manager API calls per month (tasks read secrets at start)", dev: 1_000, mvp: 10_000, prod: 100_000),
        Key(name: "topic_messages_million", unit: "million messages", help: "Messages published to each SNS topic per month (each subscription's queue receives every one)", dev: 0.1, mvp: 1, prod: 10),
        Key(name: "queue_requests_million", unit: "million requests", help: "SQS requests per queue per month", dev: 0.1, mvp: 1, prod: 10),
        Key(name: "broker_storage_gb", unit: "GB", help: "Storage of each message broker, document or search cluster", dev: 20, mvp: 20, prod: 100),
        Key(name: "efs_storage_gb", unit: "GB", help: "Files on each EFS volume (compose named volume)", dev: 1, mvp: 5, prod: 20),
        Key(name: "efs_read_gb", unit: "GB", help: "Data read from each EFS volume per month (Elastic Throughput)", dev: 2, mvp: 10, prod: 50),
        Key(name: "efs_write_gb", unit: "GB", help: "Data written to each EFS volume per month (Elastic Throughput)", dev: 1, mvp: 5, prod: 20),
    ]

    public static func key(named name: String) -> Key? { keys.first { $0.name == name } }

    public var tier: Tier
    /// Overrides for every resource: key → (value, origin).
    public var global: [String: (value: Double, origin: String)] = [:]
    /// Overrides for one Blueprint element (by its name): name → key → (value, origin).
    public var perResource: [String: [String: (value: Double, origin: String)]] = [:]

    public init(tier: Tier) { self.tier = tier }

    /// The value of `key` for `resource` (a service or data store name), with where it came from.
    public func value(_ key: String, for resource: String? = nil) -> (value: Double, origin: String) {
        if let resource, let v = perResource[resource]?[key] { return v }
        if let v = global[key] { return v }
        return (Self.key(named: key)?.value(for: tier) ?? 0, "tier \(tier.rawValue)")
    }

    public func value(_ key: String, for resource: String? = nil) -> Double { value(key, for: resource).value }

    /// Applies overrides read from a file or `x-ferry.usage`: a flat map of keys, plus an optional
    /// `services` map of per-service maps. Unknown keys and non-numbers are errors naming `origin`.
    public mutating func apply(_ overrides: [String: UsageValue], origin: String) throws {
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .number(let n):
                try Self.validate(name, n, origin: origin)
                global[name] = (n, origin)
            case .map(let inner) where name == "services":
                for (service, map) in inner.sorted(by: { $0.key < $1.key }) {
                    guard case .map(let keys) = map else {
                        throw PricingError("\(origin): usage.services.\(service) must be a map of usage keys")
                    }
                    try apply(keys, to: service, origin: origin)
                }
            case .map:
                throw PricingError("\(origin): usage.\(name) must be a number")
            }
        }
    }

    /// Applies overrides for one resource.
    public mutating func apply(_ overrides: [String: UsageValue], to resource: String, origin: String) throws {
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard case .number(let n) = value else {
                throw PricingError("\(origin): usage.services.\(resource).\(name) must be a number")
            }
            try Self.validate(name, n, origin: origin)
            perResource[resource, default: [:]][name] = (n, origin)
        }
    }

    private static func validate(_ name: String, _ n: Double, origin: String) throws {
        guard key(named: name) != nil else {
            let known = keys.map(\.name).joined(separator: ", ")
            throw PricingError("\(origin): unknown usage key '\(name)' (known: \(known))")
        }
        guard n.isFinite, n >= 0 else { throw PricingError("\(origin): usage key '\(name)' must be a number ≥ 0") }
    }

    public static func == (a: UsageProfile, b: UsageProfile) -> Bool {
        a.tier == b.tier && a.global.mapValues(\.value) == b.global.mapValues(\.value)
            && a.perResource.mapValues { $0.mapValues(\.value) } == b.perResource.mapValues { $0.mapValues(\.value) }
    }
}

/// A usage override value as read from YAML/JSON: a number or a nested map.
public indirect enum UsageValue: Sendable, Equatable {
    case number(Double)
    case map([String: UsageValue])
}
