import Blueprint

/// Puts the Blueprint's tags on every resource whose type takes tags, in the shape the type wants.
/// The tables come from the CloudFormation resource schemas (checked by a test against cfn-lint's copy).
enum Tagging {
    /// Types whose `Tags` is a map of key to value.
    static let mapTagged: Set<String> = ["AWS::SSM::Parameter", "AWS::MSK::Cluster", "AWS::Batch::ComputeEnvironment",
                                         "AWS::Batch::JobQueue", "AWS::Batch::JobDefinition", "AWS::Cognito::UserPool"]
    /// Types whose tags property has another name.
    static let propertyName: [String: String] = [
        "AWS::Budgets::Budget": "ResourceTags", "AWS::EFS::FileSystem": "FileSystemTags", "AWS::EFS::AccessPoint": "AccessPointTags",
        "AWS::Cognito::UserPool": "UserPoolTags",
    ]
    /// Types that take no tags at all.
    static let untaggable: Set<String> = [
        "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::Route", "AWS::EC2::SubnetRouteTableAssociation",
        "AWS::EC2::SecurityGroupIngress", "AWS::ApplicationAutoScaling::ScalableTarget",
        "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::ElasticLoadBalancingV2::Listener",
        "AWS::ElasticLoadBalancingV2::ListenerRule", "AWS::WAFv2::WebACLAssociation", "AWS::S3::BucketPolicy",
        "AWS::CloudWatch::Dashboard", "AWS::SNS::Subscription", "AWS::Route53::RecordSet", "AWS::EFS::MountTarget",
        "AWS::CloudWatch::Dashboard", "AWS::SNS::Subscription", "AWS::Route53::RecordSet",
        "AWS::EC2::LaunchTemplate", "AWS::IAM::InstanceProfile", "AWS::ECS::ClusterCapacityProviderAssociations",
        "AWS::Cognito::UserPoolClient", "AWS::SQS::QueuePolicy",
    ]
    /// Types whose tags say whether instances they launch inherit them.
    static let propagated: Set<String> = ["AWS::AutoScaling::AutoScalingGroup"]

    static func apply(_ tags: [Tag], to template: inout CFNTemplate) {
        let sorted = Dictionary(tags.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            .sorted { $0.key < $1.key }
        guard !sorted.isEmpty else { return }
        let list: CFNValue = .list(sorted.map { ["Key": .string($0.key), "Value": .string($0.value)] })
        let map: CFNValue = .map(Dictionary(uniqueKeysWithValues: sorted.map { ($0.key, CFNValue.string($0.value)) }))
        let propagating: CFNValue = .list(sorted.map { ["Key": .string($0.key), "Value": .string($0.value), "PropagateAtLaunch": true] })
        for (id, resource) in template.resources where !untaggable.contains(resource.type) {
            var tagged = resource
            let key = propertyName[resource.type] ?? "Tags"
            tagged.properties[key] = mapTagged.contains(resource.type) ? map : propagated.contains(resource.type) ? propagating : list
            template.resources[id] = tagged
        }
    }
}
