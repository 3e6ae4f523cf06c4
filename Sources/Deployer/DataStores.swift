/// Resource types that hold data a user would lose if CloudFormation deleted or replaced them.
/// Removing or replacing one of these is flagged as DATA LOSS unless its policy keeps the data.
public enum DataStores {
    public static let types: Set<String> = [
        "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable",
        "AWS::S3::Bucket", "AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster",
        "AWS::ElastiCache::ServerlessCache", "AWS::EFS::FileSystem", "AWS::DocDB::DBCluster", "AWS::DocDB::DBInstance",
        "AWS::Neptune::DBCluster", "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain",
        "AWS::Kinesis::Stream", "AWS::MSK::Cluster", "AWS::AmazonMQ::Broker", "AWS::SQS::Queue",
        "AWS::SecretsManager::Secret", "AWS::Logs::LogGroup", "AWS::Backup::BackupVault", "AWS::ECR::Repository",
    ]

    public static func isDataStore(_ type: String) -> Bool { types.contains(type) }

    /// The DeletionPolicy CloudFormation applies when the template names none: RDS instances
    /// outside a cluster and RDS clusters snapshot; everything else is deleted.
    public static func defaultDeletionPolicy(type: String, properties: [String: Any]) -> String {
        switch type {
        case "AWS::RDS::DBCluster": return "Snapshot"
        case "AWS::RDS::DBInstance": return properties["DBClusterIdentifier"] == nil ? "Snapshot" : "Delete"
        default: return "Delete"
        }
    }

    /// True when a policy keeps the data (the resource or a final snapshot survives).
    public static func policyKeepsData(_ policy: String?) -> Bool {
        policy == "Retain" || policy == "Snapshot" || policy == "RetainExceptOnCreate"
    }
}
