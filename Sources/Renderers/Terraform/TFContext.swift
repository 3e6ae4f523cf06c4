import Blueprint

/// A value a Blueprint reference stands for in Terraform: known text, or an expression.
enum TFValue: Equatable {
    case literal(String)
    case expression(String)

    var hcl: HCLValue {
        switch self {
        case .literal(let text): return .string(text)
        case .expression(let expression): return .expression(expression)
        }
    }

    var templatePart: HCLTemplatePart {
        switch self {
        case .literal(let text): return .text(text)
        case .expression(let expression): return .interpolation(expression)
        }
    }
}

/// A `variable` block ferry declares.
struct TFVariable {
    var name: String
    var type: String
    var description: String
    var defaultValue: HCLValue?
    var sensitive = false
    var validation: (condition: String, message: String)?
    /// A value for `terraform.tfvars.example` (never a secret).
    var example: HCLValue?
}

/// State shared by the layer renderers while one Blueprint is rendered to Terraform: the Blueprint, the
/// blocks of each file, the variables and outputs, and inconsistencies found (reported, never guessed).
final class TFContext {
    let blueprint: Blueprint
    var files: [String: [HCLBlock]] = [:]
    var variables: [String: TFVariable] = [:]
    var outputs: [HCLBlock] = []
    var problems: [String] = []
    /// Blueprint elements this renderer does not write yet: listed in the README and by `ferry generate`.
    var unsupported: [String] = []
    /// Data sources the expressions used (`aws_caller_identity`, `aws_partition`, `aws_availability_zones`).
    var dataSources: Set<String> = []

    init(_ blueprint: Blueprint) { self.blueprint = blueprint }

    /// `project-environment`: the CloudFormation output's stack name, so both targets name things alike.
    var namePrefix: String { "\(blueprint.project)-\(blueprint.environment)" }

    func add(_ file: String, _ block: HCLBlock) { files[file, default: []].append(block) }

    func resource(_ file: String, _ type: String, _ name: String, _ build: (inout HCLBlock) -> Void) {
        add(file, HCLBlock.make("resource", [type, name], build))
    }

    func problem(_ text: String) { problems.append(text) }
    func unsupported(_ text: String) { if !unsupported.contains(text) { unsupported.append(text) } }

    func variable(_ v: TFVariable) { if variables[v.name] == nil { variables[v.name] = v } }

    // MARK: account, partition, region

    var partition: String { "data.aws_partition.current.partition" }
    var accountID: String { "data.aws_caller_identity.current.account_id" }
    var region: String { "var.region" }
    /// Physical names derive from `local.name_prefix` (project-environment), as the CloudFormation output's
    /// derive from the stack name, so two environments of one project never collide.
    func scoped(_ suffix: String) -> HCLValue { .template([.interpolation("local.name_prefix"), .text("-" + suffix)]) }

    func arnPrefix(_ service: String) -> [HCLTemplatePart] {
        dataSources.insert("aws_partition")
        dataSources.insert("aws_caller_identity")
        return [.text("arn:"), .interpolation(partition), .text(":\(service):"), .interpolation(region), .text(":"), .interpolation(accountID), .text(":")]
    }

    // MARK: labels

    func label(_ name: String) -> String { TFNames.label(name) }

    /// A repository is named `project/workload`: its label is the workload's.
    func repositoryLabel(_ name: String) -> String {
        blueprint.repositories.first { $0.name == name }.map { TFNames.label($0.workload) } ?? TFNames.label(name)
    }

    static func join(_ parts: [HCLTemplatePart]) -> HCLValue {
        if parts.count == 1, case .interpolation(let e) = parts[0] { return .expression(e) }
        if parts.allSatisfy({ if case .text = $0 { return true } else { return false } }) {
            return .string(parts.map { if case .text(let t) = $0 { return t } else { return "" } }.joined())
        }
        return .template(parts)
    }

    // MARK: references

