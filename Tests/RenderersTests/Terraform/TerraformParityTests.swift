import Blueprint
import ComposeKit
import Foundation
@testable import Planner
import XCTest
@testable import Renderers

/// The Terraform output holds what the CloudFormation output of the same Blueprint holds: the same
/// resources (types mapped one to one where AWS has one) and the same key properties — sizes, ports,
/// encryption, policies, tags, deletion protection, retention — for every example, seed and corpus stack.
final class TerraformParityTests: XCTestCase {
    /// CloudFormation type → Terraform type(s) that together hold the same resources.
    static let typeMap: [String: [String]] = [
        "AWS::EC2::VPC": ["aws_vpc"], "AWS::EC2::InternetGateway": ["aws_internet_gateway"],
        "AWS::EC2::Subnet": ["aws_subnet"], "AWS::EC2::RouteTable": ["aws_route_table"], "AWS::EC2::Route": ["aws_route"],
        "AWS::EC2::SubnetRouteTableAssociation": ["aws_route_table_association"], "AWS::EC2::EIP": ["aws_eip"],
        "AWS::EC2::NatGateway": ["aws_nat_gateway"], "AWS::EC2::VPCEndpoint": ["aws_vpc_endpoint"],
        "AWS::EC2::SecurityGroup": ["aws_security_group"], "AWS::EC2::FlowLog": ["aws_flow_log"],
        "AWS::Logs::LogGroup": ["aws_cloudwatch_log_group"], "AWS::IAM::Role": ["aws_iam_role"],
        "AWS::ECR::Repository": ["aws_ecr_repository"], "AWS::ECS::Cluster": ["aws_ecs_cluster"],
        "AWS::ECS::TaskDefinition": ["aws_ecs_task_definition"], "AWS::ECS::Service": ["aws_ecs_service"],
        "AWS::ApplicationAutoScaling::ScalableTarget": ["aws_appautoscaling_target"],
        "AWS::ApplicationAutoScaling::ScalingPolicy": ["aws_appautoscaling_policy"],
        "AWS::ServiceDiscovery::PrivateDnsNamespace": ["aws_service_discovery_private_dns_namespace"],
        "AWS::ServiceDiscovery::Service": ["aws_service_discovery_service"],
        "AWS::ElasticLoadBalancingV2::LoadBalancer": ["aws_lb"], "AWS::ElasticLoadBalancingV2::TargetGroup": ["aws_lb_target_group"],
        "AWS::ElasticLoadBalancingV2::Listener": ["aws_lb_listener"], "AWS::ElasticLoadBalancingV2::ListenerRule": ["aws_lb_listener_rule"],
        "AWS::WAFv2::WebACL": ["aws_wafv2_web_acl"], "AWS::WAFv2::WebACLAssociation": ["aws_wafv2_web_acl_association"],
        "AWS::CertificateManager::Certificate": ["aws_acm_certificate"],
        "AWS::RDS::DBInstance": ["aws_db_instance", "aws_rds_cluster_instance"], "AWS::RDS::DBCluster": ["aws_rds_cluster"],
        "AWS::RDS::DBSubnetGroup": ["aws_db_subnet_group"], "AWS::RDS::DBParameterGroup": ["aws_db_parameter_group"],
        "AWS::RDS::DBClusterParameterGroup": ["aws_rds_cluster_parameter_group"],
        "AWS::ElastiCache::ReplicationGroup": ["aws_elasticache_replication_group"], "AWS::ElastiCache::CacheCluster": ["aws_elasticache_cluster"],
        "AWS::ElastiCache::SubnetGroup": ["aws_elasticache_subnet_group"],
        "AWS::DocDB::DBCluster": ["aws_docdb_cluster"], "AWS::DocDB::DBInstance": ["aws_docdb_cluster_instance"],
        "AWS::DocDB::DBSubnetGroup": ["aws_docdb_subnet_group"], "AWS::AmazonMQ::Broker": ["aws_mq_broker"],
        "AWS::MSK::Cluster": ["aws_msk_cluster"], "AWS::OpenSearchService::Domain": ["aws_opensearch_domain"],
        "AWS::S3::Bucket": ["aws_s3_bucket"], "AWS::S3::BucketPolicy": ["aws_s3_bucket_policy"],
        "AWS::DynamoDB::Table": ["aws_dynamodb_table"], "AWS::EFS::FileSystem": ["aws_efs_file_system"],
        "AWS::EFS::MountTarget": ["aws_efs_mount_target"], "AWS::EFS::AccessPoint": ["aws_efs_access_point"],
        "AWS::SecretsManager::Secret": ["aws_secretsmanager_secret"], "AWS::SSM::Parameter": ["aws_ssm_parameter"],
        "AWS::KMS::Key": ["aws_kms_key"], "AWS::SNS::Topic": ["aws_sns_topic"], "AWS::SNS::Subscription": ["aws_sns_topic_subscription"],
        "AWS::CloudWatch::Alarm": ["aws_cloudwatch_metric_alarm"], "AWS::CloudWatch::Dashboard": ["aws_cloudwatch_dashboard"],
        "AWS::Budgets::Budget": ["aws_budgets_budget"], "AWS::Events::Rule": ["aws_cloudwatch_event_rule"],
        "AWS::AutoScaling::AutoScalingGroup": ["aws_autoscaling_group"], "AWS::EC2::LaunchTemplate": ["aws_launch_template"],
        "AWS::ECS::CapacityProvider": ["aws_ecs_capacity_provider"], "AWS::IAM::InstanceProfile": ["aws_iam_instance_profile"],
        "AWS::IoT::ThingType": ["aws_iot_thing_type"], "AWS::IoT::Policy": ["aws_iot_policy"],
        "AWS::Batch::ComputeEnvironment": ["aws_batch_compute_environment"], "AWS::Batch::JobQueue": ["aws_batch_job_queue"],
        "AWS::Batch::JobDefinition": ["aws_batch_job_definition"],
        "AWS::IoT::TopicRule": ["aws_iot_topic_rule"], "AWS::SQS::Queue": ["aws_sqs_queue"], "AWS::SQS::QueuePolicy": ["aws_sqs_queue_policy"],
        "AWS::Cognito::UserPool": ["aws_cognito_user_pool"], "AWS::Cognito::UserPoolClient": ["aws_cognito_user_pool_client"],
    ]
    /// Types with no one-to-one counterpart: Terraform folds them into another resource, or the Terraform
    /// output does not hold them yet (its README and `ferry generate` list those).
    static let unmapped: [String: String] = [
        "AWS::EC2::VPCGatewayAttachment": "aws_internet_gateway.vpc_id attaches the gateway",
        "AWS::EC2::SecurityGroupIngress": "compared rule by rule below (inline rules included)",
        "AWS::Route53::RecordSet": "created only with a hosted zone (count) in Terraform, a condition in CloudFormation",
        "AWS::ECS::ClusterCapacityProviderAssociations": "aws_ecs_cluster_capacity_providers, which also holds Fargate Spot (inline on the CloudFormation cluster)",
    ]

