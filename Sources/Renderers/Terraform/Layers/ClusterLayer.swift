import Blueprint

/// `cluster.tf`: ECR repositories, the ECS cluster, log groups, Cloud Map, one task definition and
/// service per workload (private subnets, no public IP, circuit breaker with rollback), target-tracking
/// scaling and schedules for jobs.
enum ClusterLayer {
    static let file = "cluster.tf"

    static func render(_ c: TFContext) {
        let b = c.blueprint
        for repository in b.repositories { renderRepository(c, repository) }
        for workload in b.imageBuilders where workload.image.tagParameter != nil {
            let name = imageTagVariable(workload, b)
            c.variable(TFVariable(name: name, type: "string",
                                  description: "Image tag of \(workload.name) to deploy from its ECR repository (CI passes the commit SHA).",
                                  defaultValue: "latest",
                                  validation: ("can(regex(\"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$\", var.\(name)))", "\(name) must be a Docker image tag.")))
        }
        if let cluster = b.cluster {
            if let existing = cluster.existingClusterName {
                c.variable(TFVariable(name: "ecs_cluster_name", type: "string", description: "Name of the existing ECS cluster to deploy into (x-aws-cluster).",
                                      defaultValue: .string(existing)))
                c.add(file, HCLBlock.make("data", ["aws_ecs_cluster", "existing"]) { $0["cluster_name"] = .ref("var.ecs_cluster_name") })
            } else {
                c.resource(file, "aws_ecs_cluster", "main") {
                    $0["name"] = .string(cluster.name)
                    $0.nested("setting") {
                        $0["name"] = "containerInsights"
                        $0["value"] = .string(cluster.containerInsights ? "enabled" : "disabled")
                    }
                }
                if cluster.spotForWorkers && b.ec2CapacityProviders.isEmpty {
                    c.resource(file, "aws_ecs_cluster_capacity_providers", "main") {
                        $0["cluster_name"] = .ref("aws_ecs_cluster.main.name")
                        $0["capacity_providers"] = .strings(["FARGATE", "FARGATE_SPOT"])
                        $0.nested("default_capacity_provider_strategy") {
                            $0["capacity_provider"] = "FARGATE"
                            $0["weight"] = 1
                        }
                    }
                }
            }
        }
        CapacityLayer.render(c)
        for group in b.logGroups {
            c.resource(file, "aws_cloudwatch_log_group", c.label(group.name)) {
                $0["name"] = .string(group.logGroupName)
                $0["retention_in_days"] = .int(AWSRules.validRetention(group.retentionDays))
            }
        }
        renderServiceDiscovery(c)
        for workload in b.workloads where workload.target != .batch {
            TaskDefinitionLayer.render(c, workload)
            if workload.target.isECSService {
                renderService(c, workload)
                if let scaling = workload.scaling { renderScaling(c, workload, scaling) }
            } else if let schedule = workload.schedule {
                renderSchedule(c, workload, schedule)
            }
        }
    }

    /// The image tag variable of a workload: the one of the workload that builds its image, so workloads
    /// sharing an image (a training job beside its service) share the tag, as the template's parameter.
    static func imageTagVariable(_ w: Workload, _ b: Blueprint) -> String {
        let builder = b.imageBuilders.first { $0.image.repository == w.image.repository && $0.image.tagParameter == w.image.tagParameter } ?? w
        return TFNames.label(builder.name) + "_image_tag"
    }

    static func renderRepository(_ c: TFContext, _ repository: ImageRepository) {
        let l = c.repositoryLabel(repository.name)
        c.resource(file, "aws_ecr_repository", l) {
            $0["name"] = .string(repository.name)
            $0["image_tag_mutability"] = .string(repository.tagMutability)
            $0.nested("image_scanning_configuration") { $0["scan_on_push"] = .bool(repository.scanOnPush) }
            $0.nested("encryption_configuration") { $0["encryption_type"] = "AES256" }
            // Images outlive the deployment: destroy fails on a repository that still has images.
            $0["force_delete"] = false
        }
        c.resource(file, "aws_ecr_lifecycle_policy", l) {
            $0["repository"] = .ref("aws_ecr_repository.\(l).name")
            $0["policy"] = .string(AWSRules.ecrLifecyclePolicy(keep: repository.keepImages))
        }
    }

