import Blueprint

/// Fargate task definitions, services (private subnets, no public IP, circuit breaker with rollback),
/// target-tracking scaling and schedules for jobs.
enum WorkloadSection {
    static func render(_ c: inout CFNContext) {
        for workload in c.blueprint.workloads where workload.target != .batch {
            renderTaskDefinition(&c, workload)
            switch workload.target {
            case .ecsFargate, .ecsEc2:
                renderService(&c, workload)
                if let scaling = workload.scaling { renderScaling(&c, workload, scaling) }
            default:
                if let schedule = workload.schedule { renderSchedule(&c, workload, schedule) }
            }
        }
    }

    // MARK: task definition

    static func renderTaskDefinition(_ c: inout CFNContext, _ w: Workload) {
        let n = c.names
        var container: [String: CFNValue] = [
            "Name": .string(containerName(w)),
            "Image": image(&c, w),
            "Essential": true,
            "LogConfiguration": [
                "LogDriver": "awslogs",
                "Options": [
                    "awslogs-group": .ref(n.logGroup(w.logGroup)),
                    "awslogs-region": .region,
                    "awslogs-stream-prefix": .string(containerName(w)),
                ],
            ],
        ]
        if !w.ports.isEmpty {
            container["PortMappings"] = .list(w.ports.map { port in
                ["ContainerPort": .int(port.port), "Protocol": .string(port.proto == "udp" ? "udp" : "tcp")]
            })
        }
        let (environment, secrets) = variables(&c, w)
        if !environment.isEmpty { container["Environment"] = .list(environment) }
        if !secrets.isEmpty { container["Secrets"] = .list(secrets) }
        if let check = w.healthCheck, !check.command.isEmpty {
            container["HealthCheck"] = [
                "Command": .list(check.command.map { .string($0) }),
                "Interval": .int(clamp(check.interval, 5, 300)),
                "Timeout": .int(clamp(check.timeout, 2, 60)),
                "Retries": .int(clamp(check.retries, 1, 10)),
                "StartPeriod": .int(clamp(check.startPeriod, 0, 300)),
            ]
        }
        if let command = w.command, !command.isEmpty { container["Command"] = .list(command.map { .string($0) }) }
        if let entrypoint = w.entrypoint, !entrypoint.isEmpty { container["EntryPoint"] = .list(entrypoint.map { .string($0) }) }
        if let dir = w.workingDirectory, !dir.isEmpty { container["WorkingDirectory"] = .string(dir) }
        if let user = w.user, !user.isEmpty { container["User"] = .string(user) }
        if let stop = w.stopTimeout { container["StopTimeout"] = .int(clamp(stop, 0, 120)) }
        if w.readonlyRootFilesystem { container["ReadonlyRootFilesystem"] = true }
        if let credentials = w.image.pullCredentialsSecret, !credentials.isEmpty {
            // Not an ARN (a placeholder left in the compose file): ask for it as a parameter instead.
            var value: CFNValue = .string(credentials)
            if !credentials.hasPrefix("arn:") {
                let name = n.id(w.name, "PullCredentials")
                c.template.parameters[name] = CFNParameter(description: "ARN of the Secrets Manager secret with registry credentials for \(w.name)'s image (x-aws-pull_credentials).")
                value = .ref(name)
            }
            container["RepositoryCredentials"] = ["CredentialsParameter": value]
        }
        if !w.scratchVolumes.isEmpty || !w.fileMounts.isEmpty {
            container["MountPoints"] = .list(w.scratchVolumes.map { volume in
                ["SourceVolume": .string(volumeName(volume.name)), "ContainerPath": .string(volume.containerPath), "ReadOnly": .bool(volume.readOnly)]
            } + FileSystemSection.mountPoints(w))
        }

        var properties: [String: CFNValue] = [
            "Family": c.stackScoped(w.shortName),
            "Cpu": .string(String(w.size.cpu)),
            "Memory": .string(String(w.size.memory)),
            "NetworkMode": "awsvpc",
            "RequiresCompatibilities": ["FARGATE"],
            "RuntimePlatform": ["OperatingSystemFamily": "LINUX", "CpuArchitecture": .string(architecture(w))],
            "ExecutionRoleArn": .getAtt(n.role(w.executionRole), "Arn"),
            "TaskRoleArn": .getAtt(n.role(w.taskRole), "Arn"),
            "ContainerDefinitions": [.map(container)],
        ]
        if !w.scratchVolumes.isEmpty || !w.fileMounts.isEmpty {
            var seen: Set<String> = []
            properties["Volumes"] = .list(w.scratchVolumes.compactMap { volume in
                seen.insert(volumeName(volume.name)).inserted ? ["Name": .string(volumeName(volume.name))] : nil
            } + FileSystemSection.taskVolumes(&c, w))
        }
        CapacitySection.adjustTaskDefinition(w, properties: &properties, container: &container)
        properties["ContainerDefinitions"] = [.map(container)]
        checkRoles(&c, w)
        c.add(n.taskDefinition(w.name), CFNResource("AWS::ECS::TaskDefinition", properties, group: w.name))
    }

