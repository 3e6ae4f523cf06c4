import Blueprint
import Foundation
import Renderers

/// The Terraform ferry renders, read as the resources the policy checks look at, so `ferry check
/// --target terraform` runs the same checks (with the same checkov ids) over the Terraform output: each
/// `aws_*` resource becomes the CloudFormation resource it stands for, its arguments the properties the
/// checks read, and what Terraform spreads over several resources (a bucket's encryption, public access
/// block and versioning; default tags) is gathered back onto one.
extension TemplateDocument {
    public init(terraform files: [HCLFile], origin: String = "generated Terraform") {
        let blocks = files.flatMap(\.blocks)
        let resources = blocks.filter { $0.type == "resource" && $0.labels.count == 2 }
        var tags: [TemplateValue] = []
        if let provider = blocks.first(where: { $0.type == "provider" }),
           case .object(let attributes)? = provider.blocks.first(where: { $0.type == "default_tags" })?.attribute("tags") {
            tags = attributes.map { .object(["Key": .string($0.name), "Value": TerraformTemplate.json($0.value)]) }
        }
        var byID: [String: Resource] = [:]
        var extras: [(target: String, key: String, value: TemplateValue)] = []
        for block in resources {
            let id = block.labels.joined(separator: ".")
            let (type, label) = (block.labels[0], block.labels[1])
            if let (key, value) = TerraformTemplate.bucketPart(type, block) {
                extras.append(("aws_s3_bucket.\(label)", key, value))
                continue
            }
            if type == "aws_efs_backup_policy" {
                extras.append(("aws_efs_file_system.\(label)", "BackupPolicy", .object(["Status": TerraformTemplate.json(block.blocks.first?.attribute("status") ?? "")])))
                continue
            }
            if type == "aws_secretsmanager_secret_version" {
                if let value = block.attribute("secret_string") { extras.append(("aws_secretsmanager_secret.\(label)", "SecretString", TerraformTemplate.json(value))) }
                continue
            }
            guard let cfnType = TerraformTemplate.types[type] else { continue }
            var properties = TerraformTemplate.properties(type, block)
            if !tags.isEmpty, !TerraformTemplate.untagged.contains(type) { properties["Tags"] = .array(tags) }
            // Terraform replaces by destroying first: the same final snapshot or refusal applies.
            let policy = TerraformTemplate.deletionPolicy(type, block)
            byID[id] = Resource(logicalID: id, type: cfnType, properties: .object(properties),
                                deletionPolicy: policy, updateReplacePolicy: policy,
                                metadata: .object([:]))
        }
        for extra in extras {
            guard var resource = byID[extra.target], case .object(var properties) = resource.properties else { continue }
            properties[extra.key] = extra.value
            resource.properties = .object(properties)
            byID[extra.target] = resource
        }
        // Image-tag variables are the template's `…ImageTag` parameters.
        var parameters: [String: TemplateValue] = [:]
        for variable in blocks where variable.type == "variable" {
            guard let name = variable.labels.first, name.hasSuffix("_image_tag") else { continue }
            parameters[TerraformTemplate.pascal(name)] = .object(["Default": variable.attribute("default").map { TerraformTemplate.json($0) } ?? .null])
        }
        self.init(resources: byID.values.sorted { $0.logicalID < $1.logicalID }, parameters: parameters, origin: origin)
    }
}