    static func renderServiceDiscovery(_ c: TFContext) {
        guard let namespace = c.blueprint.serviceDiscovery else { return }
        c.resource(file, "aws_service_discovery_private_dns_namespace", "main") {
            $0["name"] = .string(namespace.name)
            $0["vpc"] = .ref(c.vpcID)
            $0["description"] = .string("Private DNS for \(c.blueprint.project) services")
        }
        for service in namespace.services {
            c.resource(file, "aws_service_discovery_service", c.label(service.name)) {
                $0["name"] = .string(service.name)
                $0.nested("dns_config") {
                    $0["namespace_id"] = .ref("aws_service_discovery_private_dns_namespace.main.id")
                    $0["routing_policy"] = "MULTIVALUE"
                    $0.nested("dns_records") {
                        $0["type"] = "A"
                        $0["ttl"] = 10
                    }
                }
                $0.nested("health_check_custom_config") { $0["failure_threshold"] = 1 }
            }
        }
    }

    static func renderService(_ c: TFContext, _ w: Workload) {
        let b = c.blueprint
        let l = c.label(w.name)
        var dependsOn: [String] = []
        c.resource(file, "aws_ecs_service", l) {
            $0["name"] = .string(w.shortName)
            $0["cluster"] = .ref(c.clusterARN)
            $0["task_definition"] = .ref("aws_ecs_task_definition.\(l).arn")
            $0["desired_count"] = builtServiceCount(c, w, max(0, w.capacity.desired))
            $0["propagate_tags"] = "SERVICE"
            $0["enable_ecs_managed_tags"] = true
            $0["deployment_maximum_percent"] = .int(AWSRules.clamp(w.deployment.maximumPercent, 100, 200))
            $0["deployment_minimum_healthy_percent"] = .int(AWSRules.clamp(w.deployment.minimumHealthyPercent, 0, 100))
            let spot = (b.cluster?.spotForWorkers ?? false) && w.role == .worker
            if w.target == .ecsEc2, let provider = w.capacityProvider {
                // Placed through its capacity provider, after the cluster has it.
                $0.nested("capacity_provider_strategy") {
                    $0["capacity_provider"] = .ref("aws_ecs_capacity_provider.\(c.label(provider)).name")
                    $0["weight"] = 1
                }
                if b.cluster?.existingClusterName == nil { dependsOn.append("aws_ecs_cluster_capacity_providers.main") }
            } else if spot {
                $0.nested("capacity_provider_strategy") {
                    $0["capacity_provider"] = "FARGATE_SPOT"
                    $0["weight"] = 1
                }
            } else {
                $0["launch_type"] = "FARGATE"
            }
            if !w.fileMounts.isEmpty, w.target != .ecsEc2 { $0["platform_version"] = "LATEST" }
            let groups = b.loadBalancer?.targetGroups.filter { $0.workload == w.name } ?? []
            let nlbListeners = b.networkLoadBalancer?.listeners.filter { $0.workload == w.name } ?? []
            if !groups.isEmpty || !nlbListeners.isEmpty {
                $0["health_check_grace_period_seconds"] = .int(AWSRules.healthCheckGracePeriod(w))
            }
            $0.nested("deployment_circuit_breaker") {
                $0["enable"] = .bool(w.deployment.circuitBreaker)
                $0["rollback"] = .bool(w.deployment.circuitBreaker)
            }
            $0.nested("network_configuration") {
                $0["assign_public_ip"] = false
                $0["subnets"] = NetworkLayer.subnets(c, .private)
                $0["security_groups"] = .list(w.securityGroup.map { [.ref("aws_security_group.\(c.label($0)).id")] } ?? [])
            }
            for listener in nlbListeners {
                $0.nested("load_balancer") {
                    $0["container_name"] = .string(AWSRules.containerName(w))
                    $0["container_port"] = .int(listener.targetPort)
                    $0["target_group_arn"] = .ref("aws_lb_target_group.nlb_\(c.label(listener.name)).arn")
                }
                dependsOn.append("aws_lb_listener.nlb_\(c.label(listener.name))")
            }
            for group in groups {
                $0.nested("load_balancer") {
                    $0["container_name"] = .string(AWSRules.containerName(w))
                    $0["container_port"] = .int(group.port)
                    $0["target_group_arn"] = .ref("aws_lb_target_group.\(c.label(group.name)).arn")
                }
            }
            if let lb = b.loadBalancer, !groups.isEmpty {
                // A target group must belong to a listener before a service can register with it.
                dependsOn.append(LoadBalancerLayer.forwardingListener(lb))
                for rule in lb.rules where groups.contains(where: { $0.name == rule.targetGroup }) {
                    dependsOn.append("aws_lb_listener_rule.\(LoadBalancerLayer.ruleLabel(rule))")
                }
            }
            if let namespace = b.serviceDiscovery, let registered = namespace.services.first(where: { $0.workload == w.name }) {
                $0.nested("service_registries") { $0["registry_arn"] = .ref("aws_service_discovery_service.\(c.label(registered.name)).arn") }
            }
            for other in w.dependsOn where b.workload(named: other)?.target.isECSService == true && other != w.name {
                dependsOn.append("aws_ecs_service.\(c.label(other))")
            }
            dependsOn += FileSystemLayer.mountTargetDependencies(c, w)
            if !dependsOn.isEmpty { $0["depends_on"] = .list(dependsOn.map { .expression($0) }) }
        }
    }

