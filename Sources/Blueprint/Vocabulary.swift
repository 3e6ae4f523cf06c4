/// What a compose service is, in plan vocabulary (DESIGN.md). Stable: `plan --format json`
/// prints the raw values and users script against them.
public enum ServiceRole: String, Sendable, Codable, Equatable, CaseIterable {
    /// Reached from the internet over HTTP through the load balancer.
    case web
    /// Reached only by other services (Cloud Map).
    case `internal`
    /// No inbound traffic.
    case worker
    /// Runs to completion: one-off, migration, scheduled.
    case job
    /// One-shot setup that infrastructure replaces (e.g. a bucket creator).
    case `init`
    /// Replaced by a managed service.
    case datastore
    /// Development-only tooling; not deployed.
    case devtool
    /// Static files served from S3 + CloudFront.
    case `static`
    /// A hosted service the app calls; nothing to deploy.
    case external
    /// A reverse proxy whose job is routing: its rules become load balancer rules.
    case proxy
}

/// Where a compose service goes on AWS, in plan vocabulary (DESIGN.md).
public enum DeploymentTarget: String, Sendable, Codable, Equatable, CaseIterable {
    case ecsFargate = "ecs-fargate"
    case ecsFargateTask = "ecs-fargate-task"
    /// An ECS service on EC2 instances of its own capacity provider (it needs GPUs, which Fargate lacks).
    case ecsEc2 = "ecs-ec2"
    /// A job on AWS Batch (EC2 Spot with an on-demand fallback): training and batch work.
    case batch
    case rdsPostgresql = "rds-postgresql"
    case rdsMysql = "rds-mysql"
    case auroraPostgresql = "aurora-postgresql"
    case auroraMysql = "aurora-mysql"
    case elasticacheRedis = "elasticache-redis"
    case elasticacheValkey = "elasticache-valkey"
    case elasticacheMemcached = "elasticache-memcached"
    case s3
    case cloudfrontS3 = "cloudfront-s3"
    case dynamodb
    case iotCore = "iot-core"
    case documentdb
    case amazonMQ = "amazon-mq"
    case msk
    case opensearch
    /// An application load balancer (a routing proxy's job).
    case alb
    case none
}
