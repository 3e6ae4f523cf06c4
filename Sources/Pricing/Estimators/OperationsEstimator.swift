import Blueprint

/// What runs alongside the application: image storage, secrets, parameters, logs, alarms,
/// the dashboard and Container Insights metrics.
enum OperationsEstimator {
    /// Container Insights (ECS) publishes its metrics per cluster (about 10), per service (about 13:
    /// CPU, memory, network, storage, task and deployment counts) and per task definition family (about 8),
    /// each billed as a custom metric.
    static let insightsMetricsPerService = 21.0
    static let insightsMetricsPerCluster = 10.0

    static func estimate(_ blueprint: Blueprint, into b: inout LineBuilder) {
        for repo in blueprint.repositories {
            let gb = b.assume("ecr_gb_per_repository", for: repo.workload)
            b.add("repositories.\(repo.name)", "ecr", "storage-gb-month", quantity: gb, "\(num(gb)) GB of images (last \(repo.keepImages) kept)")
        }
        if !blueprint.secrets.isEmpty {
            let n = Double(blueprint.secrets.count)
            b.add("secrets", "secretsmanager", "secrets-month", quantity: n, "\(blueprint.secrets.count) secrets")
            let calls = b.assume("secret_api_calls")
            b.add("secrets", "secretsmanager", "api-calls-10k", quantity: calls / 10_000, "\(num(calls)) API calls")
        }
        if !blueprint.parameters.isEmpty {
            b.add("parameters", "ssm", "standard-parameters-month", quantity: Double(blueprint.parameters.count),
                  "\(blueprint.parameters.count) standard parameters (no charge)")
        }
        var ingest = 0.0, stored = 0.0
        var groups: [String] = []
        for g in blueprint.logGroups {
            let gb = b.assume("log_ingest_gb", for: g.workload ?? g.name)
            ingest += gb
            // At steady state a group holds `retention` days of logs (before CloudWatch's compression).
            stored += gb * Double(g.retentionDays) / 30
            groups.append(g.name)
        }
        if !groups.isEmpty {
            b.add("logs", "cloudwatch", "logs-ingest-gb", quantity: ingest, "\(groups.count) log groups × their ingest")
            b.add("logs", "cloudwatch", "logs-storage-gb-month", quantity: stored, "ingest × retention days / 30 (uncompressed upper bound)")
        }
        if !blueprint.alarms.isEmpty {
            b.add("alarms", "cloudwatch", "alarms-month", quantity: Double(blueprint.alarms.count), "\(blueprint.alarms.count) standard alarms")
        }
        if blueprint.dashboard != nil {
            b.add("dashboard", "cloudwatch", "dashboards-month", quantity: 1, "1 dashboard")
        }
        if let cluster = blueprint.cluster, cluster.containerInsights {
            let services = blueprint.workloads.filter { $0.target.isECSService }.count
            let metrics = insightsMetricsPerCluster + insightsMetricsPerService * Double(services)
            b.add("cluster.\(cluster.name)", "cloudwatch", "metrics-month", quantity: metrics,
                  "Container Insights: \(num(insightsMetricsPerCluster)) cluster + \(num(insightsMetricsPerService)) × \(services) service metrics (approximate; performance log ingestion not included)")
        }
    }
}
