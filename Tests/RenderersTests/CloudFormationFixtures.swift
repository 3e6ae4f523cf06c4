import Blueprint

/// Hand-built Blueprints that exercise every element the CloudFormation renderer knows, independent of
/// the planner: one "kitchen sink" project and a generated many-service project that needs nested stacks.
enum CloudFormationFixtures {
    static func network(azs: Int = 2, nat: Int = 2, groups: [SecurityGroup]) -> NetworkPlan {
        var subnets: [Subnet] = []
        for az in 0..<azs {
            subnets.append(Subnet(name: "PublicSubnet\(az + 1)", kind: .public, azIndex: az, cidr: "10.0.\(az).0/24"))
            subnets.append(Subnet(name: "PrivateSubnet\(az + 1)", kind: .private, azIndex: az, cidr: "10.0.\(10 + az).0/24"))
            subnets.append(Subnet(name: "DataSubnet\(az + 1)", kind: .isolated, azIndex: az, cidr: "10.0.\(20 + az).0/24"))
        }
        return NetworkPlan(cidr: "10.0.0.0/16", azCount: azs, natGatewayCount: nat, subnets: subnets,
                           endpoints: [VPCEndpoint(service: "s3", kind: .gateway), VPCEndpoint(service: "ecr.api", kind: .interface)],
                           securityGroups: groups, flowLogs: true)
    }

    static func workload(_ name: String, role: ServiceRole, port: Int?, isPublic: Bool = false, built: Bool = true,
                         env: [EnvVar] = [], target: DeploymentTarget = .ecsFargate) -> Workload {
        Workload(
            name: name, role: role, target: target,
            image: built ? ImageSource(build: BuildRecipe(context: name), repository: "kitchen-\(name)", tagParameter: LogicalIDsForTests.stem(name) + "ImageTag")
                : ImageSource(image: "nginx:1.27"),
            size: TaskSize(cpu: 512, memory: 1024),
            capacity: Capacity(desired: 1, minimum: 1, maximum: 4),
            scaling: role == .web ? ScalingPolicy(metric: .cpu, targetValue: 70) : nil,
            ports: port.map { [ContainerPort(port: $0)] } ?? [],
            healthCheck: port.map { ContainerHealthCheck(command: ["CMD-SHELL", "curl -fsS http://localhost:\($0)/health || exit 1"], startPeriod: 20) },
            environment: env,
            taskRole: "\(name)-task", executionRole: "execution", logGroup: name,
            securityGroup: role == .web ? "web" : "internal",
            schedule: target == .ecsFargateTask ? "rate(1 day)" : nil,
            isPublic: isPublic,
            discoveryName: role == .internal ? name : nil)
    }