    /// As the CloudFormation output's StartBuiltServices: `start_built_services = false` holds the
    /// services built from the project's source at 0 tasks, for a first apply before their images are
    /// pushed to the ECR repositories the same apply creates.
    static func builtServiceCount(_ c: TFContext, _ w: Workload, _ count: Int) -> HCLValue {
        guard w.image.repository != nil else { return .int(count) }
        c.variable(TFVariable(name: "start_built_services", type: "bool",
                              description: "false: the services built from this project's source run 0 tasks, for a first apply before their images are pushed to ECR; apply again with true once they are.",
                              defaultValue: .bool(true)))
        return .expression("var.start_built_services ? \(count) : 0")
    }

    static func renderScaling(_ c: TFContext, _ w: Workload, _ scaling: ScalingPolicy) {
        let l = c.label(w.name)
        c.resource(file, "aws_appautoscaling_target", l) {
            $0["min_capacity"] = builtServiceCount(c, w, max(0, w.capacity.minimum))
            $0["max_capacity"] = .int(max(w.capacity.minimum, w.capacity.maximum, 1))
            $0["resource_id"] = .template([.text("service/"), .interpolation(c.clusterName), .text("/"), .interpolation("aws_ecs_service.\(l).name")])
            $0["scalable_dimension"] = "ecs:service:DesiredCount"
            $0["service_namespace"] = "ecs"
        }
        var metricType: String
        var resourceLabel: HCLValue?
        switch scaling.metric {
        case .cpu: metricType = "ECSServiceAverageCPUUtilization"
        case .memory: metricType = "ECSServiceAverageMemoryUtilization"
        case .requests:
            metricType = "ALBRequestCountPerTarget"
            if let group = c.blueprint.loadBalancer?.targetGroups.first(where: { $0.workload == w.name }) {
                resourceLabel = .template([.interpolation(c.loadBalancerFullName), .text("/"), .interpolation("aws_lb_target_group.\(c.label(group.name)).arn_suffix")])
            } else {
                c.problem("\(w.name): request-count scaling needs a target group")
                metricType = "ECSServiceAverageCPUUtilization"
            }
        }
        c.resource(file, "aws_appautoscaling_policy", l) {
            $0["name"] = c.scoped("\(w.shortName)-\(scaling.metric.rawValue)")
            $0["policy_type"] = "TargetTrackingScaling"
            $0["resource_id"] = .ref("aws_appautoscaling_target.\(l).resource_id")
            $0["scalable_dimension"] = .ref("aws_appautoscaling_target.\(l).scalable_dimension")
            $0["service_namespace"] = .ref("aws_appautoscaling_target.\(l).service_namespace")
            $0.nested("target_tracking_scaling_policy_configuration") {
                $0["target_value"] = .number(scaling.targetValue)
                $0["scale_in_cooldown"] = .int(scaling.scaleInCooldown)
                $0["scale_out_cooldown"] = .int(scaling.scaleOutCooldown)
                $0.nested("predefined_metric_specification") {
                    $0["predefined_metric_type"] = .string(metricType)
                    if let resourceLabel { $0["resource_label"] = resourceLabel }
                }
            }
        }
    }

