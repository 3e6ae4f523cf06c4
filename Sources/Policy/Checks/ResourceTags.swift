import Blueprint
/// Cost reports and clean-up scripts find resources by tag.
struct ResourceTags: PolicyCheck {
    let id = "FERRY-TAG-001"
    let severity = CheckSeverity.low
    let title = "Taggable resources carry Project, Environment and ManagedBy tags"
    let rationale = "Untagged resources cannot be attributed in Cost Explorer or found by the team that owns them."
    let fix = "Tag every resource (ferry adds Project, Environment and ManagedBy; stack tags propagate to most resources)."
    let related: [String] = []

    static let required = ["Project", "Environment", "ManagedBy"]
    /// Types whose `Tags` is a list of Key/Value pairs and that ferry renders.
    static let taggable: Set<String> = [
        "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::SecurityGroup", "AWS::EC2::NatGateway", "AWS::EC2::EIP",
        "AWS::EC2::InternetGateway", "AWS::EC2::RouteTable", "AWS::ECS::Cluster", "AWS::ECS::Service",
        "AWS::ECS::TaskDefinition", "AWS::ECR::Repository", "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::RDS::DBSubnetGroup",
        "AWS::ElastiCache::ReplicationGroup", "AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::SecretsManager::Secret",
        "AWS::Logs::LogGroup", "AWS::SNS::Topic", "AWS::SQS::Queue", "AWS::IAM::Role", "AWS::KMS::Key",
        "AWS::CloudFront::Distribution",
    ]

    func evaluate(_ c: PolicyContext) -> [Violation] {
        (c.template?.resources ?? []).filter { Self.taggable.contains($0.type) }.compactMap { r in
            let keys = Set((r.properties["Tags"]?.array ?? []).compactMap { $0["Key"]?.string })
            let missing = Self.required.filter { !keys.contains($0) }
            return missing.isEmpty ? nil : c.violation(r, "missing tags: \(missing.joined(separator: ", "))")
        }
    }
}
