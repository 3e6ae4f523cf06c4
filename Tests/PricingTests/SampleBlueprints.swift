import Blueprint

/// Blueprints built by hand that hold every kind of element, so catalog coverage does not depend
/// on which compose files exist.
enum SampleBlueprints {
    static func workload(_ name: String, _ role: ServiceRole, target: DeploymentTarget = .ecsFargate,
                         cpu: Int = 256, memory: Int = 512, desired: Int = 1) -> Workload {
        Workload(name: name, role: role, target: target, image: ImageSource(image: "example/\(name):1.0"),
                 size: TaskSize(cpu: cpu, memory: memory), capacity: Capacity(desired: desired, minimum: desired, maximum: desired * 2),
                 taskRole: "\(name)-task", executionRole: "\(name)-exec", logGroup: "\(name)-logs")
    }

    /// Every element kind, sized as the planner's tier defaults size them.
    static func everything(tier: Tier, region: String) -> Blueprint {
        let prod = tier == .prod
        let db = tier == .dev ? "db.t4g.micro" : (tier == .mvp ? "db.t4g.small" : "db.t4g.medium")
        let cache = tier == .dev ? "cache.t4g.micro" : "cache.t4g.small"
        var bp = Blueprint(project: "everything", tier: tier, region: region)
        bp.network = NetworkPlan(azCount: 2, natGatewayCount: prod ? 2 : 1,
                                 endpoints: [VPCEndpoint(service: "s3", kind: .gateway), VPCEndpoint(service: "ecr.api", kind: .interface)],
                                 flowLogs: prod)
        bp.cluster = ClusterSpec(name: "everything", containerInsights: tier != .dev, spotForWorkers: true)
        bp.workloads = [workload("web", .web, desired: prod ? 2 : 1), workload("api", .internal, cpu: 512, memory: 1024),
                        workload("worker", .worker), workload("migrate", .job, target: .ecsFargateTask)]
        bp.repositories = bp.workloads.map { ImageRepository(name: "everything-\($0.name)", workload: $0.name) }
        bp.loadBalancer = LoadBalancer(name: "alb", waf: true)
        bp.serviceDiscovery = ServiceDiscoveryNamespace(name: "everything.internal", services: [DiscoveryService(name: "api", workload: "api", port: 8080)])
        bp.dataStores = [
            DataStore(name: "pg", kind: prod ? .auroraPostgresql : .rdsPostgresql, engine: "postgres", engineVersion: "16",
                      instanceClass: db, instanceCount: prod ? 2 : 1, storageGB: 20, multiAZ: prod, port: 5432),
            DataStore(name: "my", kind: .rdsMysql, engine: "mysql", engineVersion: "8.0", instanceClass: db, storageGB: 20, port: 3306),
            DataStore(name: "aumy", kind: .auroraMysql, engine: "aurora-mysql", engineVersion: "8.0", instanceClass: "db.t4g.medium", port: 3306),
            DataStore(name: "serverless", kind: .auroraPostgresql, engine: "aurora-postgresql", engineVersion: "16", instanceClass: "db.serverless", port: 5432),
            DataStore(name: "redis", kind: .elasticacheRedis, engine: "redis", engineVersion: "7.1", instanceClass: cache, instanceCount: prod ? 2 : 1, port: 6379),
            DataStore(name: "valkey", kind: .elasticacheValkey, engine: "valkey", engineVersion: "8.0", instanceClass: cache, port: 6379),
            DataStore(name: "memcached", kind: .elasticacheMemcached, engine: "memcached", engineVersion: "1.6", instanceClass: cache, port: 11211),
            DataStore(name: "mongo", kind: .documentdb, engine: "docdb", engineVersion: "5.0.0", instanceClass: prod ? "db.r6g.large" : "db.t4g.medium", port: 27017),
            DataStore(name: "rabbit", kind: .amazonMQ, engine: "RabbitMQ", engineVersion: "3.13", instanceClass: prod ? "mq.m5.large" : "mq.t3.micro", port: 5671),
            DataStore(name: "kafka", kind: .msk, engine: "kafka", engineVersion: "3.6.0", instanceClass: prod ? "kafka.m5.large" : "kafka.t3.small", port: 9094),
            DataStore(name: "search", kind: .opensearch, engine: "OpenSearch", engineVersion: "2.13", instanceClass: prod ? "m6g.large.search" : "t3.small.search", port: 443),
        ]
        bp.buckets = [Bucket(name: "data"), Bucket(name: "site", cloudFront: true)]
        bp.tables = [DynamoDBTable(name: "events", partitionKey: KeyAttribute(name: "id"))]
        bp.fileSystems = [FileSystem(name: "volumes", securityGroup: "efs-volumes",
                                     accessPoints: [AccessPoint(name: "uploads", rootDirectory: "/uploads", clients: ["web"])])]
        bp.iot = IoTCoreSetup(replaces: "mosquitto", thingTypeName: "device", policyName: "device")
        bp.secrets = [SecretSpec(name: "jwt", secretName: "everything/jwt", description: "JWT", generation: .provided)]
        bp.parameters = [ParameterSpec(name: "log-level", parameterName: "/everything/log-level", value: "info", description: "log level")]
        bp.logGroups = bp.workloads.map { LogGroup(name: "\($0.name)-logs", logGroupName: "/everything/\($0.name)", retentionDays: 30, workload: $0.name) }
        bp.alarms = [Alarm(name: "alb-5xx", description: "5xx", namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count",
                           subject: ResourceReference(kind: .loadBalancer, name: "alb"), threshold: 10)]
        bp.dashboard = Dashboard(name: "everything")
        return bp
    }

