import Blueprint

/// AWS Batch for training and batch jobs: a launch template (IMDSv2 only, one hop so containers cannot
/// reach the instance role; jobs use their own role; encrypted gp3 root volume),
/// a Spot compute environment and an on-demand one (both from zero vCPUs, in the private subnets),
/// a job queue trying Spot first, and a job definition per job (its image, variables, secrets, roles
/// and logs; Spot reclaims retried, application failures not). Scheduled jobs get an EventBridge rule.
enum BatchSection {
    static let launchTemplate = "BatchLaunchTemplate"
    static let spot = "BatchSpotComputeEnvironment"
    static let onDemand = "BatchOnDemandComputeEnvironment"
    static let queue = "BatchJobQueue"
    static let eventsRole = "BatchEventsRole"

    static func render(_ c: inout CFNContext) {
        let b = c.blueprint
        let jobs = b.batchJobs
        guard let env = b.batch, !jobs.isEmpty else { return }
        let n = c.names
        if b.role(named: env.instanceRole) == nil { c.problem("batch instance role \(env.instanceRole) is not in the Blueprint") }
        if !b.network.securityGroups.contains(where: { $0.name == env.securityGroup }) {
            c.problem("batch security group \(env.securityGroup) is not in the Blueprint")
        }
        let profile = n.instanceProfile(env.instanceRole)
        c.add(profile, CFNResource("AWS::IAM::InstanceProfile", ["Roles": [.ref(n.role(env.instanceRole))]], group: "aws-batch"))
        c.add(launchTemplate, CFNResource("AWS::EC2::LaunchTemplate", ["LaunchTemplateData": [
            "MetadataOptions": ["HttpEndpoint": "enabled", "HttpTokens": "required", "HttpPutResponseHopLimit": 1],
            "BlockDeviceMappings": [[
                "DeviceName": "/dev/xvda",
                "Ebs": ["VolumeSize": .int(env.rootVolumeGB), "VolumeType": "gp3", "Encrypted": true, "DeleteOnTermination": true],
            ]],
        ]], group: "aws-batch"))
        var images: [CFNValue] = [["ImageType": "ECS_AL2023"]]
        if env.gpu { images.append(["ImageType": "ECS_AL2023_NVIDIA"]) }
        func computeEnvironment(spot: Bool) -> CFNResource {
            CFNResource("AWS::Batch::ComputeEnvironment", [
                "Type": "MANAGED",
                "State": "ENABLED",
                "ComputeResources": [
                    "Type": spot ? "SPOT" : "EC2",
                    "AllocationStrategy": spot ? "SPOT_PRICE_CAPACITY_OPTIMIZED" : "BEST_FIT_PROGRESSIVE",
                    "MinvCpus": 0,
                    "MaxvCpus": .int(env.maxvCpus),
                    "InstanceTypes": .list(env.instanceTypes.map { .string($0) }),
                    "Subnets": NetworkSection.subnetRefs(c, .private),
                    "SecurityGroupIds": [.getAtt(n.securityGroup(env.securityGroup), "GroupId")],
                    "InstanceRole": .getAtt(profile, "Arn"),
                    "Ec2Configuration": .list(images),
                    "LaunchTemplate": ["LaunchTemplateId": .ref(launchTemplate), "Version": .getAtt(launchTemplate, "LatestVersionNumber")],
                ],
            ], group: "aws-batch")
        }
        var order: [CFNValue] = []
        if env.spot {
            c.add(spot, computeEnvironment(spot: true))
            order.append(["Order": 1, "ComputeEnvironment": .ref(spot)])
        }
        c.add(onDemand, computeEnvironment(spot: false))
        order.append(["Order": .int(order.count + 1), "ComputeEnvironment": .ref(onDemand)])
        c.add(queue, CFNResource("AWS::Batch::JobQueue", [
            "JobQueueName": c.stackScoped(env.name),
            "Priority": 1,
            "State": "ENABLED",
            "ComputeEnvironmentOrder": .list(order),
        ], group: "aws-batch"))
        for job in jobs {
            renderJobDefinition(&c, job, env)
            if let schedule = job.schedule { renderSchedule(&c, job, schedule) }
        }
    }

