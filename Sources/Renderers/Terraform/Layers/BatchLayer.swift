import Blueprint

/// `cluster.tf` (AWS Batch), as the CloudFormation renderer's BatchSection: a launch template (IMDSv2 only,
/// encrypted gp3 root volume), a Spot and an on-demand compute environment from zero vCPUs, a job queue
/// trying Spot first, a job definition per job, and EventBridge rules for scheduled jobs.
enum BatchLayer {
    static let file = ClusterLayer.file

    static func render(_ c: TFContext) {
        let b = c.blueprint
        let jobs = b.batchJobs
        guard let env = b.batch, !jobs.isEmpty else { return }
        if b.role(named: env.instanceRole) == nil { c.problem("batch instance role \(env.instanceRole) is not in the Blueprint") }
        let profile = c.label(env.instanceRole)
        c.resource(file, "aws_iam_instance_profile", profile) { $0["role"] = .ref("aws_iam_role.\(profile).name") }
        c.resource(file, "aws_launch_template", "batch") { CapacityLayer.hardenInstances(&$0, rootVolumeGB: env.rootVolumeGB) }
        func computeEnvironment(_ label: String, spot: Bool) {
            c.resource(file, "aws_batch_compute_environment", label) {
                $0["name"] = c.scoped("\(env.name)-\(spot ? "spot" : "on-demand")")
                $0["type"] = "MANAGED"
                $0["state"] = "ENABLED"
                $0.nested("compute_resources") {
                    $0["type"] = spot ? "SPOT" : "EC2"
                    $0["allocation_strategy"] = spot ? "SPOT_PRICE_CAPACITY_OPTIMIZED" : "BEST_FIT_PROGRESSIVE"
                    $0["min_vcpus"] = 0
                    $0["max_vcpus"] = .int(env.maxvCpus)
                    $0["instance_type"] = .strings(env.instanceTypes)
                    $0["subnets"] = NetworkLayer.subnets(c, .private)
                    $0["security_group_ids"] = .list([.ref("aws_security_group.\(c.label(env.securityGroup)).id")])
                    $0["instance_role"] = .ref("aws_iam_instance_profile.\(profile).arn")
                    $0.nested("ec2_configuration") { $0["image_type"] = "ECS_AL2023" }
                    if env.gpu { $0.nested("ec2_configuration") { $0["image_type"] = "ECS_AL2023_NVIDIA" } }
                    $0.nested("launch_template") {
                        $0["launch_template_id"] = .ref("aws_launch_template.batch.id")
                        $0["version"] = .ref("aws_launch_template.batch.latest_version")
                    }
                }
            }
        }
        var order: [String] = []
        if env.spot {
            computeEnvironment("spot", spot: true)
            order.append("aws_batch_compute_environment.spot.arn")
        }
        computeEnvironment("on_demand", spot: false)
        order.append("aws_batch_compute_environment.on_demand.arn")
        c.resource(file, "aws_batch_job_queue", "jobs") {
            $0["name"] = c.scoped(env.name)
            $0["state"] = "ENABLED"
            $0["priority"] = 1
            for (i, ref) in order.enumerated() {
                $0.nested("compute_environment_order") {
                    $0["order"] = .int(i + 1)
                    $0["compute_environment"] = .ref(ref)
                }
            }
        }
        for job in jobs {
            renderJobDefinition(c, job, env)
            if let schedule = job.schedule { renderSchedule(c, job, schedule) }
        }
    }

