import Blueprint

/// One Fargate task definition per workload; the container definition is the JSON ECS reads
/// (`jsonencode`), with secrets by ARN (`valueFrom`) and never by value.
enum TaskDefinitionLayer {
    static func render(_ c: TFContext, _ w: Workload) {
        let l = c.label(w.name)
        var container: [HCLAttribute] = [
            HCLAttribute("name", .string(AWSRules.containerName(w))),
            HCLAttribute("image", image(c, w)),
            HCLAttribute("essential", true),
        ]
        if !w.ports.isEmpty {
            container.append(HCLAttribute("portMappings", .list(w.ports.map { port in
                .object([HCLAttribute("containerPort", .int(port.port)), HCLAttribute("protocol", .string(port.proto == "udp" ? "udp" : "tcp"))])
            })))
        }
        let (environment, secrets) = variables(c, w)
        if !environment.isEmpty { container.append(HCLAttribute("environment", .list(environment))) }
        if !secrets.isEmpty { container.append(HCLAttribute("secrets", .list(secrets))) }
        if let check = w.healthCheck, !check.command.isEmpty {
            container.append(HCLAttribute("healthCheck", .object([
                HCLAttribute("command", .strings(check.command)),
                HCLAttribute("interval", .int(AWSRules.clamp(check.interval, 5, 300))),
                HCLAttribute("timeout", .int(AWSRules.clamp(check.timeout, 2, 60))),
                HCLAttribute("retries", .int(AWSRules.clamp(check.retries, 1, 10))),
                HCLAttribute("startPeriod", .int(AWSRules.clamp(check.startPeriod, 0, 300))),
            ])))
        }
        if let command = w.command, !command.isEmpty { container.append(HCLAttribute("command", .strings(command))) }
        if let entrypoint = w.entrypoint, !entrypoint.isEmpty { container.append(HCLAttribute("entryPoint", .strings(entrypoint))) }
        if let dir = w.workingDirectory, !dir.isEmpty { container.append(HCLAttribute("workingDirectory", .string(dir))) }
        if let user = w.user, !user.isEmpty { container.append(HCLAttribute("user", .string(user))) }
        if let stop = w.stopTimeout { container.append(HCLAttribute("stopTimeout", .int(AWSRules.clamp(stop, 0, 120)))) }
        if w.readonlyRootFilesystem { container.append(HCLAttribute("readonlyRootFilesystem", true)) }
        if let credentials = w.image.pullCredentialsSecret, !credentials.isEmpty {
            var value: HCLValue = .string(credentials)
            if !credentials.hasPrefix("arn:") {
                let name = TFContext.pullCredentialsVariable(w)
                c.variable(TFVariable(name: name, type: "string",
                                      description: "ARN of the Secrets Manager secret with registry credentials for \(w.name)'s image (x-aws-pull_credentials)."))
                value = .ref("var.\(name)")
            }
            container.append(HCLAttribute("repositoryCredentials", .object([HCLAttribute("credentialsParameter", value)])))
        }
        if !w.scratchVolumes.isEmpty || !w.fileMounts.isEmpty {
            container.append(HCLAttribute("mountPoints", .list(w.scratchVolumes.map { volume in
                .object([HCLAttribute("sourceVolume", .string(AWSRules.volumeName(volume.name))),
                         HCLAttribute("containerPath", .string(volume.containerPath)),
                         HCLAttribute("readOnly", .bool(volume.readOnly))])
            } + FileSystemLayer.mountPoints(w))))
        }
        if w.target == .ecsEc2, let gpus = w.gpuCount, gpus > 0 {
            container.append(HCLAttribute("resourceRequirements", .list([.object([HCLAttribute("type", "GPU"), HCLAttribute("value", .string(String(gpus)))])])))
        }
        container.append(logConfiguration(c, w))
        for role in [w.executionRole, w.taskRole] where c.blueprint.role(named: role) == nil {
            c.problem("\(w.name): role \(role) is not in the Blueprint")
        }
        if !c.blueprint.logGroups.contains(where: { $0.name == w.logGroup }) {
            c.problem("\(w.name): log group \(w.logGroup) is not in the Blueprint")
        }
        let family = c.scoped(w.shortName)
        let definitions = HCLValue.call("jsonencode", [.list([.object(container)])])
        c.resource(ClusterLayer.file, "aws_ecs_task_definition", l) {
            $0["family"] = family
            $0["cpu"] = .string(String(w.size.cpu))
            $0["memory"] = .string(String(w.size.memory))
            $0["network_mode"] = "awsvpc"
            $0["requires_compatibilities"] = .strings([w.target == .ecsEc2 ? "EC2" : "FARGATE"])
            $0["execution_role_arn"] = .ref("aws_iam_role.\(TFNames.label(w.executionRole)).arn")
            $0["task_role_arn"] = .ref("aws_iam_role.\(TFNames.label(w.taskRole)).arn")
            $0["container_definitions"] = definitions
            $0.nested("runtime_platform") {
                $0["operating_system_family"] = "LINUX"
                $0["cpu_architecture"] = .string(AWSRules.cpuArchitecture(w))
            }
            var seen: Set<String> = []
            for volume in w.scratchVolumes where seen.insert(AWSRules.volumeName(volume.name)).inserted {
                $0.nested("volume") { $0["name"] = .string(AWSRules.volumeName(volume.name)) }
            }
            FileSystemLayer.taskVolumes(c, w, into: &$0)
        }
    }

