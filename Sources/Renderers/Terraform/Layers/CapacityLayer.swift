import Blueprint

/// `cluster.tf` (GPU capacity): per EC2 capacity provider a launch template (the GPU ECS-optimized AMI from
/// its public SSM parameter, IMDSv2 only, an encrypted root volume, user data that joins the cluster with
/// GPU support), an Auto Scaling group in the private subnets and the ECS capacity provider (managed
/// scaling and termination protection); once, the instance profiles and the cluster's capacity providers,
/// which keep FARGATE and FARGATE_SPOT for the other services.
enum CapacityLayer {
    static let file = ClusterLayer.file

    static func render(_ c: TFContext) {
        let b = c.blueprint
        let providers = b.ec2CapacityProviders
        guard let first = providers.first else { return }
        c.variable(TFVariable(name: "gpu_ami_parameter", type: "string",
                              description: "SSM parameter holding the ECS-optimized Amazon Linux 2023 GPU AMI ID (public, resolved at each apply; name one of your own to keep the image fixed).",
                              defaultValue: .string(first.amiParameter)))
        c.add(file, HCLBlock.make("data", ["aws_ssm_parameter", "gpu_ami"]) { $0["name"] = .ref("var.gpu_ami_parameter") })
        for role in Set(providers.map(\.instanceRole)).sorted() {
            if b.role(named: role) == nil { c.problem("capacity provider role \(role) is not in the Blueprint") }
            c.resource(file, "aws_iam_instance_profile", c.label(role)) { $0["role"] = .ref("aws_iam_role.\(c.label(role)).name") }
        }
        for p in providers {
            if !b.network.securityGroups.contains(where: { $0.name == p.securityGroup }) {
                c.problem("capacity provider \(p.name): security group \(p.securityGroup) is not in the Blueprint")
            }
            renderProvider(c, p)
        }
        guard let cluster = b.cluster, cluster.existingClusterName == nil else { return }
        c.resource(file, "aws_ecs_cluster_capacity_providers", "main") {
            $0["cluster_name"] = .ref("aws_ecs_cluster.main.name")
            $0["capacity_providers"] = .list(["FARGATE", "FARGATE_SPOT"] + providers.map { .ref("aws_ecs_capacity_provider.\(c.label($0.name)).name") })
            $0.nested("default_capacity_provider_strategy") {
                $0["capacity_provider"] = "FARGATE"
                $0["weight"] = 1
            }
        }
    }

    /// IMDSv2 only, one hop (containers cannot reach the instance role), and an encrypted gp3 root volume:
    /// every launch template ferry writes (GPU capacity, Batch).
    static func hardenInstances(_ block: inout HCLBlock, rootVolumeGB: Int) {
        block.nested("metadata_options") {
            $0["http_endpoint"] = "enabled"
            $0["http_tokens"] = "required"
            $0["http_put_response_hop_limit"] = 1
        }
        block.nested("block_device_mappings") {
            $0["device_name"] = "/dev/xvda"
            $0.nested("ebs") {
                $0["volume_size"] = .int(rootVolumeGB)
                $0["volume_type"] = "gp3"
                $0["encrypted"] = "true"
                $0["delete_on_termination"] = "true"
            }
        }
    }

    static func renderProvider(_ c: TFContext, _ p: EC2CapacityProvider) {
        let l = c.label(p.name)
        // awsvpc tasks must not reach the instance metadata (and so the instance role's credentials).
        let userData = HCLValue.call("base64encode", [.template([
            .text("#!/bin/bash\ncat >> /etc/ecs/ecs.config <<'CONFIG'\nECS_CLUSTER="), .interpolation(c.clusterName),
            .text("\nECS_ENABLE_GPU_SUPPORT=true\nECS_AWSVPC_BLOCK_IMDS=true\nCONFIG\n"),
        ])])
        let subnets = NetworkLayer.subnets(c, .private)
        c.resource(file, "aws_launch_template", l) {
            $0["image_id"] = .ref("data.aws_ssm_parameter.gpu_ami.insecure_value")
            $0["instance_type"] = .string(p.instanceType)
            $0["vpc_security_group_ids"] = .list([.ref("aws_security_group.\(c.label(p.securityGroup)).id")])
            $0["user_data"] = userData
            $0.nested("iam_instance_profile") { $0["arn"] = .ref("aws_iam_instance_profile.\(c.label(p.instanceRole)).arn") }
            hardenInstances(&$0, rootVolumeGB: p.rootVolumeGB)
            $0.nested("tag_specifications") {
                $0["resource_type"] = "volume"
                $0["tags"] = .object(AWSRules.tags(c.blueprint).map { HCLAttribute($0.key, .string($0.value)) })
            }
        }
        c.resource(file, "aws_autoscaling_group", l) {
            $0["min_size"] = .int(p.minSize)
            $0["max_size"] = .int(max(p.minSize, p.maxSize))
            $0["vpc_zone_identifier"] = subnets
            // Managed termination protection: scale-in never stops an instance that still runs a task.
            $0["protect_from_scale_in"] = true
            $0.nested("launch_template") {
                $0["id"] = .ref("aws_launch_template.\(l).id")
                $0["version"] = .ref("aws_launch_template.\(l).latest_version")
            }
            // default_tags do not reach the instances the group launches: the group hands them on.
            for tag in AWSRules.tags(c.blueprint) {
                $0.nested("tag") {
                    $0["key"] = .string(tag.key)
                    $0["value"] = .string(tag.value)
                    $0["propagate_at_launch"] = true
                }
            }
        }
        c.resource(file, "aws_ecs_capacity_provider", l) {
            $0["name"] = c.scoped(p.name)
            $0.nested("auto_scaling_group_provider") {
                $0["auto_scaling_group_arn"] = .ref("aws_autoscaling_group.\(l).arn")
                $0["managed_termination_protection"] = "ENABLED"
                $0["managed_draining"] = "ENABLED"
                $0.nested("managed_scaling") {
                    $0["status"] = "ENABLED"
                    $0["target_capacity"] = .int(min(max(p.targetCapacity, 1), 100))
                    $0["minimum_scaling_step_size"] = 1
                    $0["maximum_scaling_step_size"] = .int(max(1, p.maxSize))
                }
            }
        }
    }
}