    /// The Terraform value a Blueprint reference stands for; attributes as in `CFNContext.resolve`.
    func resolve(_ ref: ResourceReference) -> TFValue {
        let b = blueprint
        let attribute = ref.attribute ?? "arn"
        let l = label(ref.name)
        switch ref.kind {
        case .arn:
            if !ref.name.hasPrefix("arn:"), ref.name != "*",
               let owner = b.workloads.first(where: { $0.image.pullCredentialsSecret == ref.name }) {
                return .expression("var.\(Self.pullCredentialsVariable(owner))")
            }
            return ref.name.contains("${AWS::") ? .expression(Self.inline(pseudoParameters(ref.name))) : .literal(ref.name)
        case .bucket:
            guard b.bucket(named: ref.name) != nil else { return missing(ref) }
            switch attribute {
            case "name", "id": return .expression("aws_s3_bucket.\(l).id")
            case "objects": return .expression("\"${aws_s3_bucket.\(l).arn}/*\"")
            case "endpoint", "dns", "host": return .expression("aws_s3_bucket.\(l).bucket_regional_domain_name")
            case "url": return .expression("\"https://${aws_s3_bucket.\(l).bucket_regional_domain_name}\"")
            default: return .expression("aws_s3_bucket.\(l).arn")
            }
        case .table:
            guard b.table(named: ref.name) != nil else { return missing(ref) }
            switch attribute {
            case "name", "id": return .expression("aws_dynamodb_table.\(l).name")
            case "index": return .expression("\"${aws_dynamodb_table.\(l).arn}/index/*\"")
            default: return .expression("aws_dynamodb_table.\(l).arn")
            }
        case .secret:
            guard let spec = b.secret(named: ref.name) else { return missing(ref) }
            return attribute == "name" ? .literal(spec.secretName) : secretARN(spec)
        case .parameter:
            guard let spec = b.parameter(named: ref.name) else { return missing(ref) }
            let p = label(spec.name)
            switch attribute {
            case "name", "id": return .expression("aws_ssm_parameter.\(p).name")
            case "value": return .expression("aws_ssm_parameter.\(p).value")
            default: return .expression("aws_ssm_parameter.\(p).arn")
            }
        case .logGroup:
            guard b.logGroups.contains(where: { $0.name == ref.name }) else { return missing(ref) }
            return .expression("aws_cloudwatch_log_group.\(l).\(attribute == "name" || attribute == "id" ? "name" : "arn")")
        case .dataStore:
            guard let store = b.dataStore(named: ref.name) else { return missing(ref) }
            return dataStoreValue(store, attribute: attribute)
        case .workload:
            guard let workload = b.workload(named: ref.name) else { return missing(ref) }
            return workloadValue(workload, attribute: attribute)
        case .loadBalancer where ref.name == "network":
            guard b.networkLoadBalancer != nil else { return missing(ref) }
            return .expression(attribute == "arn" ? "aws_lb.network.arn" : "aws_lb.network.dns_name")
        case .loadBalancer:
            guard let lb = b.loadBalancer else { return missing(ref) }
            switch attribute {
            case "dns", "endpoint", "host": return .expression(loadBalancerDNSName)
            case "url":
                if let domain = lb.domain { return .literal("https://\(domain)") }
                return .expression("\"https://${\(loadBalancerDNSName)}\"")
            case "fullName", "full-name": return .expression(loadBalancerFullName)
            default: return .expression(loadBalancerARN)
            }
        case .topic:
            guard b.alarmTopic != nil else { return missing(ref) }
            return .expression(attribute == "name" ? "aws_sns_topic.alarms.name" : "aws_sns_topic.alarms.arn")
        case .iotTopic:
            let kind = attribute == "filter" || attribute == "topicfilter" ? "topicfilter" : "topic"
            return .expression(Self.inline(arnPrefix("iot") + [.text("\(kind)/\(ref.name)")]))
        case .iotClient:
            if attribute == "endpoint" {
                variable(TFVariable(name: "iot_endpoint", type: "string",
                                    description: "The account's AWS IoT data endpoint: aws iot describe-endpoint --endpoint-type iot:Data-ATS"))
                return .expression("var.iot_endpoint")
            }
            return .expression(Self.inline(arnPrefix("iot") + [.text("client/\(ref.name)")]))
        case .repository:
            guard b.repositories.contains(where: { $0.name == ref.name }) else { return missing(ref) }
            let l = repositoryLabel(ref.name)
            switch attribute {
            case "uri", "url": return .expression("aws_ecr_repository.\(l).repository_url")
            case "name", "id": return .expression("aws_ecr_repository.\(l).name")
            default: return .expression("aws_ecr_repository.\(l).arn")
            }
        case .namespace:
            guard let namespace = b.serviceDiscovery else { return missing(ref) }
            switch attribute {
            case "id": return .expression("aws_service_discovery_private_dns_namespace.main.id")
            case "name", "dns": return .literal(namespace.name)
            default: return .expression("aws_service_discovery_private_dns_namespace.main.arn")
            }
        case .cluster:
            guard b.cluster != nil else { return missing(ref) }
            return .expression(attribute == "name" || attribute == "id" ? clusterName : clusterARN)
        case .fileSystem:
            guard b.fileSystem(named: ref.name) != nil else { return missing(ref) }
            return .expression("aws_efs_file_system.\(l).\(attribute == "id" ? "id" : "arn")")
        case .accessPoint:
            guard b.fileSystems.contains(where: { fs in fs.accessPoints.contains { $0.name == ref.name } }) else { return missing(ref) }
            return .expression("aws_efs_access_point.\(l).\(attribute == "id" ? "id" : "arn")")
        case .userPool:
            guard b.userPools?.contains(where: { $0.name == ref.name }) ?? false else { return missing(ref) }
            switch attribute {
            case "id": return .expression("aws_cognito_user_pool.\(l).id")
            case "client": return .expression("aws_cognito_user_pool_client.\(l).id")
            default: return .expression("aws_cognito_user_pool.\(l).arn")
            }
        case .messageTopic:
            guard b.messageTopic(named: ref.name) != nil else { return missing(ref) }
            return .expression("aws_sns_topic.\(l).\(attribute == "name" ? "name" : "arn")")
        case .queue:
            guard b.subscription(named: ref.name) != nil else { return missing(ref) }
            switch attribute {
            case "url", "id": return .expression("aws_sqs_queue.\(l).url")
            case "name": return .expression("aws_sqs_queue.\(l).name")
            case "deadLetterArn": return .expression("aws_sqs_queue.\(l)_dlq.arn")
            default: return .expression("aws_sqs_queue.\(l).arn")
            }
        }
    }

