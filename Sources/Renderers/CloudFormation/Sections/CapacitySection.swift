import Blueprint

/// EC2 capacity for GPU workloads. Per capacity provider: a launch template (the GPU ECS-optimized AMI
/// from its public SSM parameter, IMDSv2 only, an encrypted root volume, user data that joins the
/// cluster with GPU support), an Auto Scaling group in the private subnets and the ECS capacity
/// provider (managed scaling and termination protection). Once: the instance profile, and the
/// cluster's capacity-provider associations, which keep FARGATE and FARGATE_SPOT for the other services.
enum CapacitySection {
    static let amiParameter = "GpuAmiId"
    static let associations = "ClusterCapacityProviders"

    static func render(_ c: inout CFNContext) {
        let b = c.blueprint
        let providers = b.ec2CapacityProviders
        guard let first = providers.first else { return }
        let n = c.names
        var ami = CFNParameter(type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
                               description: "ECS-optimized Amazon Linux 2023 GPU AMI for the GPU instances (a public SSM parameter, resolved at each deploy; to keep the image fixed, name an SSM parameter of your own that holds the AMI ID).",
                               default: .string(first.amiParameter))
        ami.constraintDescription = "an SSM parameter holding an AMI ID"
        c.template.parameters[amiParameter] = ami

        for role in Set(providers.map(\.instanceRole)).sorted() {
            if b.role(named: role) == nil { c.problem("capacity provider role \(role) is not in the Blueprint") }
            c.add(n.instanceProfile(role), CFNResource("AWS::IAM::InstanceProfile", ["Roles": [.ref(n.role(role))]]))
        }
        for p in providers {
            if !b.network.securityGroups.contains(where: { $0.name == p.securityGroup }) {
                c.problem("capacity provider \(p.name): security group \(p.securityGroup) is not in the Blueprint")
            }
            renderProvider(&c, p)
        }
        // Associations replace a cluster's providers: only on a cluster this template owns.
        guard let cluster = b.cluster, cluster.existingClusterName == nil else { return }
        var names: [CFNValue] = ["FARGATE", "FARGATE_SPOT"]
        names += providers.map { .ref(n.id($0.name, "CapacityProvider")) }
        c.add(associations, CFNResource("AWS::ECS::ClusterCapacityProviderAssociations", [
            "Cluster": .ref("Cluster"),
            "CapacityProviders": .list(names),
            "DefaultCapacityProviderStrategy": [["CapacityProvider": "FARGATE", "Weight": 1]],
        ]))
    }

    private static func renderProvider(_ c: inout CFNContext, _ p: EC2CapacityProvider) {
        let n = c.names
        let template = n.id(p.name, "LaunchTemplate")
        let group = n.id(p.name, "AutoScalingGroup")
        // awsvpc tasks must not reach the instance metadata (and so the instance role's credentials).
        let userData = """
            #!/bin/bash
            cat >> /etc/ecs/ecs.config <<'CONFIG'
            ECS_CLUSTER=${Cluster}
            ECS_ENABLE_GPU_SUPPORT=true
            ECS_AWSVPC_BLOCK_IMDS=true
            CONFIG

            """
        let tags: CFNValue = .list(c.blueprint.tags.sorted { $0.key < $1.key }.map { ["Key": .string($0.key), "Value": .string($0.value)] })
        var data: [String: CFNValue] = [
            "ImageId": .ref(amiParameter),
            "InstanceType": .string(p.instanceType),
            "IamInstanceProfile": ["Arn": .getAtt(n.instanceProfile(p.instanceRole), "Arn")],
            "SecurityGroupIds": [.getAtt(n.securityGroup(p.securityGroup), "GroupId")],
            "MetadataOptions": ["HttpEndpoint": "enabled", "HttpTokens": "required", "HttpPutResponseHopLimit": 1],
            "BlockDeviceMappings": [[
                "DeviceName": "/dev/xvda",
                "Ebs": ["VolumeSize": .int(p.rootVolumeGB), "VolumeType": "gp3", "Encrypted": true, "DeleteOnTermination": true],
            ]],
            "UserData": .base64(.sub(userData, [:])),
        ]
        if case .list(let items) = tags, !items.isEmpty {
            data["TagSpecifications"] = [["ResourceType": "volume", "Tags": tags]]
        }
        c.add(template, CFNResource("AWS::EC2::LaunchTemplate", ["LaunchTemplateData": .map(data)]))
        c.add(group, CFNResource("AWS::AutoScaling::AutoScalingGroup", [
            "MinSize": .string(String(p.minSize)),
            "MaxSize": .string(String(max(p.minSize, p.maxSize))),
            "VPCZoneIdentifier": NetworkSection.subnetRefs(c, .private),
            "LaunchTemplate": ["LaunchTemplateId": .ref(template), "Version": .getAtt(template, "LatestVersionNumber")],
            // Managed termination protection: scale-in never stops an instance that still runs a task.
            "NewInstancesProtectedFromScaleIn": true,
        ]))
        c.add(n.id(p.name, "CapacityProvider"), CFNResource("AWS::ECS::CapacityProvider", [
            "AutoScalingGroupProvider": [
                "AutoScalingGroupArn": .ref(group),
                "ManagedScaling": [
                    "Status": "ENABLED",
                    "TargetCapacity": .int(min(max(p.targetCapacity, 1), 100)),
                    "MinimumScalingStepSize": 1,
                    "MaximumScalingStepSize": .int(max(1, p.maxSize)),
                ],
                "ManagedTerminationProtection": "ENABLED",
                "ManagedDraining": "ENABLED",
            ],
        ]))
    }

    // MARK: the workload's side

    /// An `ecs-ec2` task definition: EC2 compatibility and the GPUs its container reserves.
    static func adjustTaskDefinition(_ w: Workload, properties: inout [String: CFNValue], container: inout [String: CFNValue]) {
        guard w.target == .ecsEc2 else { return }
        properties["RequiresCompatibilities"] = ["EC2"]
        if let gpus = w.gpuCount, gpus > 0 {
            container["ResourceRequirements"] = [["Type": "GPU", "Value": .string(String(gpus))]]
        }
    }

    /// An `ecs-ec2` service places its tasks through its capacity provider, after the cluster has it.
    static func adjustService(_ c: CFNContext, _ w: Workload, properties: inout [String: CFNValue], dependsOn: inout [String]) -> Bool {
        guard w.target == .ecsEc2, let provider = w.capacityProvider else { return false }
        properties["CapacityProviderStrategy"] = [["CapacityProvider": .ref(c.names.id(provider, "CapacityProvider")), "Weight": 1]]
        if c.blueprint.cluster?.existingClusterName == nil { dependsOn.append(associations) }
        return true
    }
}