    /// Key properties per type: CloudFormation paths and the Terraform paths holding the same values.
    static let properties: [(cfn: String, cfnPaths: [String], tf: String, tfPaths: [String])] = [
        ("AWS::EC2::VPC", ["CidrBlock"], "aws_vpc", ["cidr_block"]),
        ("AWS::Batch::ComputeEnvironment", ["ComputeResources.Type", "ComputeResources.MaxvCpus", "ComputeResources.MinvCpus"],
         "aws_batch_compute_environment", ["compute_resources.type", "compute_resources.max_vcpus", "compute_resources.min_vcpus"]),
        ("AWS::Batch::JobDefinition", ["RetryStrategy.Attempts", "Timeout.AttemptDurationSeconds"],
         "aws_batch_job_definition", ["retry_strategy.attempts", "timeout.attempt_duration_seconds"]),
        ("AWS::EC2::Subnet", ["CidrBlock"], "aws_subnet", ["cidr_block"]),
        ("AWS::SQS::Queue", ["VisibilityTimeout", "MessageRetentionPeriod", "SqsManagedSseEnabled"],
         "aws_sqs_queue", ["visibility_timeout_seconds", "message_retention_seconds", "sqs_managed_sse_enabled"]),
        ("AWS::SNS::Subscription", ["Protocol", "RawMessageDelivery"], "aws_sns_topic_subscription", ["protocol", "raw_message_delivery"]),
        ("AWS::ECS::TaskDefinition", ["Cpu", "Memory"], "aws_ecs_task_definition", ["cpu", "memory"]),
        ("AWS::ECS::Service", ["DesiredCount", "DeploymentConfiguration.DeploymentCircuitBreaker.Enable", "DeploymentConfiguration.MinimumHealthyPercent"],
         "aws_ecs_service", ["desired_count", "deployment_circuit_breaker.enable", "deployment_minimum_healthy_percent"]),
        ("AWS::ApplicationAutoScaling::ScalableTarget", ["MinCapacity", "MaxCapacity"], "aws_appautoscaling_target", ["min_capacity", "max_capacity"]),
        ("AWS::Logs::LogGroup", ["LogGroupName", "RetentionInDays"], "aws_cloudwatch_log_group", ["name", "retention_in_days"]),
        ("AWS::ElasticLoadBalancingV2::TargetGroup", ["Port", "Protocol", "HealthCheckPath"], "aws_lb_target_group", ["port", "protocol", "health_check.path"]),
        ("AWS::ElasticLoadBalancingV2::Listener", ["Port", "Protocol", "SslPolicy"], "aws_lb_listener", ["port", "protocol", "ssl_policy"]),
        ("AWS::ElasticLoadBalancingV2::ListenerRule", ["Priority"], "aws_lb_listener_rule", ["priority"]),
        ("AWS::RDS::DBCluster", ["Engine", "EngineVersion", "StorageEncrypted", "DeletionProtection", "BackupRetentionPeriod"],
         "aws_rds_cluster", ["engine", "engine_version", "storage_encrypted", "deletion_protection", "backup_retention_period"]),
        ("AWS::ElastiCache::ReplicationGroup", ["CacheNodeType", "NumCacheClusters", "AtRestEncryptionEnabled", "TransitEncryptionEnabled", "Port"],
         "aws_elasticache_replication_group", ["node_type", "num_cache_clusters", "at_rest_encryption_enabled", "transit_encryption_enabled", "port"]),
        ("AWS::DocDB::DBCluster", ["StorageEncrypted", "DeletionProtection"], "aws_docdb_cluster", ["storage_encrypted", "deletion_protection"]),
        ("AWS::DynamoDB::Table", ["DeletionProtectionEnabled", "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", "BillingMode"],
         "aws_dynamodb_table", ["deletion_protection_enabled", "point_in_time_recovery.enabled", "billing_mode"]),
        ("AWS::ECR::Repository", ["RepositoryName", "ImageScanningConfiguration.ScanOnPush", "ImageTagMutability"],
         "aws_ecr_repository", ["name", "image_scanning_configuration.scan_on_push", "image_tag_mutability"]),
        ("AWS::SecretsManager::Secret", ["Name"], "aws_secretsmanager_secret", ["name"]),
        ("AWS::SSM::Parameter", ["Name", "Value"], "aws_ssm_parameter", ["name", "value"]),
        ("AWS::CloudWatch::Alarm", ["Namespace", "MetricName", "Threshold", "ComparisonOperator", "Period", "EvaluationPeriods"],
         "aws_cloudwatch_metric_alarm", ["namespace", "metric_name", "threshold", "comparison_operator", "period", "evaluation_periods"]),
        ("AWS::Budgets::Budget", ["Budget.BudgetLimit.Amount"], "aws_budgets_budget", ["limit_amount"]),
        ("AWS::EFS::FileSystem", ["Encrypted", "ThroughputMode"], "aws_efs_file_system", ["encrypted", "throughput_mode"]),
        ("AWS::EFS::AccessPoint", ["RootDirectory.Path", "PosixUser.Uid"], "aws_efs_access_point", ["root_directory.path", "posix_user.uid"]),
        ("AWS::OpenSearchService::Domain", ["ClusterConfig.InstanceType", "EncryptionAtRestOptions.Enabled"], "aws_opensearch_domain", ["cluster_config.instance_type", "encrypt_at_rest.enabled"]),
        ("AWS::MSK::Cluster", ["NumberOfBrokerNodes", "KafkaVersion"], "aws_msk_cluster", ["number_of_broker_nodes", "kafka_version"]),
        ("AWS::AmazonMQ::Broker", ["HostInstanceType", "DeploymentMode"], "aws_mq_broker", ["host_instance_type", "deployment_mode"]),
    ]

