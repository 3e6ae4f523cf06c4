import Blueprint

/// What the guide says about GPU workloads (`ecs-ec2`): their mapping row, and the checklist steps
/// for their EC2 capacity, starting with the GPU instance quota, which new accounts often lack.
enum GPUGuide {
    /// The mapping row's "On AWS" cell for a service on GPU instances.
    static func target(_ service: ServicePlan, _ context: GuideContext) -> String? {
        guard service.target == .ecsEc2, let provider = provider(of: service.name, context) else { return nil }
        let exposure = service.role == .web ? (context.blueprint.loadBalancer != nil ? " + ALB" : " (public)") : " (private)"
        return "ECS on EC2 GPU instances (" + Markdown.code(provider.instanceType) + ")" + exposure
    }

    /// The mapping row's note: GPUs, instances, and the alternatives to weigh.
    static func note(_ w: Workload, _ context: GuideContext) -> String? {
        guard w.target == .ecsEc2, let provider = provider(of: w.name, context) else { return nil }
        let gpus = w.gpuCount ?? provider.gpusPerInstance
        return "\(gpus) GPU\(gpus == 1 ? "" : "s") on " + Markdown.code(provider.instanceType)
            + ", \(provider.minSize)–\(provider.maxSize) instances (Fargate has no GPUs); "
            + "alternatives: a SageMaker real-time endpoint for model serving, a hosted model API (Bedrock) for LLM inference"
    }

    /// Checklist lines for the services step: the quota first, then each capacity provider.
    static func checklist(_ context: GuideContext) -> [String] {
        let b = context.blueprint
        let providers = b.ec2CapacityProviders
        guard !providers.isEmpty else { return [] }
        let vcpus = providers.reduce(0) { $0 + (GPUInstanceSizes.size($1.instanceType)?.vcpus ?? 0) * max(1, $1.maxSize) }
        var lines = [Markdown.task("Before the first deploy, request a Service Quotas increase for EC2 "
                                   + "**Running On-Demand G and VT instances** to at least \(vcpus) vCPUs in "
                                   + Markdown.escape(b.region) + " (new accounts often have 0, and the Auto Scaling group "
                                   + "cannot launch an instance without it): "
                                   + Markdown.code("aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-DB2E81BA --desired-value \(vcpus) --region \(b.region)"))]
        for p in providers {
            let size = GPUInstanceSizes.size(p.instanceType)
            let shape = size.map { " (\($0.gpus) GPU, \($0.vcpus) vCPU, \($0.memoryMiB / 1024) GiB)" } ?? ""
            lines.append(Markdown.task("GPU capacity for " + Markdown.code(context.workload(p.workload)?.shortName ?? p.workload) + ": "
                                       + "Auto Scaling group of " + Markdown.code(p.instanceType) + shape
                                       + " in the private subnets, \(p.minSize)–\(p.maxSize) instances, the ECS GPU AMI from "
                                       + Markdown.code(p.amiParameter) + ", IMDSv2 only, encrypted \(p.rootVolumeGB) GB root volume; "
                                       + "an ECS capacity provider with managed scaling and termination protection"))
        }
        return lines
    }

    private static func provider(of workload: String, _ context: GuideContext) -> EC2CapacityProvider? {
        context.workload(workload)?.capacityProvider.flatMap { context.blueprint.capacityProvider(named: $0) }
    }
}