    static func renderJobDefinition(_ c: inout CFNContext, _ w: Workload, _ env: BatchEnvironment) {
        let n = c.names
        var requirements: [CFNValue] = [
            ["Type": "VCPU", "Value": .string(String(max(1, w.size.cpu / 1024)))],
            ["Type": "MEMORY", "Value": .string(String(w.size.memory))],
        ]
        if let gpus = w.gpuCount, gpus > 0 { requirements.append(["Type": "GPU", "Value": .string(String(gpus))]) }
        var container: [String: CFNValue] = [
            "Image": WorkloadSection.image(&c, w),
            "ResourceRequirements": .list(requirements),
            "JobRoleArn": .getAtt(n.role(w.taskRole), "Arn"),
            "ExecutionRoleArn": .getAtt(n.role(w.executionRole), "Arn"),
            "LogConfiguration": [
                "LogDriver": "awslogs",
                "Options": [
                    "awslogs-group": .ref(n.logGroup(w.logGroup)),
                    "awslogs-region": .region,
                    "awslogs-stream-prefix": .string(WorkloadSection.containerName(w)),
                ],
            ],
            "Privileged": false,
        ]
        let (environment, secrets) = WorkloadSection.variables(&c, w)
        if !environment.isEmpty { container["Environment"] = .list(environment) }
        if !secrets.isEmpty { container["Secrets"] = .list(secrets) }
        if let command = w.command, !command.isEmpty { container["Command"] = .list(command.map { .string($0) }) }
        if let user = w.user, !user.isEmpty { container["User"] = .string(user) }
        if w.readonlyRootFilesystem { container["ReadonlyRootFilesystem"] = true }
        WorkloadSection.checkRoles(&c, w)
        c.add(n.id(w.name, "JobDefinition"), CFNResource("AWS::Batch::JobDefinition", [
            "JobDefinitionName": c.stackScoped(w.shortName),
            "Type": "container",
            "PlatformCapabilities": ["EC2"],
            "PropagateTags": true,
            "ContainerProperties": .map(container),
            // A host that went away (Spot reclaim) is retried; an application failure ends the job.
            "RetryStrategy": [
                "Attempts": .int(env.attempts),
                "EvaluateOnExit": [
                    ["OnStatusReason": "Host EC2*", "Action": "RETRY"],
                    ["OnReason": "*", "Action": "EXIT"],
                ],
            ],
            "Timeout": ["AttemptDurationSeconds": .int(env.attemptTimeoutSeconds)],
        ], group: w.name))
    }

    static func renderSchedule(_ c: inout CFNContext, _ w: Workload, _ schedule: String) {
        let n = c.names
        if c.template.resources[eventsRole] == nil {
            c.add(eventsRole, CFNResource("AWS::IAM::Role", [
                "AssumeRolePolicyDocument": IdentitySection.assumeRole("events.amazonaws.com"),
                "Description": "EventBridge: submits the scheduled Batch jobs",
                "Policies": [[
                    "PolicyName": "submit-scheduled-jobs",
                    "PolicyDocument": IdentitySection.document([
                        ["Effect": "Allow", "Action": ["batch:SubmitJob"],
                         "Resource": [
                            .ref(queue),
                            .sub("arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job-definition/${AWS::StackName}-*", [:]),
                         ]],
                    ]),
                ]],
            ], group: "aws-batch"))
        }
        c.add(n.id(w.name, "Schedule"), CFNResource("AWS::Events::Rule", [
            "Description": .string("Submits \(w.name) on schedule \(schedule)"),
            "ScheduleExpression": .string(schedule),
            "State": "ENABLED",
            "Targets": [[
                "Id": .string(String(WorkloadSection.containerName(w).prefix(64))),
                "Arn": .ref(queue),
                "RoleArn": .getAtt(eventsRole, "Arn"),
                "BatchParameters": ["JobDefinition": .ref(n.id(w.name, "JobDefinition")), "JobName": .string(String(w.shortName.prefix(128)))],
            ]],
        ], group: w.name))
    }
}
