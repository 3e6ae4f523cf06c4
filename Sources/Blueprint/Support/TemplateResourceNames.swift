/// How a template renderer names the resources of each Blueprint element: (element name, suffix)
/// pairs (`web` + `Service`) and the renderer's singleton IDs (`LoadBalancer`). The CloudFormation
/// renderer builds its logical IDs from these; the planner reads them to tell an `x-aws-cloudformation`
/// patch of a generated resource from one that patches nothing. Kept beside `ResourceCounter`, which
/// mirrors the renderer the same way.
public enum TemplateResourceNames {
    public static let singletons: Set<String> = [
        "Vpc", "InternetGateway", "GatewayAttachment", "PublicRouteTable", "PublicDefaultRoute", "Cluster",
        "LoadBalancer", "HttpsListener", "HttpListener", "Certificate", "ServiceDiscoveryNamespace",
        "AlarmTopic", "AlarmTopicKey", "AlarmTopicEmailSubscription", "Dashboard", "Budget", "IoTThingType", "IoTDevicePolicy",
        "FlowLogGroup", "FlowLogRole", "FlowLog", "WebAcl", "WebAclAssociation", "EndpointSecurityGroup",
        "LoadBalancerLogsBucket", "LoadBalancerLogsBucketPolicy", "EventsRole", "DomainRecord", "NetworkLoadBalancer",
        "GpuAmiId", "ClusterCapacityProviders",
        "BatchLaunchTemplate", "BatchSpotComputeEnvironment", "BatchOnDemandComputeEnvironment", "BatchJobQueue", "BatchEventsRole",
    ]

    /// Every (name, suffix) pair the renderer turns into a logical ID, by element kind.
    public static func pairs(_ b: Blueprint) -> [(name: String, suffix: String)] {
        var pairs: [(name: String, suffix: String)] = []
        func add(_ names: [String], _ suffixes: [String]) {
            for name in names { for suffix in suffixes { pairs.append((name, suffix)) } }
        }
        add(b.workloads.map(\.name), ["Service", "TaskDefinition", "ScalableTarget", "ScalingPolicy", "Schedule", "PullCredentials", "JobDefinition"])
        add(b.dataStores.map(\.name), ["Database", "DatabaseCluster", "DatabaseInstance", "DatabaseSubnetGroup",
                                        "DatabaseParameterGroup", "Cache", "CacheSubnetGroup", "Broker", "Domain"])
        add(b.buckets.map(\.name), ["Bucket", "BucketPolicy"])
        add(b.tables.map(\.name), ["Table"])
        add(b.userPools?.map(\.name) ?? [], ["UserPool", "UserPoolClient"])
        add(b.messageTopics?.map(\.name) ?? [], ["Topic"])
        add(b.messageTopics?.flatMap { $0.subscriptions.map(\.name) } ?? [], ["Queue", "DeadLetterQueue", "QueuePolicy", "Subscription"])
        add(b.fileSystems.map(\.name), ["FileSystem", "MountTarget"])
        add(b.fileSystems.flatMap { $0.accessPoints.map(\.name) }, ["AccessPoint"])
        add(b.secrets.map(\.name), ["Secret"])
        add(b.parameters.map(\.name), ["Parameter"])
        add(b.roles.map(\.name), ["Role"])
        add(b.logGroups.map(\.name), ["LogGroup"])
        add(b.alarms.map(\.name), ["Alarm"])
        add(b.repositories.map(\.name), ["Repository"])
        add(b.network.securityGroups.map(\.name), ["SecurityGroup", "Ingress"])
        add(b.network.subnets.map(\.name), ["", "RouteTableAssociation"])
        add(b.network.endpoints.map(\.service), ["Endpoint"])
        add(b.loadBalancer?.targetGroups.map(\.name) ?? [], ["TargetGroup", "ListenerRule"])
        add(b.serviceDiscovery?.services.map(\.name) ?? [], ["DiscoveryService"])
        add(b.networkLoadBalancer?.listeners.map(\.name) ?? [], ["NlbTargetGroup", "NlbListener"])
        add(b.ec2CapacityProviders.map(\.name), ["LaunchTemplate", "AutoScalingGroup", "CapacityProvider"])
        add(Array(Set(b.ec2CapacityProviders.map(\.instanceRole) + (b.batch.map { [$0.instanceRole] } ?? []))).sorted(), ["InstanceProfile"])
        return pairs
    }
}