enum TerraformTemplate {
    /// Terraform type → the CloudFormation type the checks know it by.
    static let types: [String: String] = [
        "aws_db_instance": "AWS::RDS::DBInstance", "aws_rds_cluster_instance": "AWS::RDS::DBInstance", "aws_rds_cluster": "AWS::RDS::DBCluster",
        "aws_docdb_cluster": "AWS::DocDB::DBCluster", "aws_docdb_cluster_instance": "AWS::DocDB::DBInstance",
        "aws_elasticache_replication_group": "AWS::ElastiCache::ReplicationGroup", "aws_elasticache_cluster": "AWS::ElastiCache::CacheCluster",
        "aws_s3_bucket": "AWS::S3::Bucket", "aws_dynamodb_table": "AWS::DynamoDB::Table", "aws_efs_file_system": "AWS::EFS::FileSystem",
        "aws_lb": "AWS::ElasticLoadBalancingV2::LoadBalancer", "aws_lb_listener": "AWS::ElasticLoadBalancingV2::Listener",
        "aws_lb_target_group": "AWS::ElasticLoadBalancingV2::TargetGroup", "aws_wafv2_web_acl_association": "AWS::WAFv2::WebACLAssociation",
        "aws_ecs_cluster": "AWS::ECS::Cluster", "aws_ecs_service": "AWS::ECS::Service", "aws_ecs_task_definition": "AWS::ECS::TaskDefinition",
        "aws_ecr_repository": "AWS::ECR::Repository", "aws_cloudwatch_log_group": "AWS::Logs::LogGroup",
        "aws_cloudwatch_metric_alarm": "AWS::CloudWatch::Alarm", "aws_iam_role": "AWS::IAM::Role", "aws_iam_role_policy": "AWS::IAM::RolePolicy",
        "aws_security_group": "AWS::EC2::SecurityGroup", "aws_vpc_security_group_ingress_rule": "AWS::EC2::SecurityGroupIngress",
        "aws_secretsmanager_secret": "AWS::SecretsManager::Secret", "aws_ssm_parameter": "AWS::SSM::Parameter", "aws_vpc": "AWS::EC2::VPC",
        "aws_subnet": "AWS::EC2::Subnet", "aws_sns_topic": "AWS::SNS::Topic", "aws_kms_key": "AWS::KMS::Key",
        "aws_mq_broker": "AWS::AmazonMQ::Broker", "aws_msk_cluster": "AWS::MSK::Cluster", "aws_opensearch_domain": "AWS::OpenSearchService::Domain",
        "aws_efs_access_point": "AWS::EFS::AccessPoint", "aws_appautoscaling_target": "AWS::ApplicationAutoScaling::ScalableTarget",
        "aws_budgets_budget": "AWS::Budgets::Budget", "aws_nat_gateway": "AWS::EC2::NatGateway", "aws_internet_gateway": "AWS::EC2::InternetGateway",
        "aws_route_table": "AWS::EC2::RouteTable", "aws_eip": "AWS::EC2::EIP", "aws_vpc_endpoint": "AWS::EC2::VPCEndpoint",
        "aws_service_discovery_service": "AWS::ServiceDiscovery::Service", "aws_service_discovery_private_dns_namespace": "AWS::ServiceDiscovery::PrivateDnsNamespace",
        "aws_wafv2_web_acl": "AWS::WAFv2::WebACL", "aws_cloudwatch_dashboard": "AWS::CloudWatch::Dashboard",
        "aws_iot_policy": "AWS::IoT::Policy", "aws_iot_thing_type": "AWS::IoT::ThingType",
    ]
    /// Types that take no tags (as CloudFormation's equivalents).
    static let untagged: Set<String> = ["aws_iam_role_policy", "aws_vpc_security_group_ingress_rule", "aws_cloudwatch_dashboard", "aws_efs_access_point"]

    /// snake_case → PascalCase, with the spellings CloudFormation uses where they differ.
    static let renames: [String: String] = [
        "multi_az": "MultiAZ", "multi_az_enabled": "MultiAZEnabled", "cidr_ipv4": "CidrIp", "cidr_ipv6": "CidrIpv6",
        "ip_protocol": "IpProtocol", "kms_key_id": "KmsKeyId", "kms_master_key_id": "KmsMasterKeyId",
        "load_balancer": "LoadBalancers", "default_action": "DefaultActions", "setting": "ClusterSettings", "volume": "Volumes",
        "efs_volume_configuration": "EFSVolumeConfiguration", "redirect": "RedirectConfig", "fixed_response": "FixedResponseConfig",
        "cluster_identifier": "DBClusterIdentifier", "node_type": "CacheNodeType", "alarm_actions": "AlarmActions",
        "container_definitions": "ContainerDefinitions", "resource_arn": "ResourceArn", "load_balancer_arn": "LoadBalancerArn",
        "service_registries": "ServiceRegistries", "task_definition": "TaskDefinition",
    ]
    /// Nested blocks CloudFormation writes as lists.
    static let listBlocks: Set<String> = ["load_balancer", "default_action", "setting", "volume", "service_registries"]

