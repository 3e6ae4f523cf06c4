import Blueprint
@testable import Renderers

/// A small hand-built Blueprint (web + API + worker, Postgres, Redis, a bucket) that exercises
/// every guide section without depending on the planner. Values that must never appear in any
/// document carry the marker `NEVER-PRINT`.
enum GuideFixtures {
    static let marker = "NEVER-PRINT"

    static var blueprint: Blueprint {
        let web = Workload(
            name: "shop-web", shortName: "web", role: .web,
            image: ImageSource(build: BuildRecipe(context: "../", dockerfile: "apps/web/Dockerfile"),
                               repository: "shop-web", tagParameter: "WebImageTag"),
            capacity: Capacity(desired: 1, minimum: 1, maximum: 3), scaling: ScalingPolicy(),
            ports: [ContainerPort(port: 3000)],
            healthCheck: ContainerHealthCheck(command: ["CMD", "wget", "-qO-", "http://localhost:3000/"]),
            environment: [
                EnvVar(name: "NODE_ENV", disposition: .plain, value: .literal("production-\(marker)"), reason: "Plain configuration."),
                EnvVar(name: "DEV_BYPASS_AUTH", disposition: .removed, value: .unset, reason: "A development-only flag."),
            ],
            taskRole: "web-task", executionRole: "execution", logGroup: "web", securityGroup: "web", isPublic: true,
            dependsOn: ["shop-api"])
        let api = Workload(
            name: "shop-api", shortName: "api", role: .web,
            image: ImageSource(build: BuildRecipe(context: "../", dockerfile: "apps/api/Dockerfile", target: "runtime"),
                               repository: "shop-api", tagParameter: "ApiImageTag"),
            ports: [ContainerPort(port: 4000)],
            environment: [
                EnvVar(name: "DATABASE_URL", disposition: .rewritten, value: .secret(name: "database-url", key: nil),
                       reason: "A connection string with credentials, rebuilt for RDS."),
                EnvVar(name: "JWT_SECRET", disposition: .secret, value: .secret(name: "jwt-secret", key: nil),
                       reason: "A development default that must be replaced.",
                       evidence: [Evidence(path: "services.api.environment.JWT_SECRET", value: nil)]),
                EnvVar(name: "LOG_LEVEL", disposition: .parameter, value: .parameter(name: "log-level"), reason: "Plain configuration."),
                EnvVar(name: "NODE_ENV", disposition: .plain, value: .literal("production-\(marker)"), reason: "Plain configuration."),
                EnvVar(name: "S3_BUCKET", disposition: .rewritten,
                       value: .reference(ResourceReference(kind: .bucket, name: "uploads", attribute: "name")),
                       reason: "The bucket replacing MinIO."),
            ],
            taskRole: "api-task", executionRole: "execution", logGroup: "api", securityGroup: "web", isPublic: true)
        let worker = Workload(
            name: "shop-worker", shortName: "worker", role: .worker,
            image: ImageSource(image: "ghcr.io/example/worker:latest"),
            environment: [
                EnvVar(name: "API_URL", disposition: .rewritten,
                       value: .template("http://{host}:4000", parts: ["host": ResourceReference(kind: .workload, name: "shop-api", attribute: "dns")]),
                       reason: "Points at the API through Cloud Map."),
                EnvVar(name: "REDIS_URL", disposition: .rewritten, value: .secret(name: "redis-url", key: nil),
                       reason: "Rebuilt for ElastiCache with TLS and the auth token."),
            ],
            taskRole: "worker-task", executionRole: "execution", logGroup: "worker")

        var b = Blueprint(project: "shop", tier: .mvp, region: "eu-west-1")
        b.services = [
            ServicePlan(name: "shop-web", role: .web, target: .ecsFargate, isPublic: true,
                        reasons: ["Publishes port 3000 and serves HTML."], element: "workloads.shop-web"),
            ServicePlan(name: "shop-api", role: .web, target: .ecsFargate, isPublic: true,
                        reasons: ["Called by the browser through NEXT_PUBLIC_API_URL."], element: "workloads.shop-api"),
            ServicePlan(name: "shop-worker", role: .worker, target: .ecsFargate, reasons: ["No ports; consumes a queue."],
                        element: "workloads.shop-worker"),
            ServicePlan(name: "postgres", role: .datastore, target: .rdsPostgresql, reasons: ["Image postgres:16."],
                        element: "dataStores.postgres",
                        environment: [EnvVar(name: "POSTGRES_PASSWORD", disposition: .removed, value: .unset,
                                             reason: "RDS manages the master password.")]),
            ServicePlan(name: "redis", role: .datastore, target: .elasticacheRedis, reasons: ["Image redis:7."],
                        element: "dataStores.redis"),
            ServicePlan(name: "minio", role: .datastore, target: .s3, reasons: ["Image minio/minio."],
                        dropped: [DroppedKey(key: "volumes[0]", reason: "Fargate has no persistent local disk.",
                                             instead: "Objects live in the S3 bucket.")],
                        element: "buckets.uploads"),
            ServicePlan(name: "minio-init", role: .`init`, target: .none, reasons: ["Runs mc mb once."]),
            ServicePlan(name: "adminer", role: .devtool, target: .none, reasons: ["Database admin UI."]),
        ]
        b.workloads = [api, web, worker]
        b.network = NetworkPlan(azCount: 2, natGatewayCount: 1, subnets: [
            Subnet(name: "PublicSubnet1", kind: .public, azIndex: 0, cidr: "10.0.0.0/24"),
            Subnet(name: "PublicSubnet2", kind: .public, azIndex: 1, cidr: "10.0.1.0/24"),
            Subnet(name: "PrivateSubnet1", kind: .private, azIndex: 0, cidr: "10.0.10.0/24"),
            Subnet(name: "PrivateSubnet2", kind: .private, azIndex: 1, cidr: "10.0.11.0/24"),
        ], securityGroups: [
            SecurityGroup(name: "alb", description: "load balancer", ingress: [
                IngressRule(fromPort: 443, toPort: 443, cidr: "0.0.0.0/0", description: "HTTPS"),
            ]),
            SecurityGroup(name: "web", description: "web", ingress: [
                IngressRule(fromPort: 3000, toPort: 4000, sourceGroup: "alb", description: "from ALB"),
            ]),
        ])
        b.cluster = ClusterSpec(name: "shop-mvp")
        b.repositories = [ImageRepository(name: "shop-api", workload: "shop-api"),
                          ImageRepository(name: "shop-web", workload: "shop-web")]
        b.loadBalancer = LoadBalancer(
            name: "shop-mvp",
            listeners: [Listener(port: 443, proto: "HTTPS", action: .forward, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06"),
                        Listener(port: 80, proto: "HTTP", action: .redirectToHTTPS)],
            targetGroups: [TargetGroup(name: "web", workload: "shop-web", port: 3000, healthCheckPath: "/"),
                           TargetGroup(name: "api", workload: "shop-api", port: 4000, healthCheckPath: "/health")],
            rules: [ListenerRule(priority: 10, pathPatterns: ["/api/*"], targetGroup: "api")],
            defaultTargetGroup: "web", certificate: .acm(domain: "shop.example.com"), domain: "shop.example.com")
        b.serviceDiscovery = ServiceDiscoveryNamespace(name: "shop.internal", services: [
            DiscoveryService(name: "api", workload: "shop-api", port: 4000),
        ])
        b.dataStores = [
            DataStore(name: "postgres", kind: .rdsPostgresql, engine: "postgres", engineVersion: "16", instanceClass: "db.t4g.micro",
                      storageGB: 20, port: 5432, databaseName: "shop", masterUsername: "shop",
                      credentialsSecret: "postgres-credentials", clients: ["shop-api"], securityGroup: "data-postgres"),
            DataStore(name: "redis", kind: .elasticacheRedis, engine: "redis", engineVersion: "7.1", instanceClass: "cache.t4g.micro",
                      port: 6379, credentialsSecret: "redis-auth", clients: ["shop-worker"]),
        ]
        b.buckets = [Bucket(name: "uploads", bucketNameHint: "shop-uploads",
                            lifecycle: [LifecycleRule(id: "archive", transitionDays: 90, transitionStorageClass: "GLACIER")],
                            cors: [CORSRule(allowedOrigins: ["https://shop.example.com"], allowedMethods: ["PUT"])],
                            readers: ["shop-worker"], writers: ["shop-api"], replaces: "minio")]
        b.secrets = [
            SecretSpec(name: "database-url", secretName: "shop/mvp/database-url", description: "API database URL",
                       generation: .composed(template: "postgresql://{u}:{p}@{h}/shop", parts: [:]), consumers: ["shop-api"]),
            SecretSpec(name: "jwt-secret", secretName: "shop/mvp/jwt-secret", description: "JWT signing key",
                       generation: .generated(length: 48, excludePunctuation: true, jsonKey: nil), consumers: ["shop-api"]),
            SecretSpec(name: "postgres-credentials", secretName: "shop/mvp/postgres", description: "master credentials",
                       generation: .managed(by: "Amazon RDS")),
            SecretSpec(name: "redis-auth", secretName: "shop/mvp/redis-auth", description: "auth token",
                       generation: .generated(length: 64, excludePunctuation: true, jsonKey: nil)),
            SecretSpec(name: "redis-url", secretName: "shop/mvp/redis-url", description: "worker Redis URL",
                       generation: .composed(template: "rediss://:{t}@{h}:6379", parts: [:]), consumers: ["shop-worker"]),
            SecretSpec(name: "stripe-key", secretName: "shop/mvp/stripe-key", description: "Stripe API key",
                       generation: .provided, consumers: ["shop-api"]),
        ]
        b.parameters = [ParameterSpec(name: "log-level", parameterName: "/shop/mvp/log-level", value: "info-\(marker)",
                                      description: "log level", consumers: ["shop-api"])]
        b.roles = [
            IAMRole(name: "execution", kind: .taskExecution, managedPolicies: ["service-role/AmazonECSTaskExecutionRolePolicy"]),
            IAMRole(name: "api-task", kind: .task, statements: [
                PolicyStatement(sid: "Uploads", actions: ["s3:PutObject"],
                                resources: [ResourceReference(kind: .bucket, name: "uploads", attribute: "objects")]),
            ], workload: "shop-api"),
            IAMRole(name: "web-task", kind: .task, workload: "shop-web"),
            IAMRole(name: "worker-task", kind: .task, statements: [
                PolicyStatement(sid: "Uploads", actions: ["s3:GetObject"],
                                resources: [ResourceReference(kind: .bucket, name: "uploads", attribute: "objects")]),
            ], workload: "shop-worker"),
        ]
        b.logGroups = ["api", "web", "worker"].map { LogGroup(name: $0, logGroupName: "/shop/mvp/\($0)", retentionDays: 30, workload: "shop-\($0)") }
        b.alarms = [Alarm(name: "api-5xx", description: "API answers 5XX", namespace: "AWS/ApplicationELB",
                          metricName: "HTTPCode_Target_5XX_Count", subject: ResourceReference(kind: .loadBalancer, name: "shop-mvp"),
                          statistic: "Sum", threshold: 10)]
        b.alarmTopic = NotificationTopic(name: "shop-mvp-alarms")
        b.findings = [Finding(id: "FERRY-PLAN-001", severity: .warning, message: "DEV_BYPASS_AUTH is a development-only flag.",
                              subject: "services.shop-web.environment.DEV_BYPASS_AUTH", fix: "Leave it unset in production.")]
        return b
    }

    static var cost: CostReport {
        CostReport(region: "eu-west-1", tier: .mvp, totalMonthly: 123.45, lines: [
            CostLine(resource: "workloads.shop-api", service: "fargate", usageKey: "vcpu-hours", quantity: 182.5, unit: "vCPU-hours",
                     unitPrice: 0.04048, monthly: 7.39, source: "AWS price list 2026-10", arithmetic: "1 × 0.25 × 730"),
            CostLine(resource: "network.nat", service: "vpc", usageKey: "nat-gateway-hours", quantity: 730, unit: "hours",
                     unitPrice: 0.048, monthly: 35.04, source: "AWS price list 2026-10", arithmetic: "1 × 730"),
            CostLine(resource: "dataStores.postgres", service: "rds", usageKey: "db.t4g.micro", quantity: 730, unit: "hours",
                     unitPrice: 0.018, monthly: 81.02, source: "AWS price list 2026-10", arithmetic: "730 h"),
        ], deltas: [
            CostDelta(decision: "NAT per AZ instead of one", monthlyChange: 33.58, overrideKey: "x-ferry.tier"),
            CostDelta(decision: "Fargate Spot for workers", monthlyChange: -4.2),
        ], assumptions: [UsageAssumption(key: "logs.ingest_gb_per_service", value: 1, unit: "GB", origin: "tier mvp")])
    }
}