    func testEveryStackHasTheSameResourcesAndKeyPropertiesAsCloudFormation() throws {
        var compared = 0
        for stack in try TerraformCorpusTests.allStacks() {
            let project: Project
            do { project = try stack.load() } catch is ComposeError { continue }
            for tier in [Tier.dev, .prod] {
                let blueprint = Planner.plan(project, options: PlanOptions(tier: tier, region: "eu-west-1"))
                let cfn = CloudFormationRenderer.template(for: blueprint).template
                let tf = TerraformRenderer.render(blueprint)
                let failures = Self.differences(cfn, tf, blueprint)
                for failure in failures.prefix(15) { XCTFail("\(stack.slug) \(tier.rawValue): \(failure)") }
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 20)
    }

    /// The comparison is not vacuous: changing one size, one retention or one statement is noticed.
    func testParityNoticesADifference() throws {
        let (blueprint, rendering) = try TerraformRendererTests.shop(.prod)
        let cfn = CloudFormationRenderer.template(for: blueprint).template
        XCTAssertEqual(Self.differences(cfn, rendering, blueprint), [])
        func mutated(_ change: (inout HCLBlock) -> Bool) -> TerraformRenderer.Rendering {
            var copy = rendering
            var done = false
            for f in copy.hcl.indices {
                for b in copy.hcl[f].blocks.indices where !done { done = change(&copy.hcl[f].blocks[b]) }
            }
            XCTAssertTrue(done)
            return copy
        }
        let memory = mutated { block in
            guard block.labels.first == "aws_ecs_task_definition" else { return false }
            block["memory"] = "999"
            return true
        }
        XCTAssertTrue(Self.differences(cfn, memory, blueprint).contains { $0.hasPrefix("aws_ecs_task_definition") })
        let retention = mutated { block in
            guard block.labels.first == "aws_cloudwatch_log_group" else { return false }
            block["retention_in_days"] = 1
            return true
        }
        XCTAssertTrue(Self.differences(cfn, retention, blueprint).contains { $0.hasPrefix("aws_cloudwatch_log_group") })
        let protection = mutated { block in
            guard block.labels.first == "aws_rds_cluster" || block.labels.first == "aws_db_instance" else { return false }
            block["deletion_protection"] = false
            return true
        }
        XCTAssertFalse(Self.differences(cfn, protection, blueprint).isEmpty)
        let policy = mutated { block in
            guard block.labels.first == "aws_iam_role_policy" else { return false }
            block["policy"] = IdentityLayer.document([[HCLAttribute("Effect", "Allow"), HCLAttribute("Action", .strings(["s3:*"])), HCLAttribute("Resource", "*")]])
            return true
        }
        XCTAssertTrue(Self.differences(cfn, policy, blueprint).contains { $0.hasPrefix("IAM statements") })
    }

    static func differences(_ cfn: CFNTemplate, _ tf: TerraformRenderer.Rendering, _ b: Blueprint) -> [String] {
        var out: [String] = []
        let resources = tf.hcl.flatMap(\.blocks).filter { $0.type == "resource" }
        func tfBlocks(_ type: String) -> [HCLBlock] { resources.filter { $0.labels.first == type } }
        let cfnByType = Dictionary(grouping: cfn.resources.values, by: \.type)

        for (type, list) in cfnByType.sorted(by: { $0.key < $1.key }) {
            guard let tfTypes = typeMap[type] else {
                if unmapped[type] == nil { out.append("\(type) has no Terraform counterpart in the parity map") }
                continue
            }
            let count = tfTypes.map { tfBlocks($0).count }.reduce(0, +)
            if count != list.count { out.append("\(list.count) \(type) but \(count) \(tfTypes.joined(separator: "+"))") }
        }
        for (type, _) in typeMap {
            for tfType in typeMap[type]! where cfnByType[type] == nil && !tfBlocks(tfType).isEmpty && type != "AWS::RDS::DBInstance" {
                out.append("\(tfType) in Terraform but no \(type) in CloudFormation")
            }
        }

        for p in properties {
            let left = (cfnByType[p.cfn] ?? []).map { r in p.cfnPaths.map { normalize(cfnValue(r.properties, $0)) }.joined(separator: "|") }.sorted()
            let right = tfBlocks(p.tf).map { block in p.tfPaths.map { normalize(tfValue(block, $0)) }.joined(separator: "|") }.sorted()
            if left != right { out.append("\(p.tf) \(p.tfPaths): CloudFormation \(left) vs Terraform \(right)") }
        }

        // RDS instances (not Aurora members): size, storage, encryption, protection, backups.
        let rds = (cfnByType["AWS::RDS::DBInstance"] ?? []).filter { $0.properties["AllocatedStorage"] != nil }
        let rdsLeft = rds.map { r in ["DBInstanceClass", "AllocatedStorage", "StorageEncrypted", "DeletionProtection", "MultiAZ", "BackupRetentionPeriod", "Port"]
            .map { normalize(cfnValue(r.properties, $0)) }.joined(separator: "|") }.sorted()
        let rdsRight = tfBlocks("aws_db_instance").map { block in ["instance_class", "allocated_storage", "storage_encrypted", "deletion_protection", "multi_az", "backup_retention_period", "port"]
            .map { normalize(tfValue(block, $0)) }.joined(separator: "|") }.sorted()
        if rdsLeft != rdsRight { out.append("aws_db_instance: CloudFormation \(rdsLeft) vs Terraform \(rdsRight)") }

        // Security-group rules, inline ones included: protocol and ports.
        var ingressLeft = (cfnByType["AWS::EC2::SecurityGroupIngress"] ?? []).map { r in
            ["IpProtocol", "FromPort", "ToPort"].map { normalize(cfnValue(r.properties, $0)) }.joined(separator: "|")
        }
        for group in cfnByType["AWS::EC2::SecurityGroup"] ?? [] {
            if case .list(let rules)? = group.properties["SecurityGroupIngress"] {
                for case .map(let rule) in rules { ingressLeft.append(["IpProtocol", "FromPort", "ToPort"].map { normalize(cfnValue(rule, $0)) }.joined(separator: "|")) }
            }
        }
        let ingressRight = tfBlocks("aws_vpc_security_group_ingress_rule").map { block in
            ["ip_protocol", "from_port", "to_port"].map { normalize(tfValue(block, $0)) }.joined(separator: "|")
        }
        if ingressLeft.sorted() != ingressRight.sorted() { out.append("security-group ingress: CloudFormation \(ingressLeft.sorted()) vs Terraform \(ingressRight.sorted())") }

        // Bucket encryption, one algorithm per bucket.
        let sseLeft = (cfnByType["AWS::S3::Bucket"] ?? []).map { normalize(cfnValue($0.properties, "BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm")) }.sorted()
        let sseRight = tfBlocks("aws_s3_bucket_server_side_encryption_configuration").map { normalize(tfValue($0, "rule.apply_server_side_encryption_by_default.sse_algorithm")) }.sorted()
        if sseLeft != sseRight { out.append("bucket encryption: CloudFormation \(sseLeft) vs Terraform \(sseRight)") }

        // Lifecycle rules and their expirations.
        let lifecycleLeft = (cfnByType["AWS::S3::Bucket"] ?? []).flatMap { bucket -> [String] in
            guard case .map(let config)? = bucket.properties["LifecycleConfiguration"], case .list(let rules)? = config["Rules"] else { return [] }
            return rules.compactMap { if case .map(let rule) = $0 { return normalize(cfnValue(rule, "Id")) + "|" + normalize(cfnValue(rule, "ExpirationInDays")) } else { return nil } }
        }.sorted()
        let lifecycleRight = tfBlocks("aws_s3_bucket_lifecycle_configuration").flatMap { block in
            block.blocks.filter { $0.type == "rule" }.map { normalize(tfValue($0, "id")) + "|" + normalize(tfValue($0, "expiration.days")) }
        }.sorted()
        if lifecycleLeft != lifecycleRight { out.append("bucket lifecycle: CloudFormation \(lifecycleLeft) vs Terraform \(lifecycleRight)") }

        // IAM: the same statements (effect and actions) in the roles' inline policies.
        let policyLeft = (cfnByType["AWS::IAM::Role"] ?? []).flatMap { role -> [String] in
            guard case .list(let policies)? = role.properties["Policies"] else { return [] }
            return policies.flatMap { policy -> [String] in
                guard case .map(let p) = policy, case .map(let document)? = p["PolicyDocument"], case .list(let statements)? = document["Statement"] else { return [] }
                return statements.compactMap { if case .map(let s) = $0 { return normalize(cfnValue(s, "Effect")) + ":" + cfnActions(s["Action"]) } else { return nil } }
            }
        }.sorted()
        let policyRight = (tfBlocks("aws_iam_role_policy")).flatMap { block -> [String] in
            guard case .call(_, let arguments)? = block.attribute("policy"), case .object(let document)? = arguments.first,
                  case .list(let statements)? = document.first(where: { $0.name == "Statement" })?.value else { return [] }
            return statements.compactMap { statement -> String? in
                guard case .object(let attributes) = statement else { return nil }
                let effect = attributes.first { $0.name == "Effect" }.map { normalize(text($0.value)) } ?? ""
                return effect + ":" + tfActions(attributes.first { $0.name == "Action" }?.value)
            }
        }.sorted()
        if policyLeft != policyRight { out.append("IAM statements: CloudFormation \(policyLeft.count) vs Terraform \(policyRight.count): \(Set(policyLeft).symmetricDifference(policyRight).sorted().prefix(4))") }

        // Tags: every CloudFormation resource's tags are the provider's default_tags.
        let defaultTags = tf.hcl.first { $0.path == "providers.tf" }?.blocks.first?.blocks.first { $0.type == "default_tags" }?.attribute("tags")
        let tags = AWSRules.tags(b).map { HCLAttribute($0.key, .string($0.value)) }
        if defaultTags != .object(tags) { out.append("default_tags \(String(describing: defaultTags)) are not the Blueprint's tags") }
        if let vpc = cfnByType["AWS::EC2::VPC"]?.first, case .list(let list)? = vpc.properties["Tags"] {
            let cfnTags = list.compactMap { item -> String? in
                guard case .map(let m) = item else { return nil }
                return normalize(cfnValue(m, "Key")) + "=" + normalize(cfnValue(m, "Value"))
            }
            if cfnTags != tags.map({ "\($0.name)=\(normalize(text($0.value)))" }) { out.append("tags: CloudFormation \(cfnTags) vs Terraform default_tags") }
        }
        return out
    }

    // MARK: reading values

    static func cfnValue(_ properties: [String: CFNValue], _ path: String) -> String {
        var current: CFNValue? = .map(properties)
        for key in path.split(separator: ".").map(String.init) {
            switch current {
            case .map(let m)?: current = m[key]
            case .list(let items)?: current = Int(key).flatMap { $0 < items.count ? items[$0] : nil }
            default: current = nil
            }
        }
        switch current {
        case .string(let s)?: return s
        case .int(let i)?: return String(i)
        case .bool(let b)?: return b ? "true" : "false"
        case nil: return ""
        default: return "<expr>"
        }
    }

    static func tfValue(_ block: HCLBlock, _ path: String) -> String {
        let keys = path.split(separator: ".").map(String.init)
        var current = block
        for key in keys.dropLast() {
            guard let next = current.blocks.first(where: { $0.type == key }) else { return "" }
            current = next
        }
        return current.attribute(keys.last!).map(text) ?? ""
    }

    static func text(_ value: HCLValue) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .template(let parts):
            // `${local.name_prefix}-x` stands for CloudFormation's `${AWS::StackName}-x`: both are expressions.
            return parts.allSatisfy { if case .text = $0 { return true } else { return false } } ? "" : "<expr>"
        default: return "<expr>"
        }
    }

    /// Numbers compare by value (`"20"` and `20`, `50` and `"50.00"`).
    static func normalize(_ text: String) -> String {
        if let number = Double(text), !text.isEmpty, text.first?.isNumber == true { return String(number) }
        return text
    }

    static func cfnActions(_ value: CFNValue?) -> String {
        switch value {
        case .string(let s)?: return s
        case .list(let items)?: return items.map { if case .string(let s) = $0 { return s } else { return "?" } }.sorted().joined(separator: ",")
        default: return ""
        }
    }

    static func tfActions(_ value: HCLValue?) -> String {
        switch value {
        case .string(let s)?: return s
        case .list(let items)?: return items.map(text).sorted().joined(separator: ",")
        default: return ""
        }
    }
}