    static func pascal(_ name: String) -> String {
        if let renamed = renames[name] { return renamed }
        return name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func properties(_ type: String, _ block: HCLBlock) -> [String: TemplateValue] {
        var out: [String: TemplateValue] = [:]
        for attribute in block.attributes where !["count", "for_each", "depends_on", "provider"].contains(attribute.name) {
            let pascalKeys = attribute.name == "container_definitions"
            out[pascal(attribute.name)] = json(attribute.value, pascalKeys: pascalKeys)
        }
        var lists: [String: [TemplateValue]] = [:]
        for nested in block.blocks where nested.type != "lifecycle" && nested.type != "dynamic" {
            let value = TemplateValue.object(properties(type, nested))
            if listBlocks.contains(nested.type) { lists[pascal(nested.type), default: []].append(value) } else { out[pascal(nested.type)] = value }
        }
        for (key, values) in lists { out[key] = .array(values) }
        switch type {
        case "aws_db_instance", "aws_rds_cluster_instance", "aws_docdb_cluster_instance":
            if type == "aws_db_instance" { out["DBClusterIdentifier"] = nil }
        case "aws_lb":
            out["Type"] = out["LoadBalancerType"]
            out["Scheme"] = .string(block.attribute("internal") == .bool(true) ? "internal" : "internet-facing")
            out["LoadBalancerAttributes"] = .array([.object(["Key": .string("routing.http.drop_invalid_header_fields.enabled"),
                                                            "Value": .string(block.attribute("drop_invalid_header_fields") == .bool(true) ? "true" : "false")])])
        case "aws_lb_listener":
            if let certificate = block.attribute("certificate_arn") { out["Certificates"] = .array([.object(["CertificateArn": json(certificate)])]) }
        case "aws_lb_target_group":
            let enabled = block.blocks.first { $0.type == "health_check" }?.attribute("enabled")
            out["HealthCheckEnabled"] = enabled.map { json($0) } ?? .bool(true)
        case "aws_ecs_service":
            if let network = out["NetworkConfiguration"], case .object(var awsvpc) = network {
                awsvpc["AssignPublicIp"] = .string(awsvpc["AssignPublicIp"]?.bool == true ? "ENABLED" : "DISABLED")
                out["NetworkConfiguration"] = .object(["AwsvpcConfiguration": .object(awsvpc)])
            }
        case "aws_iot_policy":
            out["PolicyDocument"] = out["Policy"]
            out["PolicyName"] = out["Name"]
        case "aws_iam_role_policy":
            out["PolicyName"] = out["Name"]
            out["PolicyDocument"] = out["Policy"]
        default: break
        }
        return out
    }

    /// What Terraform keeps when the configuration goes: a final snapshot, or a resource that refuses to
    /// be deleted while it holds data (the CloudFormation output's Snapshot and Retain policies).
    static func deletionPolicy(_ type: String, _ block: HCLBlock) -> String? {
        switch type {
        case "aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster":
            return block.attribute("skip_final_snapshot") == .bool(false) && block.attribute("final_snapshot_identifier") != nil ? "Snapshot" : nil
        case "aws_elasticache_replication_group":
            return block.attribute("final_snapshot_identifier") != nil ? "Snapshot" : nil
        case "aws_s3_bucket", "aws_ecr_repository":
            return block.attribute("force_destroy") == .bool(false) || block.attribute("force_delete") == .bool(false) ? "Retain" : nil
        case "aws_dynamodb_table":
            return block.attribute("deletion_protection_enabled") == .bool(true) ? "Retain" : nil
        case "aws_efs_file_system":
            let prevented = block.blocks.first { $0.type == "lifecycle" }?.attribute("prevent_destroy") == .bool(true)
            return prevented ? "Retain" : nil
        default: return nil
        }
    }

    /// The bucket settings Terraform keeps in resources of their own, as the bucket property they stand for.
    static func bucketPart(_ type: String, _ block: HCLBlock) -> (String, TemplateValue)? {
        switch type {
        case "aws_s3_bucket_server_side_encryption_configuration":
            let rule = block.blocks.first { $0.type == "rule" }
            let algorithm = rule?.blocks.first { $0.type == "apply_server_side_encryption_by_default" }?.attribute("sse_algorithm")
            return ("BucketEncryption", .object(["ServerSideEncryptionConfiguration": .array([.object([
                "ServerSideEncryptionByDefault": .object(["SSEAlgorithm": json(algorithm ?? "")]),
            ])])]))
        case "aws_s3_bucket_public_access_block":
            var flags: [String: TemplateValue] = [:]
            for name in ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] {
                flags[pascal(name)] = json(block.attribute(name) ?? false)
            }
            return ("PublicAccessBlockConfiguration", .object(flags))
        case "aws_s3_bucket_versioning":
            return ("VersioningConfiguration", .object(["Status": json(block.blocks.first?.attribute("status") ?? "")]))
        default: return nil
        }
    }

    /// An HCL value as the JSON the checks read: references as `Fn::GetAtt` / `Ref`, templates as `Fn::Sub`.
    static func json(_ value: HCLValue, pascalKeys: Bool = false) -> TemplateValue {
        switch value {
        case .string(let s): return .string(s)
        case .number(let n): return .number(Double(n) ?? 0)
        case .bool(let b): return .bool(b)
        case .expression(let e):
            let parts = e.split(separator: ".").map(String.init)
            if parts.count >= 3, parts[0].hasPrefix("aws_") { return .object(["Fn::GetAtt": .array([.string(parts[0] + "." + parts[1]), .string(parts[2])])]) }
            if parts.count == 2, parts[0] == "var" { return .object(["Ref": .string(parts[1])]) }
            return .object(["Ref": .string(e)])
        case .template(let template):
            return .object(["Fn::Sub": .string(template.map { part in
                switch part {
                case .text(let t): return t
                case .interpolation(let e): return "${\(e)}"
                }
            }.joined())])
        case .list(let items): return .array(items.map { json($0, pascalKeys: pascalKeys) })
        case .object(let attributes):
            var out: [String: TemplateValue] = [:]
            for a in attributes {
                let key = pascalKeys && a.name.allSatisfy({ $0.isLetter || $0.isNumber }) ? a.name.prefix(1).uppercased() + a.name.dropFirst() : a.name
                out[key] = json(a.value, pascalKeys: pascalKeys && a.name != "options")
            }
            return .object(out)
        case .call(_, let arguments): return arguments.first.map { json($0, pascalKeys: pascalKeys) } ?? .null
        }
    }
}

extension TemplateDocument {
    init(resources: [Resource], parameters: [String: TemplateValue], origin: String) {
        self.resources = resources
        self.parameters = parameters
        self.origin = origin
    }
}