    /// Every element kind once.
    static func kitchenSink() -> Blueprint {
        let groups = [
            SecurityGroup(name: "alb", description: "Load balancer: HTTPS from the internet", ingress: [
                IngressRule(fromPort: 443, toPort: 443, cidr: "0.0.0.0/0", description: "HTTPS"),
                IngressRule(fromPort: 80, toPort: 80, cidr: "0.0.0.0/0", description: "HTTP (redirected)"),
            ]),
            SecurityGroup(name: "web", description: "Web tasks → from the load balancer", ingress: [
                IngressRule(fromPort: 3000, toPort: 4000, sourceGroup: "alb", description: "app ports from the ALB"),
            ]),
            SecurityGroup(name: "internal", description: "Internal services", ingress: [
                IngressRule(fromPort: 4010, toPort: 4010, sourceGroup: "web", description: "from web"),
                IngressRule(fromPort: 4010, toPort: 4010, sourceGroup: "internal", description: "from each other"),
            ]),
            SecurityGroup(name: "data", description: "Data stores", ingress: [
                IngressRule(fromPort: 5432, toPort: 5432, sourceGroup: "internal", description: "PostgreSQL"),
                IngressRule(fromPort: 6379, toPort: 6379, sourceGroup: "internal", description: "Redis"),
            ]),
        ]
        let webEnv = [
            EnvVar(name: "NODE_ENV", disposition: .parameter, value: .parameter(name: "node-env"), reason: "config"),
            EnvVar(name: "JWT_SECRET", disposition: .secret, value: .secret(name: "jwt-secret", key: nil), reason: "secret"),
            EnvVar(name: "DATABASE_URL", disposition: .rewritten, value: .secret(name: "database-url", key: nil), reason: "rewritten"),
            EnvVar(name: "DB_PASSWORD", disposition: .secret, value: .secret(name: "postgres-credentials", key: "password"), reason: "managed"),
            EnvVar(name: "AUTH_URL", disposition: .rewritten, value: .template("http://{host}:4010", parts: ["host": ResourceReference(kind: .workload, name: "svc-auth", attribute: "dns")]), reason: "service URL"),
            EnvVar(name: "BUCKET", disposition: .rewritten, value: .reference(ResourceReference(kind: .bucket, name: "datasets", attribute: "name")), reason: "bucket"),
            EnvVar(name: "PORT", disposition: .plain, value: .literal("3000"), reason: "plain"),
            EnvVar(name: "DEV_BYPASS_AUTH", disposition: .removed, value: .unset, reason: "dev only"),
        ]
        let workloads = [
            workload("web", role: .web, port: 3000, isPublic: true, env: webEnv),
            workload("gateway", role: .web, port: 4000, isPublic: true),
            workload("svc-auth", role: .internal, port: 4010),
            workload("worker", role: .worker, port: nil, built: false),
            workload("migrate", role: .job, port: nil, target: .ecsFargateTask),
        ]
        var roles = [IAMRole(name: "execution", kind: .taskExecution, managedPolicies: ["service-role/AmazonECSTaskExecutionRolePolicy"], statements: [
            PolicyStatement(sid: "read-secrets", actions: ["secretsmanager:GetSecretValue"], resources: [
                ResourceReference(kind: .secret, name: "jwt-secret"), ResourceReference(kind: .secret, name: "database-url"),
                ResourceReference(kind: .secret, name: "postgres-credentials"),
            ]),
            PolicyStatement(sid: "read-parameters", actions: ["ssm:GetParameters"], resources: [ResourceReference(kind: .parameter, name: "node-env")]),
        ])]
        for w in workloads {
            roles.append(IAMRole(name: "\(w.name)-task", kind: .task, statements: w.name == "web" ? [
                PolicyStatement(sid: "objects", actions: ["s3:GetObject", "s3:PutObject"], resources: [ResourceReference(kind: .bucket, name: "datasets", attribute: "objects")]),
                PolicyStatement(sid: "table", actions: ["dynamodb:GetItem", "dynamodb:PutItem"], resources: [ResourceReference(kind: .table, name: "readings")]),
                PolicyStatement(sid: "iot", actions: ["iot:Publish"], resources: [ResourceReference(kind: .iotTopic, name: "devices/*")]),
            ] : [], workload: w.name))
        }
        let lb = LoadBalancer(
            name: "kitchen", listeners: [Listener(port: 443, proto: "HTTPS", action: .forward), Listener(port: 80, proto: "HTTP", action: .redirectToHTTPS)],
            targetGroups: [TargetGroup(name: "web", workload: "web", port: 3000, healthCheckPath: "/health"),
                           TargetGroup(name: "gateway", workload: "gateway", port: 4000, healthCheckPath: "/health/ready", stickiness: true)],
            rules: [ListenerRule(priority: 10, pathPatterns: ["/api/*"], targetGroup: "gateway")],
            defaultTargetGroup: "web", certificate: .acm(domain: "app.example.com"), domain: "app.example.com", waf: true,
            accessLogs: true)
        let stores = [
            DataStore(name: "postgres", kind: .auroraPostgresql, engine: "aurora-postgresql", engineVersion: "16.4", instanceClass: "db.t4g.medium",
                      instanceCount: 2, multiAZ: true, port: 5432, databaseName: "kitchen", masterUsername: "kitchen",
                      credentialsSecret: "postgres-credentials", clients: ["web"], securityGroup: "data",
                      parameters: ["shared_preload_libraries": "pg_stat_statements"]),
            DataStore(name: "mysql", kind: .rdsMysql, engine: "mysql", engineVersion: "8.4.5", instanceClass: "db.t4g.micro",
                      storageGB: 20, port: 3306, databaseName: "legacy", masterUsername: "admin", securityGroup: "data"),
            DataStore(name: "redis", kind: .elasticacheRedis, engine: "redis", engineVersion: "7.1", instanceClass: "cache.t4g.small",
                      multiAZ: true, port: 6379, credentialsSecret: "redis-auth", securityGroup: "data"),
            DataStore(name: "memcached", kind: .elasticacheMemcached, engine: "memcached", engineVersion: "1.6.22", instanceClass: "cache.t4g.micro",
                      port: 11211, securityGroup: "data"),
            DataStore(name: "mongo", kind: .documentdb, engine: "docdb", engineVersion: "5.0.0", instanceClass: "db.t4g.medium",
                      port: 27017, masterUsername: "app", credentialsSecret: "mongo-credentials", securityGroup: "data"),
            DataStore(name: "rabbitmq", kind: .amazonMQ, engine: "RabbitMQ", engineVersion: "3.13", instanceClass: "mq.t3.micro",
                      port: 5671, masterUsername: "app", credentialsSecret: "rabbitmq-credentials", securityGroup: "data"),
            DataStore(name: "kafka", kind: .msk, engine: "kafka", engineVersion: "3.6.0", instanceClass: "kafka.t3.small",
                      instanceCount: 2, storageGB: 100, port: 9098, securityGroup: "data"),
            DataStore(name: "search", kind: .opensearch, engine: "OpenSearch", engineVersion: "OpenSearch_2.13", instanceClass: "t3.small.search",
                      storageGB: 10, port: 443, securityGroup: "data"),
        ]
        let secrets = [
            SecretSpec(name: "jwt-secret", secretName: "kitchen/mvp/jwt-secret", description: "JWT signing key", generation: .generated(length: 48, excludePunctuation: true, jsonKey: nil)),
            SecretSpec(name: "api-key", secretName: "kitchen/mvp/api-key", description: "Third-party API key", generation: .provided),
            SecretSpec(name: "postgres-credentials", secretName: "rds-managed", description: "Managed by RDS", generation: .managed(by: "postgres")),
            SecretSpec(name: "redis-auth", secretName: "kitchen/mvp/redis-auth", description: "Redis AUTH token", generation: .generated(length: 64, excludePunctuation: true, jsonKey: nil)),
            SecretSpec(name: "mongo-credentials", secretName: "kitchen/mvp/mongo", description: "DocumentDB master password", generation: .generated(length: 32, excludePunctuation: true, jsonKey: "password")),
            SecretSpec(name: "rabbitmq-credentials", secretName: "kitchen/mvp/rabbitmq", description: "Broker password", generation: .generated(length: 32, excludePunctuation: true, jsonKey: "password")),
            SecretSpec(name: "database-url", secretName: "kitchen/mvp/database-url", description: "PostgreSQL connection URL",
                       generation: .composed(template: "postgresql://{user}:{password}@{host}:{port}/kitchen", parts: [
                           "user": ResourceReference(kind: .dataStore, name: "postgres", attribute: "username"),
                           "password": ResourceReference(kind: .secret, name: "postgres-credentials", attribute: "password"),
                           "host": ResourceReference(kind: .dataStore, name: "postgres", attribute: "endpoint"),
                           "port": ResourceReference(kind: .dataStore, name: "postgres", attribute: "port"),
                       ])),
        ]
        let alarms = [
            Alarm(name: "alb-5xx", description: "Target 5xx responses", namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count",
                  subject: ResourceReference(kind: .loadBalancer, name: "kitchen"), statistic: "Sum", threshold: 10, periodSeconds: 60),
            Alarm(name: "gateway-unhealthy", description: "Unhealthy gateway targets", namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount",
                  subject: ResourceReference(kind: .workload, name: "gateway"), statistic: "Maximum", threshold: 0),
            Alarm(name: "web-cpu", description: "Web CPU", namespace: "AWS/ECS", metricName: "CPUUtilization",
                  subject: ResourceReference(kind: .workload, name: "web"), threshold: 80),
            Alarm(name: "postgres-cpu", description: "Database CPU", namespace: "AWS/RDS", metricName: "CPUUtilization",
                  subject: ResourceReference(kind: .dataStore, name: "postgres"), threshold: 80),
            Alarm(name: "redis-cpu", description: "Cache CPU", namespace: "AWS/ElastiCache", metricName: "EngineCPUUtilization",
                  subject: ResourceReference(kind: .dataStore, name: "redis"), threshold: 80),
        ]
        return Blueprint(
            project: "kitchen", tier: .prod, region: "eu-west-1",
            tags: [Tag(key: "Project", value: "kitchen"), Tag(key: "Environment", value: "prod"), Tag(key: "ManagedBy", value: "ferry")],
            network: network(groups: groups),
            cluster: ClusterSpec(name: "kitchen-prod", spotForWorkers: true),
            workloads: workloads,
            repositories: workloads.filter { $0.image.repository != nil }.map { ImageRepository(name: "kitchen-\($0.name)", workload: $0.name) },
            loadBalancer: lb,
            serviceDiscovery: ServiceDiscoveryNamespace(name: "kitchen.internal", services: [DiscoveryService(name: "svc-auth", workload: "svc-auth", port: 4010)]),
            dataStores: stores,
            buckets: [Bucket(name: "datasets", bucketNameHint: "kitchen-datasets", lifecycle: [
                LifecycleRule(id: "archive", transitionDays: 90, transitionStorageClass: "GLACIER", noncurrentExpirationDays: 30, abortIncompleteUploadDays: 7),
            ], cors: [CORSRule(allowedOrigins: ["https://app.example.com"], allowedMethods: ["PUT"])], readers: ["web"], writers: ["web"])],
            tables: [DynamoDBTable(name: "readings", tableName: "kitchen-readings", partitionKey: KeyAttribute(name: "user_id"),
                                   sortKey: KeyAttribute(name: "data_id"), ttlAttribute: "expires_at")],
            iot: IoTCoreSetup(replaces: "mosquitto", thingTypeName: "kitchen-device", policyName: "kitchen-device-policy",
                              topics: ["devices/${iot:Connection.Thing.ThingName}/#"]),
            secrets: secrets,
            parameters: [ParameterSpec(name: "node-env", parameterName: "/kitchen/prod/node-env", value: "production", description: "NODE_ENV")],
            roles: roles,
            logGroups: workloads.map { LogGroup(name: $0.name, logGroupName: "/kitchen/prod/\($0.name)", retentionDays: 30, workload: $0.name) },
            alarms: alarms,
            alarmTopic: NotificationTopic(name: "alarms"),
            dashboard: Dashboard(name: "kitchen", widgets: [
                DashboardWidget(title: "Web CPU and memory", namespace: "AWS/ECS", metricNames: ["CPUUtilization", "MemoryUtilization"], subject: ResourceReference(kind: .workload, name: "web")),
                DashboardWidget(title: "Load balancer latency", namespace: "AWS/ApplicationELB", metricNames: ["TargetResponseTime"], subject: ResourceReference(kind: .loadBalancer, name: "kitchen")),
            ]),
            budget: Budget(name: "monthly", monthlyLimitUSD: 300, thresholds: [BudgetThreshold(percent: 80, kind: .actual), BudgetThreshold(percent: 100, kind: .forecasted)]),
            outputs: [
                OutputSpec(name: "ApplicationURL", description: "Public URL", value: ResourceReference(kind: .loadBalancer, name: "kitchen", attribute: "url")),
                OutputSpec(name: "LoadBalancerDNS", description: "Point the domain's CNAME here", value: ResourceReference(kind: .loadBalancer, name: "kitchen", attribute: "dns")),
                OutputSpec(name: "DatabaseEndpoint", description: "PostgreSQL endpoint", value: ResourceReference(kind: .dataStore, name: "postgres", attribute: "endpoint")),
            ])
    }