    /// An ARN written with CloudFormation's pseudo parameters (`${AWS::Region}`, as Docker's ECS integration
    /// took them in `x-aws-role`), in Terraform's terms; any other `${…}` stays literal text.
    func pseudoParameters(_ text: String) -> [HCLTemplatePart] {
        let values = ["AWS::Region": region, "AWS::AccountId": accountID, "AWS::Partition": partition]
        if text.contains("${AWS::AccountId}") { dataSources.insert("aws_caller_identity") }
        if text.contains("${AWS::Partition}") { dataSources.insert("aws_partition") }
        var parts: [HCLTemplatePart] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "${AWS::"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            let name = String(rest[rest.index(open.lowerBound, offsetBy: 2)..<close])
            parts.append(.text(String(rest[..<open.lowerBound])))
            if let value = values[name] { parts.append(.interpolation(value)) } else { parts.append(.text("${\(name)}")) }
            rest = rest[rest.index(after: close)...]
        }
        parts.append(.text(String(rest)))
        return parts.filter { if case .text(let t) = $0 { return !t.isEmpty } else { return true } }
    }

    /// A template's parts as one quoted HCL string expression (for `TFValue.expression`).
    static func inline(_ parts: [HCLTemplatePart]) -> String {
        HCLEmitter.value(.template(parts), indent: 0)
    }

    private func missing(_ ref: ResourceReference) -> TFValue {
        problem("reference to \(ref.kind.rawValue) \(ref.name) which the Blueprint does not define")
        return .literal(ref.name)
    }

    static func pullCredentialsVariable(_ w: Workload) -> String { TFNames.label(w.name) + "_pull_credentials_arn" }

    var clusterName: String {
        blueprint.cluster?.existingClusterName != nil ? "var.ecs_cluster_name" : "aws_ecs_cluster.main.name"
    }
    var clusterARN: String {
        blueprint.cluster?.existingClusterName != nil ? "data.aws_ecs_cluster.existing.arn" : "aws_ecs_cluster.main.arn"
    }
    var loadBalancerARN: String {
        blueprint.loadBalancer?.existingLoadBalancerArn != nil ? "var.load_balancer_arn" : "aws_lb.public.arn"
    }
    var loadBalancerDNSName: String {
        blueprint.loadBalancer?.existingLoadBalancerArn != nil ? "data.aws_lb.existing.dns_name" : "aws_lb.public.dns_name"
    }
    var loadBalancerFullName: String {
        blueprint.loadBalancer?.existingLoadBalancerArn != nil ? "data.aws_lb.existing.arn_suffix" : "aws_lb.public.arn_suffix"
    }
    var vpcID: String { blueprint.network.existingVpcId != nil ? "var.vpc_id" : "aws_vpc.main.id" }

    /// The ARN of a secret: ours, or the one RDS manages for `manage_master_user_password`.
    func secretARN(_ spec: SecretSpec) -> TFValue {
        if case .managed(let owner) = spec.generation {
            guard let store = blueprint.dataStores.first(where: { $0.credentialsSecret == spec.name })
                ?? blueprint.dataStore(named: owner) else {
                problem("secret \(spec.name) is managed by \(owner), but no data store uses it")
                return .literal(spec.secretName)
            }
            if AWSRules.exposesManagedSecret(store) { return .expression(managedSecretARN(store)) }
        }
        return .expression("aws_secretsmanager_secret.\(label(spec.name)).arn")
    }

    func managedSecretARN(_ store: DataStore) -> String {
        "\(DataStoreLayer.resourceType(store)).\(label(store.name)).master_user_secret[0].secret_arn"
    }

    func dataStoreValue(_ store: DataStore, attribute: String) -> TFValue {
        let ref = "\(DataStoreLayer.resourceType(store)).\(label(store.name))"
        switch attribute {
        case "port": return .literal(String(store.port))
        case "name", "id": return .expression("\(ref).id")
        case "database": return .literal(store.databaseName ?? "")
        case "username": return .literal(store.masterUsername ?? "")
        case "reader-endpoint", "readerEndpoint":
            return store.kind.isAurora ? .expression("\(ref).reader_endpoint") : .expression(DataStoreLayer.address(store, ref))
        case "endpoint", "dns", "host", "address": return .expression(DataStoreLayer.address(store, ref))
        case "secret":
            return AWSRules.exposesManagedSecret(store) ? .expression(managedSecretARN(store))
                : .expression("aws_secretsmanager_secret.\(label(store.credentialsSecret ?? store.name)).arn")
        default:
            return .expression("\(ref).arn")
        }
    }

    func workloadValue(_ workload: Workload, attribute: String) -> TFValue {
        let host = workload.discoveryName.flatMap { name in blueprint.serviceDiscovery.map { "\(name).\($0.name)" } }
            ?? workload.shortName
        let l = label(workload.name)
        switch attribute {
        case "endpoint", "dns", "host": return .literal(host)
        case "port": return .literal(workload.primaryPort.map(String.init) ?? "")
        case "url": return .literal("http://\(host)" + (workload.primaryPort.map { ":\($0)" } ?? ""))
        case "name", "id":
            return .expression(workload.target.isECSService ? "aws_ecs_service.\(l).name" : "aws_ecs_task_definition.\(l).family")
        case "taskDefinition": return .expression("aws_ecs_task_definition.\(l).arn")
        case "executionRole": return .expression("aws_iam_role.\(TFNames.label(workload.executionRole)).arn")
        case "networkConfiguration":
            let subnets = "join(\",\", \(NetworkLayer.subnetList(self, .private)))"
            let group = workload.securityGroup.map { "aws_security_group.\(label($0)).id" } ?? "\"\""
            return .expression("\"awsvpcConfiguration={subnets=[${\(subnets)}],securityGroups=[${\(group)}],assignPublicIp=DISABLED}\"")
        default:
            return .expression(workload.target.isECSService ? "aws_ecs_service.\(l).id" : "aws_ecs_task_definition.\(l).arn")
        }
    }

    /// A Blueprint template string whose `{key}` placeholders name `parts`, as an HCL string template.
    /// With `secretValues`, a secret part stands for the secret's value (composed secrets only).
    func substitute(_ text: String, parts: [String: ResourceReference], secretValues: Bool = false) -> HCLValue {
        var out: [HCLTemplatePart] = []
        var rest = Substring(text)
        func literal(_ s: some StringProtocol) {
            if case .text(let previous)? = out.last { out[out.count - 1] = .text(previous + s) } else { out.append(.text(String(s))) }
        }
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let key = String(rest[rest.index(after: open)..<close])
            literal(rest[..<open])
            if let ref = parts[key] {
                if secretValues, ref.kind == .secret, let spec = blueprint.secret(named: ref.name) {
                    out.append(.interpolation(ConfigurationLayer.secretValue(self, spec, key: ref.attribute)))
                } else {
                    switch resolve(ref) {
                    case .literal(let s): literal(s)
                    case .expression(let e): out.append(.interpolation(Self.unquote(e)))
                    }
                }
            } else {
                literal(rest[open...close])
            }
            rest = rest[rest.index(after: close)...]
        }
        literal(rest)
        return Self.join(out.filter { if case .text(let t) = $0 { return !t.isEmpty } else { return true } })
    }

    /// An expression usable inside `${…}`: a quoted template is kept as a nested template.
    static func unquote(_ expression: String) -> String { expression }
}