    /// Plain variables (`environment`) and those read from Secrets Manager or SSM at start (`secrets`), in
    /// the JSON shape ECS container definitions and Batch container properties share.
    static func variables(_ c: TFContext, _ w: Workload) -> (environment: [HCLValue], secrets: [HCLValue]) {
        var environment: [HCLValue] = []
        var secrets: [HCLValue] = []
        for variable in w.environment.sorted(by: { $0.name < $1.name }) where variable.disposition != .removed {
            func pair(_ key: String, _ value: HCLValue) -> HCLValue {
                .object([HCLAttribute("name", .string(variable.name)), HCLAttribute(key, value)])
            }
            switch variable.value {
            case .unset: continue
            case .literal(let text): environment.append(pair("value", .string(text)))
            case .reference(let ref): environment.append(pair("value", c.resolve(ref).hcl))
            case .template(let text, let parts): environment.append(pair("value", c.substitute(text, parts: parts)))
            case .parameter(let name):
                guard let spec = c.blueprint.parameter(named: name) else {
                    c.problem("\(w.name): \(variable.name) names parameter \(name), which the Blueprint does not define")
                    continue
                }
                secrets.append(pair("valueFrom", .ref("aws_ssm_parameter.\(c.label(spec.name)).arn")))
            case .secret(let name, let key):
                guard let spec = c.blueprint.secret(named: name) else {
                    c.problem("\(w.name): \(variable.name) names secret \(name), which the Blueprint does not define")
                    continue
                }
                let arn = c.secretARN(spec)
                // `arn:json-key:version-stage:version-id`: ECS extracts one key of a JSON secret.
                if let key, case .expression(let e) = arn {
                    secrets.append(pair("valueFrom", .template([.interpolation(e), .text(":\(key)::")])))
                } else {
                    secrets.append(pair("valueFrom", arn.hcl))
                }
            }
        }
        return (environment, secrets)
    }

    /// The container's awslogs settings (ECS container definitions and Batch container properties alike).
    static func logConfiguration(_ c: TFContext, _ w: Workload) -> HCLAttribute {
        HCLAttribute("logConfiguration", .object([
            HCLAttribute("logDriver", "awslogs"),
            HCLAttribute("options", .object([
                HCLAttribute("awslogs-group", .ref("aws_cloudwatch_log_group.\(c.label(w.logGroup)).name")),
                HCLAttribute("awslogs-region", .ref("var.region")),
                HCLAttribute("awslogs-stream-prefix", .string(AWSRules.containerName(w))),
            ])),
        ]))
    }

    static func image(_ c: TFContext, _ w: Workload) -> HCLValue {
        if let repository = w.image.repository {
            let url = "aws_ecr_repository.\(c.repositoryLabel(repository)).repository_url"
            if w.image.tagParameter != nil {
                return .template([.interpolation(url), .text(":"), .interpolation("var.\(ClusterLayer.imageTagVariable(w, c.blueprint))")])
            }
            return .template([.interpolation(url), .text(":latest")])
        }
        return .string(w.image.image ?? AWSRules.fallbackImage)
    }
}