    /// The architecture of the Smartboard hand-written guide at ferry's mvp tier, built by hand (the
    /// same element counts the planner produces), for tests that must not depend on the planner.
    static func smartboardLike(tier: Tier = .mvp, region: String = "eu-west-1") -> Blueprint {
        var bp = Blueprint(project: "smartboard", tier: tier, region: region)
        bp.network = NetworkPlan(azCount: 2, natGatewayCount: tier == .prod ? 2 : 1)
        // ferry's mvp tier: Container Insights only at prod, Fargate Spot for the worker.
        bp.cluster = ClusterSpec(name: "smartboard", containerInsights: tier == .prod, spotForWorkers: tier != .prod)
        let names = ["web", "gateway", "svc-auth", "svc-tenants", "svc-datasets", "svc-analytics", "svc-dashboards", "svc-realtime"]
        bp.workloads = names.map { workload($0, $0 == "web" || $0 == "gateway" ? .web : .internal) } + [workload("worker", .worker)]
        bp.repositories = bp.workloads.map { ImageRepository(name: "smartboard-\($0.name)", workload: $0.name) }
        bp.loadBalancer = LoadBalancer(name: "alb")
        bp.serviceDiscovery = ServiceDiscoveryNamespace(name: "smartboard.internal")
        bp.dataStores = [
            DataStore(name: "postgres", kind: .rdsPostgresql, engine: "postgres", engineVersion: "16", instanceClass: "db.t4g.small", storageGB: 20, port: 5432),
            DataStore(name: "redis", kind: .elasticacheRedis, engine: "redis", engineVersion: "7.1", instanceClass: "cache.t4g.small", port: 6379),
        ]
        bp.buckets = [Bucket(name: "datasets")]
        bp.secrets = ["jwt", "session", "redis-auth", "microsoft-client-secret"].map {
            SecretSpec(name: $0, secretName: "smartboard/\($0)", description: $0, generation: .provided)
        }
        bp.logGroups = bp.workloads.map { LogGroup(name: "\($0.name)-logs", logGroupName: "/smartboard/\($0.name)", retentionDays: 30, workload: $0.name) }
        bp.alarms = (0..<12).map { Alarm(name: "a\($0)", description: "", namespace: "AWS/ECS", metricName: "CPUUtilization",
                                           subject: ResourceReference(kind: .cluster, name: "smartboard"), threshold: 80) }
        bp.dashboard = Dashboard(name: "smartboard")
        return bp
    }
}