    /// The container's plain variables (`Environment`) and the ones ECS or Batch reads from Secrets
    /// Manager or SSM at start (`Secrets`), in the shape both take.
    static func variables(_ c: inout CFNContext, _ w: Workload) -> (environment: [CFNValue], secrets: [CFNValue]) {
        var environment: [CFNValue] = []
        var secrets: [CFNValue] = []
        for variable in w.environment.sorted(by: { $0.name < $1.name }) where variable.disposition != .removed {
            switch variable.value {
            case .unset:
                continue
            case .literal(let text):
                environment.append(["Name": .string(variable.name), "Value": .string(text)])
            case .reference(let ref):
                environment.append(["Name": .string(variable.name), "Value": c.resolve(ref)])
            case .template(let text, let parts):
                environment.append(["Name": .string(variable.name), "Value": c.substitute(text, parts: parts)])
            case .parameter(let name):
                guard let spec = c.blueprint.parameter(named: name) else {
                    c.problem("\(w.name): \(variable.name) names parameter \(name), which the Blueprint does not define")
                    continue
                }
                secrets.append(["Name": .string(variable.name), "ValueFrom": c.parameterARN(spec)])
            case .secret(let name, let key):
                guard let spec = c.blueprint.secret(named: name) else {
                    c.problem("\(w.name): \(variable.name) names secret \(name), which the Blueprint does not define")
                    continue
                }
                let arn = c.secretARN(spec)
                // `arn:json-key:version-stage:version-id`: ECS extracts one key of a JSON secret.
                let valueFrom: CFNValue = key.map { .join("", [arn, .string(":\($0)::")]) } ?? arn
                secrets.append(["Name": .string(variable.name), "ValueFrom": valueFrom])
            }
        }
        return (environment, secrets)
    }

    static func checkRoles(_ c: inout CFNContext, _ w: Workload) {
        for role in [w.executionRole, w.taskRole] where c.blueprint.role(named: role) == nil {
            c.problem("\(w.name): role \(role) is not in the Blueprint")
        }
        if !c.blueprint.logGroups.contains(where: { $0.name == w.logGroup }) {
            c.problem("\(w.name): log group \(w.logGroup) is not in the Blueprint")
        }
    }

    static func image(_ c: inout CFNContext, _ w: Workload) -> CFNValue {
        if let repository = w.image.repository {
            let repo = c.names.repository(repository)
            if let tag = w.image.tagParameter {
                return .sub("${\(repo).RepositoryUri}:${\(tag)}", [:])
            }
            return .sub("${\(repo).RepositoryUri}:latest", [:])
        }
        return .string(w.image.image ?? "public.ecr.aws/docker/library/busybox:latest")
    }

    static func containerName(_ w: Workload) -> String { AWSRules.containerName(w) }
    static func volumeName(_ name: String) -> String { AWSRules.volumeName(name) }
    static func architecture(_ w: Workload) -> String { AWSRules.cpuArchitecture(w) }
    static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { AWSRules.clamp(value, low, high) }

    // MARK: service