    /// Docker ECS-integration users: existing VPC, cluster and load balancer, a private registry, rolling
    /// deployment settings and an `x-aws-cloudformation` overlay.
    static func existingInfrastructure() -> Blueprint {
        var b = kitchenSink()
        b.project = "existing"
        b.network.existingVpcId = "vpc-0123456789abcdef0"
        b.cluster?.existingClusterName = "shared cluster"
        b.loadBalancer?.existingLoadBalancerArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shared/0123456789abcdef"
        b.workloads[0].image.pullCredentialsSecret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:registry-AbCdEf"
        b.workloads[0].deployment = DeploymentSettings(minimumHealthyPercent: 50, maximumPercent: 150, circuitBreaker: true)
        b.templateOverlay = .object(["Resources": .object(["WebLogGroup": .object(["Properties": .object(["RetentionInDays": .number(365)])])])])
        return b
    }

    /// `count` internal services plus one public one: large enough to need nested stacks.
    static func manyServices(_ count: Int) -> Blueprint {
        var b = kitchenSink()
        b.project = "many"
        var extra: [Workload] = []
        for index in 1...count {
            var w = workload("svc-\(index)", role: .internal, port: 5000 + index)
            w.dependsOn = index > 1 ? ["svc-\(index - 1)"] : []
            extra.append(w)
            b.roles.append(IAMRole(name: "svc-\(index)-task", kind: .task, workload: w.name))
            b.logGroups.append(LogGroup(name: w.name, logGroupName: "/many/prod/\(w.name)", retentionDays: 14, workload: w.name))
            b.repositories.append(ImageRepository(name: "many-svc-\(index)", workload: w.name))
            b.serviceDiscovery?.services.append(DiscoveryService(name: w.name, workload: w.name, port: 5000 + index))
            b.alarms.append(Alarm(name: "svc-\(index)-cpu", description: "CPU", namespace: "AWS/ECS", metricName: "CPUUtilization",
                                  subject: ResourceReference(kind: .workload, name: w.name), threshold: 80))
            b.alarms.append(Alarm(name: "svc-\(index)-memory", description: "Memory", namespace: "AWS/ECS", metricName: "MemoryUtilization",
                                  subject: ResourceReference(kind: .workload, name: w.name), threshold: 80))
        }
        for index in extra.indices { extra[index].image.repository = "many-svc-\(index + 1)" }
        b.workloads += extra
        b.dashboard?.widgets.append(DashboardWidget(title: "svc-1", namespace: "AWS/ECS", metricNames: ["CPUUtilization"], subject: ResourceReference(kind: .workload, name: "svc-1")))
        return b
    }
}

/// The renderer's stem function, reachable from fixtures without `@testable`.
enum LogicalIDsForTests {
    static func stem(_ name: String) -> String {
        var out = ""
        var upper = true
        for ch in name {
            if ch.isLetter || ch.isNumber {
                out += upper ? ch.uppercased() : String(ch)
                upper = false
            } else {
                upper = true
            }
        }
        return out
    }
}
