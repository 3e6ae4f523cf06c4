/// Counts the CloudFormation resources a Blueprint calls for, by type, for `plan`'s
/// `resources` and for the 500-resource limit. Mirrors what the CloudFormation renderer emits;
/// when they disagree the renderer's template is the truth and this should be fixed.
public enum ResourceCounter {
    public static func count(_ b: Blueprint) -> [String: Int] {
        var c: [String: Int] = [:]
        func add(_ type: String, _ n: Int = 1) { if n > 0 { c[type, default: 0] += n } }

        // Network.
        let net = b.network
        add("AWS::EC2::VPC")
        add("AWS::EC2::InternetGateway")
        add("AWS::EC2::VPCGatewayAttachment")
        add("AWS::EC2::Subnet", net.subnets.count)
        add("AWS::EC2::SubnetRouteTableAssociation", net.subnets.count)
        let privateTables = net.natGatewayCount > 1 ? net.azCount : 1
        add("AWS::EC2::RouteTable", 1 + privateTables)
        add("AWS::EC2::Route", 1 + (net.natGatewayCount > 0 ? privateTables : 0))
        add("AWS::EC2::NatGateway", net.natGatewayCount)
        add("AWS::EC2::EIP", net.natGatewayCount)
        add("AWS::EC2::VPCEndpoint", net.endpoints.count)
        add("AWS::EC2::SecurityGroup", net.securityGroups.count)
        add("AWS::EC2::SecurityGroupIngress", net.securityGroups.reduce(0) { $0 + $1.ingress.count })
        if net.flowLogs { add("AWS::EC2::FlowLog") }

        // Compute.
        if b.cluster != nil { add("AWS::ECS::Cluster") }
        add("AWS::ECR::Repository", b.repositories.count)
        add("AWS::ECS::TaskDefinition", b.workloads.count)
        let services = b.workloads.filter { $0.target == .ecsFargate }
        add("AWS::ECS::Service", services.count)
        let scaled = b.workloads.filter { $0.scaling != nil }
        add("AWS::ApplicationAutoScaling::ScalableTarget", scaled.count)
        add("AWS::ApplicationAutoScaling::ScalingPolicy", scaled.count)
        add("AWS::Events::Rule", b.workloads.filter { $0.schedule != nil }.count)

        // Edge.
        if let lb = b.loadBalancer {
            add("AWS::ElasticLoadBalancingV2::LoadBalancer")
            add("AWS::ElasticLoadBalancingV2::Listener", lb.listeners.count)
            add("AWS::ElasticLoadBalancingV2::TargetGroup", lb.targetGroups.count)
            add("AWS::ElasticLoadBalancingV2::ListenerRule", lb.rules.count)
            if case .acm = lb.certificate { add("AWS::CertificateManager::Certificate") }
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
        add("AWS::DynamoDB::Table", b.tables.count)
        if b.iot != nil {
            add("AWS::IoT::ThingType")
            add("AWS::IoT::Policy")
        }
        add("AWS::SecretsManager::Secret", b.secrets.filter {
            if case .managed = $0.generation { return false }
            return true
        }.count)
        add("AWS::SSM::Parameter", b.parameters.count)

        // Identity and observability.
        add("AWS::IAM::Role", b.roles.count)
        add("AWS::Logs::LogGroup", b.logGroups.count)
        add("AWS::CloudWatch::Alarm", b.alarms.count)
        if b.dashboard != nil { add("AWS::CloudWatch::Dashboard") }
        if b.alarmTopic != nil {
            add("AWS::SNS::Topic")
            add("AWS::SNS::Subscription")
        }
        if b.budget != nil { add("AWS::Budgets::Budget") }
        return c
    }

    /// Total resources.
    public static func total(_ b: Blueprint) -> Int { count(b).values.reduce(0, +) }
}