    static func renderSchedule(_ c: TFContext, _ w: Workload, _ schedule: String) {
        let l = c.label(w.name)
        let role = c.blueprint.roles.first { $0.assumedBy == "events.amazonaws.com" }.map { "aws_iam_role.\(c.label($0.name)).arn" }
            ?? "aws_iam_role.scheduled_tasks.arn"
        if role == "aws_iam_role.scheduled_tasks.arn" && !(c.files[file] ?? []).contains(where: { $0.labels == ["aws_iam_role", "scheduled_tasks"] }) {
            // EventBridge runs the tasks: it may run this project's task definitions and hand their roles to ECS.
            c.resource(file, "aws_iam_role", "scheduled_tasks") {
                $0["description"] = "EventBridge: runs the scheduled ECS tasks"
                $0["assume_role_policy"] = IdentityLayer.assumeRole(c, "events.amazonaws.com")
            }
            let taskDefinitions = TFContext.join(c.arnPrefix("ecs") + [.text("task-definition/"), .interpolation("local.name_prefix"), .text("-*")])
            c.resource(file, "aws_iam_role_policy", "scheduled_tasks") {
                $0["name"] = "run-scheduled-tasks"
                $0["role"] = .ref("aws_iam_role.scheduled_tasks.id")
                $0["policy"] = IdentityLayer.document([
                    [HCLAttribute("Effect", "Allow"), HCLAttribute("Action", .strings(["ecs:RunTask"])), HCLAttribute("Resource", taskDefinitions)],
                    [HCLAttribute("Effect", "Allow"), HCLAttribute("Action", .strings(["iam:PassRole"])), HCLAttribute("Resource", "*"),
                     HCLAttribute("Condition", .object([HCLAttribute("StringEquals", .object([HCLAttribute("iam:PassedToService", "ecs-tasks.amazonaws.com")]))]))],
                ])
            }
        }
        c.resource(file, "aws_cloudwatch_event_rule", l) {
            $0["description"] = .string("Runs \(w.name) on schedule \(schedule)")
            $0["schedule_expression"] = .string(schedule)
            $0["state"] = "ENABLED"
        }
        c.resource(file, "aws_cloudwatch_event_target", l) {
            $0["rule"] = .ref("aws_cloudwatch_event_rule.\(l).name")
            $0["target_id"] = .string(String(AWSRules.containerName(w).prefix(64)))
            $0["arn"] = .ref(c.clusterARN)
            $0["role_arn"] = .ref(role)
            $0.nested("ecs_target") {
                $0["task_definition_arn"] = .ref("aws_ecs_task_definition.\(l).arn")
                $0["task_count"] = 1
                $0["launch_type"] = "FARGATE"
                $0["platform_version"] = "LATEST"
                $0.nested("network_configuration") {
                    $0["assign_public_ip"] = false
                    $0["subnets"] = NetworkLayer.subnets(c, .private)
                    $0["security_groups"] = .list(w.securityGroup.map { [.ref("aws_security_group.\(c.label($0)).id")] } ?? [])
                }
            }
        }
    }
}