    static func renderService(_ c: inout CFNContext, _ w: Workload) {
        let n = c.names
        let b = c.blueprint
        var properties: [String: CFNValue] = [
            "Cluster": .ref("Cluster"),
            "TaskDefinition": .ref(n.taskDefinition(w.name)),
            "DesiredCount": builtServiceCount(&c, w, max(0, w.capacity.desired)),
            "PropagateTags": "SERVICE",
            "EnableECSManagedTags": true,
            "DeploymentConfiguration": [
                "DeploymentCircuitBreaker": ["Enable": .bool(w.deployment.circuitBreaker), "Rollback": .bool(w.deployment.circuitBreaker)],
                "MaximumPercent": .int(clamp(w.deployment.maximumPercent, 100, 200)),
                "MinimumHealthyPercent": .int(clamp(w.deployment.minimumHealthyPercent, 0, 100)),
            ],
            "NetworkConfiguration": ["AwsvpcConfiguration": [
                "AssignPublicIp": "DISABLED",
                "Subnets": NetworkSection.subnetRefs(c, .private),
                "SecurityGroups": w.securityGroup.map { [.getAtt(n.securityGroup($0), "GroupId")] } ?? [],
            ]],
        ]
        var dependsOn: [String] = []
        let spot = (b.cluster?.spotForWorkers ?? false) && w.role == .worker
        if CapacitySection.adjustService(c, w, properties: &properties, dependsOn: &dependsOn) {
            // Placed on its EC2 capacity provider.
        } else if spot {
            properties["CapacityProviderStrategy"] = [["CapacityProvider": "FARGATE_SPOT", "Weight": 1]]
        } else {
            properties["LaunchType"] = "FARGATE"
        }
        var balancers: [CFNValue] = []
        if let lb = b.loadBalancer {
            let groups = lb.targetGroups.filter { $0.workload == w.name }
            if !groups.isEmpty {
                balancers += groups.map { group in
                    ["ContainerName": .string(containerName(w)), "ContainerPort": .int(group.port), "TargetGroupArn": .ref(n.targetGroup(group.name))]
                }
                properties["HealthCheckGracePeriodSeconds"] = .int(60 + clamp(w.healthCheck?.startPeriod ?? 0, 0, 300))
                // A target group must belong to a listener before a service can register with it.
                dependsOn.append(LoadBalancerSection.forwardingListener(lb))
                for rule in lb.rules where groups.contains(where: { $0.name == rule.targetGroup }) {
                    dependsOn.append(LoadBalancerSection.ruleID(n, rule))
                }
            }
        }
        for l in b.networkLoadBalancer?.listeners ?? [] where l.workload == w.name {
            balancers.append(["ContainerName": .string(containerName(w)), "ContainerPort": .int(l.targetPort),
                              "TargetGroupArn": .ref(NetworkLoadBalancerSection.targetGroupID(n, l))])
            // A target group must belong to a listener before a service can register with it.
            dependsOn.append(NetworkLoadBalancerSection.listenerID(n, l))
            if properties["HealthCheckGracePeriodSeconds"] == nil {
                properties["HealthCheckGracePeriodSeconds"] = .int(60 + clamp(w.healthCheck?.startPeriod ?? 0, 0, 300))
            }
        }
        if !balancers.isEmpty { properties["LoadBalancers"] = .list(balancers) }
        if let namespace = b.serviceDiscovery, let registered = namespace.services.first(where: { $0.workload == w.name }) {
            properties["ServiceRegistries"] = [["RegistryArn": .getAtt(n.discoveryService(registered.name), "Arn")]]
        }
        for other in w.dependsOn where b.workload(named: other)?.target.isECSService == true && other != w.name {
            dependsOn.append(n.service(other))
        }
        if !w.fileMounts.isEmpty {
            // EFS volumes need Fargate platform 1.4 or later (EC2 capacity has no platform version).
            if w.target != .ecsEc2 { properties["PlatformVersion"] = "LATEST" }
            dependsOn += FileSystemSection.mountTargetDependencies(c, w)
        }
        var service = CFNResource("AWS::ECS::Service", properties, group: w.name)
        service.dependsOn = dependsOn
        c.add(n.service(w.name), service)
    }

    static let startBuiltServicesParameter = "StartBuiltServices"
    static let startsBuiltServicesCondition = "StartsBuiltServices"

    /// A service built from the project's source cannot start before its image is in ECR, and ECR
    /// repositories come with the stack: `StartBuiltServices=false` holds such services at 0 tasks, so a
    /// first deploy creates everything, the images are pushed, and the next deploy starts them.
    static func builtServiceCount(_ c: inout CFNContext, _ w: Workload, _ count: Int) -> CFNValue {
        guard w.image.repository != nil else { return .int(count) }
        if c.template.parameters[startBuiltServicesParameter] == nil {
            var parameter = CFNParameter(description: "false: the services built from this project's source run 0 tasks, for a first deploy before their images are pushed to ECR (ferry deploy sets it from what ECR holds).", default: "true")
            parameter.allowedValues = ["true", "false"]
            c.template.parameters[startBuiltServicesParameter] = parameter
            c.template.conditions[startsBuiltServicesCondition] = .equals(.ref(startBuiltServicesParameter), "true")
        }
        return .if(startsBuiltServicesCondition, .int(count), .int(0))
    }

    // MARK: scaling