    static func renderJobDefinition(_ c: TFContext, _ w: Workload, _ env: BatchEnvironment) {
        let l = c.label(w.name)
        func requirement(_ type: String, _ value: Int) -> HCLValue {
            .object([HCLAttribute("type", .string(type)), HCLAttribute("value", .string(String(value)))])
        }
        var requirements = [requirement("VCPU", max(1, w.size.cpu / 1024)), requirement("MEMORY", w.size.memory)]
        if let gpus = w.gpuCount, gpus > 0 { requirements.append(requirement("GPU", gpus)) }
        var container: [HCLAttribute] = [
            HCLAttribute("image", TaskDefinitionLayer.image(c, w)),
            HCLAttribute("resourceRequirements", .list(requirements)),
            HCLAttribute("jobRoleArn", .ref("aws_iam_role.\(TFNames.label(w.taskRole)).arn")),
            HCLAttribute("executionRoleArn", .ref("aws_iam_role.\(TFNames.label(w.executionRole)).arn")),
            HCLAttribute("privileged", false),
        ]
        let (environment, secrets) = TaskDefinitionLayer.variables(c, w)
        if !environment.isEmpty { container.append(HCLAttribute("environment", .list(environment))) }
        if !secrets.isEmpty { container.append(HCLAttribute("secrets", .list(secrets))) }
        if let command = w.command, !command.isEmpty { container.append(HCLAttribute("command", .strings(command))) }
        if let user = w.user, !user.isEmpty { container.append(HCLAttribute("user", .string(user))) }
        if w.readonlyRootFilesystem { container.append(HCLAttribute("readonlyRootFilesystem", true)) }
        container.append(TaskDefinitionLayer.logConfiguration(c, w))
        for role in [w.executionRole, w.taskRole] where c.blueprint.role(named: role) == nil {
            c.problem("\(w.name): role \(role) is not in the Blueprint")
        }
        c.resource(file, "aws_batch_job_definition", l) {
            $0["name"] = c.scoped(w.shortName)
            $0["type"] = "container"
            $0["platform_capabilities"] = .strings(["EC2"])
            $0["propagate_tags"] = true
            $0["container_properties"] = .call("jsonencode", [.object(container)])
            // A host that went away (Spot reclaim) is retried; an application failure ends the job.
            $0.nested("retry_strategy") {
                $0["attempts"] = .int(env.attempts)
                $0.nested("evaluate_on_exit") {
                    $0["on_status_reason"] = "Host EC2*"
                    $0["action"] = "RETRY"
                }
                $0.nested("evaluate_on_exit") {
                    $0["on_reason"] = "*"
                    $0["action"] = "EXIT"
                }
            }
            $0.nested("timeout") { $0["attempt_duration_seconds"] = .int(env.attemptTimeoutSeconds) }
        }
    }

    static func renderSchedule(_ c: TFContext, _ w: Workload, _ schedule: String) {
        let l = c.label(w.name)
        if !(c.files[file] ?? []).contains(where: { $0.labels == ["aws_iam_role", "batch_events"] }) {
            c.resource(file, "aws_iam_role", "batch_events") {
                $0["description"] = "EventBridge: submits the scheduled Batch jobs"
                $0["assume_role_policy"] = IdentityLayer.assumeRole(c, "events.amazonaws.com")
            }
            let definitions = TFContext.join(c.arnPrefix("batch") + [.text("job-definition/"), .interpolation("local.name_prefix"), .text("-*")])
            c.resource(file, "aws_iam_role_policy", "batch_events") {
                $0["name"] = "submit-scheduled-jobs"
                $0["role"] = .ref("aws_iam_role.batch_events.id")
                $0["policy"] = IdentityLayer.document([
                    [HCLAttribute("Effect", "Allow"), HCLAttribute("Action", .strings(["batch:SubmitJob"])),
                     HCLAttribute("Resource", .list([.ref("aws_batch_job_queue.jobs.arn"), definitions]))],
                ])
            }
        }
        c.resource(file, "aws_cloudwatch_event_rule", l) {
            $0["description"] = .string("Submits \(w.name) on schedule \(schedule)")
            $0["schedule_expression"] = .string(schedule)
            $0["state"] = "ENABLED"
        }
        c.resource(file, "aws_cloudwatch_event_target", l) {
            $0["rule"] = .ref("aws_cloudwatch_event_rule.\(l).name")
            $0["target_id"] = .string(String(AWSRules.containerName(w).prefix(64)))
            $0["arn"] = .ref("aws_batch_job_queue.jobs.arn")
            $0["role_arn"] = .ref("aws_iam_role.batch_events.arn")
            $0.nested("batch_target") {
                $0["job_definition"] = .ref("aws_batch_job_definition.\(l).arn")
                $0["job_name"] = .string(String(w.shortName.prefix(128)))
            }
        }
    }
}
