/// Counts the CloudFormation resources a Blueprint calls for, by type, for `plan`'s
/// `resources` and for the 500-resource limit, without rendering. Mirrors what the CloudFormation
/// renderer emits; `ResourceCountTests` holds the two equal over every example, seed and corpus stack
/// at every tier, so a renderer change that adds a resource fails there until this follows.
public enum ResourceCounter {
    public static func count(_ b: Blueprint) -> [String: Int] {
        var c: [String: Int] = [:]
        func add(_ type: String, _ n: Int = 1) { if n > 0 { c[type, default: 0] += n } }

        // Network: created unless the project deploys into an existing VPC (`x-aws-vpc`).
        let net = b.network
        if net.existingVpcId == nil {
            add("AWS::EC2::VPC")
            add("AWS::EC2::InternetGateway")
            add("AWS::EC2::VPCGatewayAttachment")
            add("AWS::EC2::Subnet", net.subnets.count)
            // Isolated subnets keep the VPC's main route table.
            add("AWS::EC2::SubnetRouteTableAssociation", net.subnets.filter { $0.kind != .isolated }.count)
            let privateTables = net.natGatewayCount > 1 ? max(1, net.azCount) : 1
            add("AWS::EC2::RouteTable", 1 + privateTables)
            add("AWS::EC2::Route", 1 + (net.natGatewayCount > 0 ? privateTables : 0))
            add("AWS::EC2::NatGateway", net.natGatewayCount)
            add("AWS::EC2::EIP", net.natGatewayCount)
            add("AWS::EC2::VPCEndpoint", net.endpoints.count)
            if net.flowLogs {
                add("AWS::EC2::FlowLog")
                add("AWS::Logs::LogGroup")
                add("AWS::IAM::Role")
            }
        }
        add("AWS::EC2::SecurityGroup", net.securityGroups.count)
        add("AWS::EC2::SecurityGroupIngress", net.securityGroups.reduce(0) { $0 + $1.ingress.count })

        // Compute.
        if let cluster = b.cluster, cluster.existingClusterName == nil { add("AWS::ECS::Cluster") }
        add("AWS::ECR::Repository", b.repositories.count)
        add("AWS::ECS::TaskDefinition", b.workloads.filter { $0.target != .batch }.count)
        let services = b.workloads.filter { $0.target.isECSService }
        add("AWS::ECS::Service", services.count)
        // As WorkloadSection: services scale, tasks (anything else) run on their schedule.
        let scaled = services.filter { $0.scaling != nil }
        add("AWS::ApplicationAutoScaling::ScalableTarget", scaled.count)
        add("AWS::ApplicationAutoScaling::ScalingPolicy", scaled.count)
        let scheduled = b.workloads.filter { !$0.target.isECSService && $0.target != .batch && $0.schedule != nil }
        add("AWS::Events::Rule", scheduled.count)
        if !scheduled.isEmpty && !b.roles.contains(where: { $0.assumedBy == "events.amazonaws.com" }) { add("AWS::IAM::Role") }
        // AWS Batch, as BatchSection: the on-demand environment always, Spot first when chosen.
        if let batch = b.batch, !b.batchJobs.isEmpty {
            add("AWS::IAM::InstanceProfile")
            add("AWS::EC2::LaunchTemplate")
            add("AWS::Batch::ComputeEnvironment", batch.spot ? 2 : 1)
            add("AWS::Batch::JobQueue")
            add("AWS::Batch::JobDefinition", b.batchJobs.count)
            let scheduledJobs = b.batchJobs.filter { $0.schedule != nil }.count
            add("AWS::Events::Rule", scheduledJobs)
            if scheduledJobs > 0 { add("AWS::IAM::Role") }
        }
        // EC2 capacity for GPU workloads; associations only on a cluster the template creates.
        let providers = b.ec2CapacityProviders
        add("AWS::EC2::LaunchTemplate", providers.count)
        add("AWS::AutoScaling::AutoScalingGroup", providers.count)
        add("AWS::ECS::CapacityProvider", providers.count)
        add("AWS::IAM::InstanceProfile", Set(providers.map(\.instanceRole)).count)
        if !providers.isEmpty, let cluster = b.cluster, cluster.existingClusterName == nil {
            add("AWS::ECS::ClusterCapacityProviderAssociations")
        }

        // Edge.
        if let nlb = b.networkLoadBalancer, !nlb.listeners.isEmpty {
            add("AWS::ElasticLoadBalancingV2::LoadBalancer")
            add("AWS::ElasticLoadBalancingV2::TargetGroup", nlb.listeners.count)
            add("AWS::ElasticLoadBalancingV2::Listener", nlb.listeners.count)
        }
        if let lb = b.loadBalancer {
            let created = lb.existingLoadBalancerArn == nil
            if created { add("AWS::ElasticLoadBalancingV2::LoadBalancer") }
            if created && lb.accessLogs {
                add("AWS::S3::Bucket")
                add("AWS::S3::BucketPolicy")
            }
            add("AWS::ElasticLoadBalancingV2::Listener", lb.listeners.count)
            add("AWS::ElasticLoadBalancingV2::TargetGroup", lb.targetGroups.count)
            add("AWS::ElasticLoadBalancingV2::ListenerRule", lb.rules.count)
            if case .acm = lb.certificate { add("AWS::CertificateManager::Certificate") }
            // The alias record (created when the hosted zone parameter is given).
            if created && lb.domain != nil { add("AWS::Route53::RecordSet") }
            if lb.waf {
                add("AWS::WAFv2::WebACL")
                add("AWS::WAFv2::WebACLAssociation")
            }
        }
        if let sd = b.serviceDiscovery {
            add("AWS::ServiceDiscovery::PrivateDnsNamespace")
            add("AWS::ServiceDiscovery::Service", sd.services.count)
        }

        // Data.
        for d in b.dataStores {
            switch d.kind {
            case .rdsPostgresql, .rdsMysql:
                add("AWS::RDS::DBInstance")
                add("AWS::RDS::DBSubnetGroup")
            case .auroraPostgresql, .auroraMysql:
                add("AWS::RDS::DBCluster")
                add("AWS::RDS::DBInstance", d.instanceCount)
                add("AWS::RDS::DBSubnetGroup")
            case .elasticacheRedis, .elasticacheValkey:
                add("AWS::ElastiCache::ReplicationGroup")
                add("AWS::ElastiCache::SubnetGroup")
            case .elasticacheMemcached:
                add("AWS::ElastiCache::CacheCluster")
                add("AWS::ElastiCache::SubnetGroup")
            case .documentdb:
                add("AWS::DocDB::DBCluster")
                add("AWS::DocDB::DBInstance", d.instanceCount)
                add("AWS::DocDB::DBSubnetGroup")
            case .amazonMQ:
                add("AWS::AmazonMQ::Broker")
            case .msk:
                add("AWS::MSK::Cluster")
            case .opensearch:
                add("AWS::OpenSearchService::Domain")
            }
        }
        add("AWS::S3::Bucket", b.buckets.count)
        add("AWS::S3::BucketPolicy", b.buckets.count)
        add("AWS::DynamoDB::Table", b.tables.count)
        // A mount target in each AZ's private subnet, where the tasks run.
        let mountTargetAZs = Set(net.subnets.filter { $0.kind == .private }.map(\.azIndex)).count
        for fs in b.fileSystems {
            add("AWS::EFS::FileSystem")
            add("AWS::EFS::MountTarget", mountTargetAZs)
            add("AWS::EFS::AccessPoint", fs.accessPoints.count)
        }
        add("AWS::Cognito::UserPool", b.userPools?.count ?? 0)
        add("AWS::Cognito::UserPoolClient", b.userPools?.count ?? 0)
        let subscriptions = b.messageTopics?.reduce(0) { $0 + $1.subscriptions.count } ?? 0
        add("AWS::SNS::Topic", b.messageTopics?.count ?? 0)
        add("AWS::SQS::Queue", 2 * subscriptions)
        add("AWS::SQS::QueuePolicy", subscriptions)
        add("AWS::SNS::Subscription", subscriptions)
        if b.iot != nil {
            add("AWS::IoT::ThingType")
            add("AWS::IoT::Policy")
            let queued = b.iot?.rules.filter { $0.action == .sqs && $0.queueName != nil && $0.deadLetterQueueName != nil }.count ?? 0
            add("AWS::SQS::Queue", 2 * queued)
            add("AWS::IAM::Role", queued)
            add("AWS::IoT::TopicRule", queued)
        }
        // A managed secret is the service's own, except where the template creates it (DocumentDB, and
        // relational stores whose plan chose generated credentials).
        add("AWS::SecretsManager::Secret", b.secrets.filter { spec in
            guard case .managed = spec.generation else { return true }
            guard let store = b.dataStores.first(where: { $0.credentialsSecret == spec.name }) else { return false }
            return !(store.kind.isRelational && store.credentials == .service)
        }.count)
        add("AWS::SSM::Parameter", b.parameters.count)

        // Identity and observability.
        add("AWS::IAM::Role", b.roles.count)
        add("AWS::Logs::LogGroup", b.logGroups.count)
        add("AWS::CloudWatch::Alarm", b.alarms.count)
        if b.dashboard != nil { add("AWS::CloudWatch::Dashboard") }
        if let topic = b.alarmTopic {
            add("AWS::SNS::Topic")
            add("AWS::SNS::Subscription")
            if topic.encrypted { add("AWS::KMS::Key") }
        }
        if b.budget != nil { add("AWS::Budgets::Budget") }
        // Over the limit the template is split: one nested stack per workload.
        if c.values.reduce(0, +) > 500 { add("AWS::CloudFormation::Stack", b.workloads.count) }
        return c
    }

    /// Total resources.
    public static func total(_ b: Blueprint) -> Int { count(b).values.reduce(0, +) }
}