    static func renderScaling(_ c: inout CFNContext, _ w: Workload, _ scaling: ScalingPolicy) {
        let n = c.names
        let target = n.id(w.name, "ScalableTarget")
        c.add(target, CFNResource("AWS::ApplicationAutoScaling::ScalableTarget", [
            "MinCapacity": builtServiceCount(&c, w, max(0, w.capacity.minimum)),
            "MaxCapacity": .int(max(w.capacity.minimum, w.capacity.maximum, 1)),
            "ResourceId": .sub("service/${Cluster}/${\(n.service(w.name)).Name}", [:]),
            "ScalableDimension": "ecs:service:DesiredCount",
            "ServiceNamespace": "ecs",
        ], group: w.name))
        var metric: [String: CFNValue]
        switch scaling.metric {
        case .cpu: metric = ["PredefinedMetricType": "ECSServiceAverageCPUUtilization"]
        case .memory: metric = ["PredefinedMetricType": "ECSServiceAverageMemoryUtilization"]
        case .requests:
            metric = ["PredefinedMetricType": "ALBRequestCountPerTarget"]
            if let group = c.blueprint.loadBalancer?.targetGroups.first(where: { $0.workload == w.name }) {
                metric["ResourceLabel"] = .join("/", [c.loadBalancerFullName, .getAtt(n.targetGroup(group.name), "TargetGroupFullName")])
            } else {
                c.problem("\(w.name): request-count scaling needs a target group")
                metric = ["PredefinedMetricType": "ECSServiceAverageCPUUtilization"]
            }
        }
        c.add(n.id(w.name, "ScalingPolicy"), CFNResource("AWS::ApplicationAutoScaling::ScalingPolicy", [
            "PolicyName": .sub("${AWS::StackName}-\(w.shortName)-\(scaling.metric.rawValue)", [:]),
            "PolicyType": "TargetTrackingScaling",
            "ScalingTargetId": .ref(target),
            "TargetTrackingScalingPolicyConfiguration": [
                "PredefinedMetricSpecification": .map(metric),
                "TargetValue": number(scaling.targetValue),
                "ScaleInCooldown": .int(scaling.scaleInCooldown),
                "ScaleOutCooldown": .int(scaling.scaleOutCooldown),
            ],
        ], group: w.name))
    }

    /// Integral values as numbers, fractions as their shortest decimal text (CloudFormation accepts both).
    static func number(_ value: Double) -> CFNValue {
        if value.rounded() == value, abs(value) < 1e15 { return .int(Int(value)) }
        return .string(String(value))
    }

    // MARK: scheduled jobs

    static func renderSchedule(_ c: inout CFNContext, _ w: Workload, _ schedule: String) {
        let n = c.names
        let role = c.blueprint.roles.first { $0.assumedBy == "events.amazonaws.com" }.map { n.role($0.name) } ?? "EventsRole"
        if role == "EventsRole" && c.template.resources["EventsRole"] == nil {
            // EventBridge runs the tasks: it may run our task definitions and hand their roles to ECS.
            c.add("EventsRole", CFNResource("AWS::IAM::Role", [
                "AssumeRolePolicyDocument": IdentitySection.assumeRole("events.amazonaws.com"),
                "Description": "EventBridge: runs the scheduled ECS tasks",
                "Policies": [[
                    "PolicyName": "run-scheduled-tasks",
                    "PolicyDocument": IdentitySection.document([
                        ["Effect": "Allow", "Action": ["ecs:RunTask"],
                         "Resource": .sub("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/${AWS::StackName}-*", [:])],
                        ["Effect": "Allow", "Action": ["iam:PassRole"], "Resource": "*",
                         "Condition": ["StringEquals": ["iam:PassedToService": "ecs-tasks.amazonaws.com"]]],
                    ]),
                ]],
            ]))
        }
        c.add(n.id(w.name, "Schedule"), CFNResource("AWS::Events::Rule", [
            "Description": .string("Runs \(w.name) on schedule \(schedule)"),
            "ScheduleExpression": .string(schedule),
            "State": "ENABLED",
            "Targets": [[
                "Id": .string(String(containerName(w).prefix(64))),
                "Arn": c.clusterARN,
                "RoleArn": .getAtt(role, "Arn"),
                "EcsParameters": [
                    "TaskDefinitionArn": .ref(n.taskDefinition(w.name)),
                    "TaskCount": 1,
                    "LaunchType": "FARGATE",
                    "PlatformVersion": "LATEST",
                    "NetworkConfiguration": ["AwsVpcConfiguration": [
                        "AssignPublicIp": "DISABLED",
                        "Subnets": NetworkSection.subnetRefs(c, .private),
                        "SecurityGroups": w.securityGroup.map { [.getAtt(n.securityGroup($0), "GroupId")] } ?? [],
                    ]],
                ],
            ]],
        ], group: w.name))
    }
}
